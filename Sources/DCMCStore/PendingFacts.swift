/// `facts/pending` as read (`docs/store.md`, "Report facts"): an append-only journal of the
/// changes whose facts may not be on disk yet. Each change adds, before its histories'
/// appends and flushed with them, one line per history it appends (a case ID, or `presence `
/// and a user); once its facts are written, not flushed, a `written` line names where they went:
/// `written DAY:FROM:TO ...`, the UTC day (days since the epoch) and the byte range of its file.
///
/// A change is settled when its `written` line is whole and each range it names holds whole
/// facts: a crash, or a power loss that took the facts' bytes, leaves a change unsettled, and
/// its histories' facts are written again from them.
struct PendingFacts {
  /// The bytes of one change's facts in one day file.
  struct Range: Hashable {
    var day: Int
    var from: Int
    var to: Int
  }

  /// One change: the histories it appended, and where its facts went (`nil`: not yet written,
  /// or the line was torn).
  struct Change {
    var names: [String] = []
    var written: [Range]?
  }

  var changes: [Change] = []

  static let writtenPrefix = "written "

  init(_ bytes: [UInt8]) {
    var current = Change()
    let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() where !line.isEmpty {
      let text = String(decoding: line, as: UTF8.self)
      guard text.hasPrefix(Self.writtenPrefix) else {
        current.names.append(text)
        continue
      }
      // A line without its line feed was cut short: the change stays unwritten.
      if index < lines.count - 1 { current.written = Self.ranges(text.dropFirst(Self.writtenPrefix.count)) }
      changes.append(current)
      current = Change()
    }
    if !current.names.isEmpty { changes.append(current) }
  }

  var isEmpty: Bool { changes.isEmpty }

  /// Every history named, in order, once.
  var names: [String] {
    var seen = Set<String>()
    return changes.flatMap(\.names).filter { seen.insert($0).inserted }
  }

  /// The lines that name `names` (added before their appends).
  static func encode(names: [String]) -> [UInt8] { Array(names.map { $0 + "\n" }.joined().utf8) }

  /// The line that says a change's facts went to `ranges`.
  static func encode(written ranges: [Range]) -> [UInt8] {
    Array((writtenPrefix + ranges.map { "\($0.day):\($0.from):\($0.to)" }.joined(separator: " ") + "\n").utf8)
  }

  private static func ranges(_ text: Substring) -> [Range]? {
    var ranges: [Range] = []
    for field in text.split(separator: " ") {
      let parts = field.split(separator: ":").compactMap { Int($0) }
      guard parts.count == 3, parts[1] <= parts[2] else { return nil }
      ranges.append(Range(day: parts[0], from: parts[1], to: parts[2]))
    }
    return ranges
  }
}
