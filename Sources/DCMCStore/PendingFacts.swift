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
  struct Change: Equatable {
    var names: [String] = []
    var written: [Range]?
    var again = false
    var ends: [Int]?
  }

  /// The changes read whole: each ends with a `written` line and its line feed.
  private var whole: [Change] = []
  /// The change after them, not whole (names without their `written` line, or with one cut
  /// short): only the journal's end can hold one.
  private var open: Change?
  /// How many of the journal's bytes `whole` was read from: a journal that still begins with
  /// them is read on from there (`read(_:)`).
  private(set) var wholeLength = 0
  /// `recordedEnds` of `whole`, kept as each change is read.
  private var wholeEnds: [String: Int] = [:]
  /// The histories named by a flushed line (not `again`) of a change whose `written` line is
  /// whole and recorded its log's length: a later change to them needs no flush of its names.
  /// Kept as each change is read (the change not whole, if any, names none).
  private(set) var durablyNamed: Set<String> = []

  static let writtenPrefix = "written "
  static let againPrefix = "again "

  init() {}

  /// Parses the journal's bytes as bytes: it is read at the start of every change, so its
  /// lines are not made strings first (only the names are).
  init(_ bytes: [UInt8]) { read(bytes) }

  /// The journal's changes, in order; the one not whole, if any, last.
  var changes: [Change] { open.map { whole + [$0] } ?? whole }

  /// Reads `bytes`, a journal whose first `wholeLength` bytes are those this was read from
  /// (the caller compares them): only what follows is parsed, the changes read whole kept and
  /// the one not whole read again. The changes and figures are those `init(_:)` gives for
  /// `bytes`: a change read whole ends with a line feed, where the next line starts.
  mutating func read(_ bytes: [UInt8]) {
    open = nil
    var current = Change()
    var start = wholeLength
    while start < bytes.count {
      let newline = bytes[start...].firstIndex(of: 10)
      let line = bytes[start..<(newline ?? bytes.count)]
      start = (newline ?? bytes.count) + 1
      if line.isEmpty { continue }
      guard line.starts(with: Self.writtenBytes) else {
        if line.starts(with: Self.againBytes) {
          current.again = true
          current.names.append(String(decoding: line.dropFirst(Self.againBytes.count), as: UTF8.self))
        } else {
          current.names.append(String(decoding: line, as: UTF8.self))
        }
        continue
      }
      // A line without its line feed (the journal's last) was cut short: the change stays
      // unwritten, and not whole.
      guard newline != nil else {
        open = current
        return
      }
      let (ranges, ends) = Self.written(line.dropFirst(Self.writtenBytes.count))
      current.written = ranges
      if !ends.isEmpty, ends.count == current.names.count { current.ends = ends }
      add(current)
      wholeLength = start
      current = Change()
    }
    if !current.names.isEmpty { open = current }
  }

  /// Adds a change read whole, with its names' recorded ends and whether they are durable.
  private mutating func add(_ change: Change) {
    whole.append(change)
    for (index, name) in change.names.enumerated() { wholeEnds[name] = change.ends?[index] }
    if !change.again, change.written != nil, change.ends != nil { durablyNamed.formUnion(change.names) }
  }

  private static let writtenBytes = Array(writtenPrefix.utf8)
  private static let againBytes = Array(againPrefix.utf8)

  /// A decimal integer, as `Int(_:)` reads one: an optional sign, then digits, in range.
  private static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
    var digits = bytes
    let negative = digits.first == 45
    if negative || digits.first == 43 { digits = digits.dropFirst() }
    guard !digits.isEmpty else { return nil }
    var value = 0
    for byte in digits {
      guard (48...57).contains(byte) else { return nil }
      let (times, overflowTimes) = value.multipliedReportingOverflow(by: 10)
      let (next, overflow) = negative
        ? times.subtractingReportingOverflow(Int(byte - 48)) : times.addingReportingOverflow(Int(byte - 48))
      guard !overflowTimes, !overflow else { return nil }
      value = next
    }
    return value
  }

  var isEmpty: Bool { whole.isEmpty && open == nil }

  /// Every history named, in order, once.
  var names: [String] {
    var seen = Set<String>()
    return changes.flatMap(\.names).filter { seen.insert($0).inserted }
  }

  /// The lines that name `names` (added before their appends); `again`: names an earlier
  /// flushed line gave, written without a flush.
  static func encode(names: [String], again: Bool = false) -> [UInt8] {
    var line: [UInt8] = []
    line.reserveCapacity(names.reduce(0) { $0 + $1.utf8.count + 7 })
    for name in names {
      if again { line += againBytes }
      line += name.utf8
      line.append(10)
    }
    return line
  }

  /// The line that says a change's facts went to `ranges`, and its histories' logs ended at
  /// `ends` (`@LENGTH` each, in the order of its names; none for presence changes). Written
  /// straight as bytes, the numbers digit by digit: one is written after every change.
  static func encode(written ranges: [Range], ends: [Int] = []) -> [UInt8] {
    var line = writtenBytes
    line.reserveCapacity(line.count + 24 * ranges.count + 8 * ends.count + 1)
    for (index, range) in ranges.enumerated() {
      if index > 0 { line.append(32) }
      decimal(range.day, into: &line)
      line.append(58)
      decimal(range.from, into: &line)
      line.append(58)
      decimal(range.to, into: &line)
    }
    for (index, end) in ends.enumerated() {
      if index > 0 || !ranges.isEmpty { line.append(32) }
      line.append(64)
      decimal(end, into: &line)
    }
    line.append(10)
    return line
  }

  /// Appends `value` in decimal, as `String(value)` writes it.
  private static func decimal(_ value: Int, into line: inout [UInt8]) {
    if value < 0 { line.append(45) }
    let magnitude = value.magnitude
    var divisor: UInt = 1
    while magnitude / divisor >= 10 { divisor *= 10 }
    while divisor > 0 {
      line.append(UInt8(48 + magnitude / divisor % 10))
      divisor /= 10
    }
  }

  /// Each case history's log length as the newest change naming it recorded it, for the
  /// histories whose newest change recorded one: a log longer than that was appended to by a
  /// change the journal lost (written without its own flush, then a power cut).
  var recordedEnds: [String: Int] {
    guard let open else { return wholeEnds }
    // The change not whole recorded none.
    var ends = wholeEnds
    for name in open.names { ends[name] = nil }
    return ends
  }

  /// The fields of a `written` line after its prefix, separated by spaces (empty ones
  /// skipped): its ranges (`nil` when one is not three integers `DAY:FROM:TO` with `FROM <= TO`)
  /// and its logs' lengths (`@LENGTH`; one that is not an integer is skipped). Read in one pass
  /// over the bytes, without an array per field: the journal is parsed under every lock.
  private static func written(_ fields: ArraySlice<UInt8>) -> (ranges: [Range]?, ends: [Int]) {
    var ranges: [Range]? = []
    var ends: [Int] = []
    var start = fields.startIndex
    while start < fields.endIndex {
      let end = fields[start...].firstIndex(of: 32) ?? fields.endIndex
      let field = fields[start..<end]
      start = end + 1
      guard let first = field.first else { continue }
      if first == 64 {
        if let length = integer(field.dropFirst()) { ends.append(length) }
      } else if ranges != nil {
        if let range = range(field) { ranges?.append(range) } else { ranges = nil }
      }
    }
    return (ranges, ends)
  }

  /// `DAY:FROM:TO`: its integers, separated by colons (empty parts and ones that are not
  /// integers skipped), must be three, `FROM <= TO`.
  private static func range(_ field: ArraySlice<UInt8>) -> Range? {
    var parts = (0, 0, 0)
    var count = 0
    var start = field.startIndex
    while start < field.endIndex {
      let end = field[start...].firstIndex(of: 58) ?? field.endIndex
      let part = field[start..<end]
      start = end + 1
      guard let value = integer(part) else { continue }
      switch count {
      case 0: parts.0 = value
      case 1: parts.1 = value
      case 2: parts.2 = value
      default: return nil
      }
      count += 1
    }
    guard count == 3, parts.1 <= parts.2 else { return nil }
    return Range(day: parts.0, from: parts.1, to: parts.2)
  }
}
