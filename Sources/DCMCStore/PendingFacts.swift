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
  /// or the line was torn); whether its names were written without a flush of their own
  /// (`again`: each was named by an earlier, flushed line); the length of each history's log
  /// after the change, in the order of `names` (`nil`: not recorded, as an older dcmc wrote).
  struct Change {
    var names: [String] = []
    var written: [Range]?
    var again = false
    var ends: [Int]?
  }

  var changes: [Change] = []

  static let writtenPrefix = "written "
  static let againPrefix = "again "

  init(_ bytes: [UInt8]) {
    var current = Change()
    let lines = bytes.split(separator: 10, omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() where !line.isEmpty {
      let text = String(decoding: line, as: UTF8.self)
      guard text.hasPrefix(Self.writtenPrefix) else {
        if text.hasPrefix(Self.againPrefix) {
          current.again = true
          current.names.append(String(text.dropFirst(Self.againPrefix.count)))
        } else {
          current.names.append(text)
        }
        continue
      }
      // A line without its line feed was cut short: the change stays unwritten.
      if index < lines.count - 1 {
        let fields = text.dropFirst(Self.writtenPrefix.count).split(separator: " ")
        current.written = Self.ranges(fields.filter { !$0.hasPrefix("@") })
        let ends = fields.filter { $0.hasPrefix("@") }.compactMap { Int($0.dropFirst()) }
        if !ends.isEmpty, ends.count == current.names.count { current.ends = ends }
      }
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

  /// The lines that name `names` (added before their appends); `again`: names an earlier
  /// flushed line gave, written without a flush.
  static func encode(names: [String], again: Bool = false) -> [UInt8] {
    Array(names.map { (again ? againPrefix : "") + $0 + "\n" }.joined().utf8)
  }

  /// The line that says a change's facts went to `ranges`, and its histories' logs ended at
  /// `ends` (`@LENGTH` each, in the order of its names; none for presence changes).
  static func encode(written ranges: [Range], ends: [Int] = []) -> [UInt8] {
    let fields = ranges.map { "\($0.day):\($0.from):\($0.to)" } + ends.map { "@\($0)" }
    return Array((writtenPrefix + fields.joined(separator: " ") + "\n").utf8)
  }

  /// Each case history's log length as the newest change naming it recorded it, for the
  /// histories whose newest change recorded one: a log longer than that was appended to by a
  /// change the journal lost (written without its own flush, then a power cut).
  var recordedEnds: [String: Int] {
    var ends: [String: Int] = [:]
    for change in changes {
      for (index, name) in change.names.enumerated() { ends[name] = change.ends?[index] }
    }
    return ends
  }

  /// The histories named by a flushed line (not `again`) of a change whose `written` line is
  /// whole and recorded its log's length: a later change to them needs no flush of its names.
  var durablyNamed: Set<String> {
    Set(changes.filter { !$0.again && $0.written != nil && $0.ends != nil }.flatMap(\.names))
  }

  private static func ranges(_ fields: [Substring]) -> [Range]? {
    var ranges: [Range] = []
    for field in fields {
      let parts = field.split(separator: ":").compactMap { Int($0) }
      guard parts.count == 3, parts[1] <= parts[2] else { return nil }
      ranges.append(Range(day: parts[0], from: parts[1], to: parts[2]))
    }
    return ranges
  }
}
