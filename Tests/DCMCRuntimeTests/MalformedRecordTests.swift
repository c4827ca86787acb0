import DCMCJSON
import DCMCRuntime
import DCMCStore
import Testing

/// A record that is not a well-formed event or state, in either format, is refused with
/// where and why; no input makes the conversion crash.
@Suite struct MalformedRecordTests {
  static let at = #""at":"2026-03-02T09:00:00Z""#
  static let legacyAt = #""at":{"secondsSinceEpoch":1772442000}"#

  func problem(_ line: String) -> String? {
    do {
      _ = try RecordJSONTests.event(line)
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test(arguments: [
    (#"{"at":7,"by":null,"seq":1,"type":"case.cancelled"}"#, "expected a time, found a number at 'at'"),
    (
      #"{"at":"2026-03-02T09:00:00","by":null,"seq":1,"type":"case.cancelled"}"#,
      "expected an ISO 8601 time with an offset, found '2026-03-02T09:00:00' at 'at'"
    ),
    (
      #"{"at":"2026-02-30T09:00:00Z","by":null,"seq":1,"type":"case.cancelled"}"#,
      "expected an ISO 8601 time with an offset, found '2026-02-30T09:00:00Z' at 'at'"
    ),
    (#"{\#(at),"by":null,"seq":1.5,"type":"case.cancelled"}"#, "expected an integer, found 1.5 at 'seq'"),
    (#"{\#(at),"by":null,"seq":null,"type":"case.cancelled"}"#, "expected an integer, found null at 'seq'"),
    (#"{\#(at),"by":null,"type":"case.cancelled"}"#, "missing key 'seq'"),
    (#"{\#(at),"by":7,"seq":1,"type":"case.cancelled"}"#, "expected a string, found a number at 'by'"),
    (#"{\#(at),"by":null,"seq":1}"#, "missing key 'type'"),
    (#"{\#(at),"by":null,"seq":1,"type":"task.exploded"}"#, "unknown event type 'task.exploded' at 'type'"),
    (#"{\#(at),"by":null,"seq":1,"task":"TEC-000001.1","type":"task.completed"}"#, "missing key 'outcome'"),
    (
      #"{\#(at),"by":null,"seq":1,"task":"TEC-000002.1","type":"task.opened"}"#,
      "'TEC-000002.1' is not a task id of case 'TEC-000001' at 'task'"
    ),
    (
      #"{\#(at),"by":null,"seq":1,"task":"TEC-000001.01","type":"task.opened"}"#,
      "'TEC-000001.01' is not a task id of case 'TEC-000001' at 'task'"
    ),
    (
      #"{\#(at),"by":null,"seq":1,"task":"TEC-000001.","type":"task.opened"}"#,
      "'TEC-000001.' is not a task id of case 'TEC-000001' at 'task'"
    ),
    (#"{\#(at),"by":null,"seq":1,"task":1,"type":"task.opened"}"#, "expected a string, found a number at 'task'"),
    (
      #"{\#(at),"by":null,"seq":1,"status":"lost","type":"case.status_changed"}"#,
      "unknown value 'lost'; expected one of 'open', 'in_progress', 'pending', 'escalated', 'closed', 'cancelled' at 'status'"
    ),
    (
      #"{\#(at),"by":null,"fields":{"a":"1","b":2},"seq":1,"type":"case.fields_set"}"#,
      "expected a string, found a number at 'fields.b'"
    ),
    (#"[1,2]"#, "expected an object, found an array"),
    // Format 1.
    (
      #"{"at":{"secondsSinceEpoch":"x"},"change":{"cancelled":{}},"seq":1}"#,
      "expected an integer, found a string at 'at.secondsSinceEpoch'"
    ),
    (
      #"{"at":{"secondsSinceEpoch":999999999999999},"change":{"cancelled":{}},"seq":1}"#,
      "the time 999999999999999 is out of range at 'at.secondsSinceEpoch'"
    ),
    (
      #"{\#(legacyAt),"change":{"taskCompleted":{"task":1}},"seq":1}"#,
      "missing key 'outcome' at 'change.taskCompleted'"
    ),
    (#"{\#(legacyAt),"change":{"taskExploded":{"task":1}},"seq":1}"#, "unknown change at 'change.taskExploded'"),
    (
      #"{\#(legacyAt),"change":{"cancelled":{},"closed":{}},"seq":1}"#,
      "expected one key, the change's name; found 2 at 'change'"
    ),
    (#"{\#(legacyAt),"change":"cancelled","seq":1}"#, "expected an object, found a string at 'change'"),
  ])
  func aMalformedEventSaysWhereAndWhy(_ line: String, _ expected: String) {
    #expect(problem(line) == expected)
  }

  @Test func anArrayElementIsNamedByItsIndex() {
    let state = RecordJSONTests.states[0].replacingOccurrences(of: #""tier":0}"#, with: #""tier":true}"#)
    #expect(throws: JSONShapeError("expected an integer, found a boolean", path: ["tasks", "1", "tier"])) {
      try CaseState(json: JSONValue.parse(Array(state.utf8), limits: .store))
    }
  }

  @Test func aStateWhoseTaskIsOfAnotherCaseIsRefused() {
    let state = RecordJSONTests.states[0].replacingOccurrences(of: #""id":"TEC-000001.1""#, with: #""id":"TEC-9.1""#)
    #expect(
      throws: JSONShapeError("'TEC-9.1' is not a task id of case 'TEC-000001'", path: ["tasks", "1", "id"])
    ) {
      try CaseState(json: JSONValue.parse(Array(state.utf8), limits: .store))
    }
  }

  /// Every prefix of a record (a torn write) is refused, and a record with any byte
  /// replaced gives an error or a value, never a crash.
  @Test func noPrefixOrDamagedByteCrashesTheConversion() {
    let records = [RecordJSONTests.events[0], RecordJSONTests.events[39], LegacyJSONTests.events[0]]
    for line in records + [RecordJSONTests.states[0], LegacyJSONTests.states[0]] {
      let bytes = Array(line.utf8)
      for end in 0..<bytes.count {
        #expect(throws: (any Error).self) { try CaseState(json: JSONValue.parse(Array(bytes[..<end]), limits: .store)) }
      }
    }
    for line in records {
      let bytes = Array(line.utf8)
      for index in bytes.indices {
        for replacement: UInt8 in [0x00, 0x22, 0x31, 0x5C, 0x7D, 0xFF] {
          var damaged = bytes
          damaged[index] = replacement
          guard let json = try? JSONValue.parse(damaged, limits: .store) else { continue }
          _ = try? CaseEvent(json: json, caseID: RecordJSONTests.caseID)
        }
      }
    }
  }
}
