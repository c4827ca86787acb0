import DCMCDiagnostics
import DCMCSyntax

/// A mapping node whose keys were checked against the allowed ones.
struct MappingView {
  let node: Node
  let entries: [MappingEntry]
  /// What the mapping is, for messages: "task 'handle'", "calendar 'office'".
  let subject: String

  func entry(_ key: String) -> MappingEntry? {
    index(of: key).map { entries[$0] }
  }

  func value(_ key: String) -> Node? {
    index(of: key).map { entries[$0].value }
  }

  /// Where `key` is among the entries. Keys are compared in place, not copied out of the
  /// array, and by length first: most keys a lookup passes differ in length, and that test
  /// is much cheaper than a failed string comparison.
  func index(of key: String) -> Int? {
    MappingView.index(of: key, in: entries)
  }

  static func index(of key: String, in entries: [MappingEntry]) -> Int? {
    let length = key.utf8.count
    for index in entries.indices where entries[index].key.utf8.count == length && entries[index].key == key {
      return index
    }
    return nil
  }

  /// Whether `key` is among `keys`, with the same length-first comparison.
  static func contains(_ keys: [String], _ key: String) -> Bool {
    let length = key.utf8.count
    return keys.contains { $0.utf8.count == length && $0 == key }
  }

  var range: SourceRange { node.range }

  /// Where a missing key is reported: the start of the mapping.
  var headRange: SourceRange {
    SourceRange(file: node.range.file, start: node.range.start, end: node.range.start)
  }
}
