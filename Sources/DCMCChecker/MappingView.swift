import DCMCDiagnostics
import DCMCSyntax

/// A mapping node whose keys were checked against the allowed ones.
struct MappingView {
  let node: Node
  let entries: [MappingEntry]
  /// What the mapping is, for messages: "task 'handle'", "calendar 'office'".
  let subject: String

  func entry(_ key: String) -> MappingEntry? {
    entries.first { $0.key == key }
  }

  func value(_ key: String) -> Node? {
    entry(key)?.value
  }

  var range: SourceRange { node.range }

  /// Where a missing key is reported: the start of the mapping.
  var headRange: SourceRange {
    SourceRange(file: node.range.file, start: node.range.start, end: node.range.start)
  }
}
