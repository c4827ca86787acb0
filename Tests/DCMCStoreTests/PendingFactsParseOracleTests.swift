@testable import DCMCStore
import Testing
import _DCMCTestSupport

/// `PendingFacts.init` reads a `written` line in one pass over its bytes; the parser it
/// replaced split the line into arrays of fields and parts. Kept here as the oracle, that
/// parser must read every journal of seeded random lines (whole, torn, malformed: empty
/// fields, stray colons, signs, letters, numbers out of range) the same.
struct PendingFactsParseOracleTests {
  /// The straightforward parse of a `written` line's fields: split on spaces, then colons.
  static func oracle(_ bytes: [UInt8]) -> [PendingFacts.Change] {
    var changes: [PendingFacts.Change] = []
    var current = PendingFacts.Change()
    let text = String(decoding: bytes, as: UTF8.self)
    let whole = text.hasSuffix("\n")
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() where !line.isEmpty {
      let cut = index == lines.count - 1 && !whole
      guard line.hasPrefix("written ") else {
        if line.hasPrefix("again ") {
          current.again = true
          current.names.append(String(line.dropFirst(6)))
        } else {
          current.names.append(String(line))
        }
        continue
      }
      if !cut {
        let fields = line.dropFirst(8).split(separator: " ")
        var ranges: [PendingFacts.Range]? = []
        for field in fields where field.first != "@" {
          let parts = field.split(separator: ":").compactMap { Int($0) }
          guard parts.count == 3, parts[1] <= parts[2] else {
            ranges = nil
            break
          }
          ranges?.append(.init(day: parts[0], from: parts[1], to: parts[2]))
        }
        current.written = ranges
        let ends = fields.filter { $0.first == "@" }.compactMap { Int($0.dropFirst()) }
        if !ends.isEmpty, ends.count == current.names.count { current.ends = ends }
      }
      changes.append(current)
      current = PendingFacts.Change()
    }
    if !current.names.isEmpty { changes.append(current) }
    return changes
  }

  static let pieces = [
    "20514", "0", "120", "-3", "+7", "x", "", "99999999999999999999", "9223372036854775807", "-9223372036854775808",
    "12a",
  ]

  static func field(_ generator: inout SeededGenerator) -> String {
    if generator.below(3) == 0 { return "@" + pieces[generator.below(pieces.count)] }
    let count = [3, 3, 3, 2, 4][generator.below(5)]
    let parts = (0..<count).map { _ in
      generator.below(4) == 0 ? pieces[generator.below(pieces.count)] : String(generator.below(500))
    }
    return parts.joined(separator: generator.below(8) == 0 ? "::" : ":")
  }

  static func journal(_ generator: inout SeededGenerator) -> [UInt8] {
    var text = ""
    for _ in 0..<(1 + generator.below(12)) {
      for _ in 0..<(1 + generator.below(3)) {
        text += ["", "again ", "presence "][generator.below(3)] + "TEC-00000\(generator.below(5))\n"
      }
      let fields = (0..<generator.below(5)).map { _ in field(&generator) }
      text += "written " + fields.joined(separator: generator.below(6) == 0 ? "  " : " ") + "\n"
    }
    var bytes = Array(text.utf8)
    if generator.below(3) == 0 { bytes.removeLast(1 + generator.below(min(bytes.count, 12))) }
    return bytes
  }

  @Test(arguments: 0..<8 as Range<UInt64>)
  func randomJournalsReadAsTheSplittingParserReadsThem(seed: UInt64) {
    var generator = SeededGenerator(seed: seed &+ 401)
    for _ in 0..<250 {
      let bytes = Self.journal(&generator)
      #expect(PendingFacts(bytes).changes == Self.oracle(bytes), "\(String(decoding: bytes, as: UTF8.self))")
    }
  }

  /// The recorded ends and the durably named histories as computed from every change, in
  /// order, when each read of the journal computed them again.
  static func figures(_ changes: [PendingFacts.Change]) -> (ends: [String: Int], durable: Set<String>) {
    var ends: [String: Int] = [:]
    for change in changes {
      for (index, name) in change.names.enumerated() { ends[name] = change.ends?[index] }
    }
    let durable = Set(changes.filter { !$0.again && $0.written != nil && $0.ends != nil }.flatMap(\.names))
    return (ends, durable)
  }

  /// A lock reads the journal on from the end of the last change it read whole
  /// (`PendingFacts.read`, `FactsJournal`): whatever the journal was when read before (cut
  /// anywhere, a line torn, several reads as it grew), reading on gives the changes, recorded
  /// ends and durable names that parsing the whole journal gives.
  @Test(arguments: 0..<8 as Range<UInt64>)
  func aJournalReadOnAsItGrewReadsAsTheWholeJournal(seed: UInt64) {
    var generator = SeededGenerator(seed: seed &+ 907)
    for _ in 0..<250 {
      let bytes = Self.journal(&generator)
      var pending = PendingFacts()
      var cuts = (0..<generator.below(4)).map { _ in generator.below(bytes.count + 1) }.sorted()
      cuts.append(bytes.count)
      for cut in cuts {
        pending.read(Array(bytes[..<cut]))
        #expect(pending.wholeLength <= cut)
      }
      let changes = Self.oracle(bytes)
      let (ends, durable) = Self.figures(changes)
      let text = String(decoding: bytes, as: UTF8.self)
      #expect(pending.changes == changes, "\(text) cut at \(cuts)")
      #expect(pending.recordedEnds == ends, "\(text) cut at \(cuts)")
      #expect(pending.durablyNamed == durable, "\(text) cut at \(cuts)")
      #expect(PendingFacts(bytes).recordedEnds == ends && PendingFacts(bytes).durablyNamed == durable, "\(text)")
    }
  }
}
