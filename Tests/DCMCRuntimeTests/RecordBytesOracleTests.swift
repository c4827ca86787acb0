import DCMCCalendar
import DCMCJSON
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// The bytes the store writes for a state or event (`compactJSON`, no tree) against the tree
/// writer's `compact()` of the same value. Values are the golden records of `RecordJSONTests`
/// (every event type, every optional member of a state) with their members changed at random
/// by a seeded generator: strings heavy with escapes and non-ASCII, times, numbers, flags,
/// task ids, form fields added, optional members dropped. A change is kept when the record
/// still reads. A state's members merged in and a part of its members kept are checked too.
@Suite struct RecordBytesOracleTests {
  static let caseID = RecordJSONTests.caseID
  /// Members whose values are enumerations or the case's own id: left as they are.
  static let fixed: Set<String> = ["type", "status", "timer", "channel", "identification", "event", "id"]
  static let pieces = [
    "a", "B", "é", "😀", "\u{2028}", "\"", "\\", "\n", "\u{00}", "\u{1F}", "\u{7F}", " ", "/", "\t", "x y", "TEC-",
  ]

  static func text(_ generator: inout SeededGenerator) -> String {
    (0..<generator.below(6)).map { _ in pieces[generator.below(pieces.count)] }.joined()
  }

  /// `value` changed: its kind of value kept (a time stays a time, a task id a task id).
  static func changed(_ value: JSONValue, _ generator: inout SeededGenerator) -> JSONValue {
    switch value {
    case .null: return value
    case .bool: return .bool(generator.below(2) == 0)
    case .number: return .int(generator.below(20_000) - 10_000)
    case .string(let text):
      if (try? Instant(json: value)) != nil, generator.below(4) > 0 {
        // Years 1 to 9999, and now and then one outside them (written as `description`).
        let seconds = generator.below(2) == 0 ? generator.below(400_000_000_000) - 62_000_000_000 : generator.below(4_000_000_000)
        return Instant(secondsSinceEpoch: seconds).json
      }
      if let dot = text.lastIndex(of: "."), text.contains("-"), text[text.index(after: dot)...].allSatisfy(\.isNumber) {
        return .string("\(text[..<dot]).\(generator.below(30) + 1)")
      }
      return .string(self.text(&generator))
    case .array(let items): return .array(items.map { changed($0, &generator) })
    case .object(var entries):
      if entries.allSatisfy({ if case .string = $0.value { true } else { false } }) {
        for _ in 0..<generator.below(4) { entries.append((text(&generator), .string(text(&generator)))) }
      }
      var seen: Set<String> = []
      entries = entries.filter { seen.insert($0.key).inserted }
      return .object(entries.map { ($0.key, fixed.contains($0.key) ? $0.value : changed($0.value, &generator)) })
    }
  }

  /// `record` with its members changed or dropped one at a time, each change kept when
  /// `reads` still takes the whole.
  static func mutated(_ record: JSONValue, _ generator: inout SeededGenerator, reads: (JSONValue) -> Bool) -> JSONValue {
    guard case .object(var entries) = record else { return record }
    for index in entries.indices.reversed() where !fixed.contains(entries[index].key) {
      var attempt = entries
      if generator.below(4) == 0 {
        attempt.remove(at: index)
      } else {
        attempt[index].value = changed(attempt[index].value, &generator)
      }
      if reads(.object(attempt)) { entries = attempt }
    }
    return .object(entries)
  }

  @Test(arguments: 0..<20)
  func anEventsBytesAreItsTreesCompactText(seed: Int) throws {
    var generator = SeededGenerator(seed: UInt64(seed))
    for line in RecordJSONTests.events {
      let golden = try JSONValue.parse(Array(line.utf8), limits: .store)
      let json = Self.mutated(golden, &generator) { (try? CaseEvent(json: $0, caseID: Self.caseID)) != nil }
      let event = try CaseEvent(json: json, caseID: Self.caseID)
      let bytes = event.compactJSON(caseID: Self.caseID)
      #expect(bytes == event.json(caseID: Self.caseID).compact(), "seed \(seed): \(line.prefix(80))")
      #expect(try CaseEvent(json: JSONValue.parse(bytes, limits: .store), caseID: Self.caseID) == event)
    }
  }

  @Test(arguments: 0..<20)
  func aStatesBytesAreItsTreesCompactText(seed: Int) throws {
    var generator = SeededGenerator(seed: UInt64(seed) &+ 77)
    for line in RecordJSONTests.states {
      let golden = try JSONValue.parse(Array(line.utf8), limits: .store)
      let json = Self.mutated(golden, &generator) { (try? CaseState(json: $0)) != nil }
      let state = try CaseState(json: json)
      let bytes = state.compactJSON()
      #expect(bytes == state.json.compact(), "seed \(seed): \(line.prefix(80))")
      #expect(try CaseState(json: JSONValue.parse(bytes, limits: .store)) == state)
      // Members merged in (the state cache's `history`) land where their keys fall.
      let extra: [(key: String, value: JSONValue)] = [("aa", .int(seed)), ("history", .string(Self.text(&generator)))]
      let merged = state.compactJSON(merging: extra)
      guard case .object(let members) = state.json else { return }
      #expect(merged == JSONValue.object(members + extra).compact(), "seed \(seed)")
      // So do they when only some of the state's members are kept (the customer summaries).
      let kept = Set(members.map(\.key).filter { _ in generator.below(2) == 0 })
      #expect(
        state.compactJSON(keeping: kept, merging: extra)
          == JSONValue.object(members.filter { kept.contains($0.key) } + extra).compact(), "seed \(seed)")
    }
  }
}
