import DCMCJSON
import DCMCRuntime
import DCMCStore
import Testing

/// A record that is not a well-formed event or state is refused with where and why; no
/// input makes the conversion crash.
@Suite struct MalformedRecordTests {
  static let at = #""at":{"secondsSinceEpoch":1772442000}"#

  func problem(_ line: String) -> String? {
    do {
      _ = try CaseEvent(json: JSONValue.parse(Array(line.utf8), limits: .store))
      return nil
    } catch {
      return "\(error)"
    }
  }

  @Test(arguments: [
    (
      #"{"at":{"secondsSinceEpoch":"x"},"change":{"cancelled":{}},"seq":1}"#,
      "expected an integer, found a string at 'at.secondsSinceEpoch'"
    ),
    (#"{\#(at),"change":{"cancelled":{}},"seq":1.5}"#, "expected an integer, found 1.5 at 'seq'"),
    (#"{\#(at),"change":{"cancelled":{}},"seq":null}"#, "expected an integer, found null at 'seq'"),
    (#"{\#(at),"change":{"cancelled":{}}}"#, "missing key 'seq'"),
    (#"{\#(at),"by":7,"change":{"cancelled":{}},"seq":1}"#, "expected a string, found a number at 'by'"),
    (#"{\#(at),"change":{"taskCompleted":{"task":1}},"seq":1}"#, "missing key 'outcome' at 'change.taskCompleted'"),
    (#"{\#(at),"change":{"taskExploded":{"task":1}},"seq":1}"#, "unknown change at 'change.taskExploded'"),
    (
      #"{\#(at),"change":{"cancelled":{},"closed":{}},"seq":1}"#,
      "expected one key, the change's name; found 2 at 'change'"
    ),
    (#"{\#(at),"change":{},"seq":1}"#, "expected one key, the change's name; found 0 at 'change'"),
    (#"{\#(at),"change":"cancelled","seq":1}"#, "expected an object, found a string at 'change'"),
    (#"{\#(at),"change":{"cancelled":[]},"seq":1}"#, "expected an object, found an array at 'change.cancelled'"),
    (
      #"{\#(at),"change":{"statusChanged":{"_0":"lost"}},"seq":1}"#,
      "unknown value 'lost'; expected one of 'open', 'in_progress', 'pending', 'escalated', 'closed', 'cancelled' at 'change.statusChanged._0'"
    ),
    (
      #"{\#(at),"change":{"fieldsSet":{"_0":{"a":"1","b":2}}},"seq":1}"#,
      "expected a string, found a number at 'change.fieldsSet._0.b'"
    ),
    (#"[1,2]"#, "expected an object, found an array"),
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

  /// Every prefix of a record (a torn write) is refused, and a record with any byte
  /// replaced gives an error or a value, never a crash.
  @Test func noPrefixOrDamagedByteCrashesTheConversion() {
    for line in [RecordJSONTests.events[0], RecordJSONTests.events[3], RecordJSONTests.states[0]] {
      let bytes = Array(line.utf8)
      for end in 0..<bytes.count {
        #expect(throws: (any Error).self) { try CaseState(json: JSONValue.parse(Array(bytes[..<end]), limits: .store)) }
      }
    }
    for line in [RecordJSONTests.events[0], RecordJSONTests.events[39]] {
      let bytes = Array(line.utf8)
      for index in bytes.indices {
        for replacement: UInt8 in [0x00, 0x22, 0x31, 0x5C, 0x7D, 0xFF] {
          var damaged = bytes
          damaged[index] = replacement
          guard let json = try? JSONValue.parse(damaged, limits: .store) else { continue }
          _ = try? CaseEvent(json: json)
        }
      }
    }
  }
}
