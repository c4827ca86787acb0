import DCMCApplication
import DCMCJSON
import DCMCRuntime
import DCMCStore
import Testing

struct HistoryLogTests {
  /// The line of `payload` as docs/store.md describes it, built here independently.
  static func line(_ sequence: Int, _ position: Int, _ count: Int, _ payload: String) -> String {
    let header = "\(sequence) \(position)/\(count) \(payload.utf8.count) "
    let crc = CRC32C.checksum(Array(payload.utf8), continuing: CRC32C.checksum(Array(header.utf8)))
    let hex = String(crc, radix: 16)
    return header + String(repeating: "0", count: 8 - hex.count) + hex + " " + payload + "\n"
  }

  @Test func appendsWriteOneLinePerRecordWithContiguousNumbersAndTheirCommand() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let first = try store.append([#"{"type":"created"}"#], to: "C-1")
    let second = try store.append([#"{"type":"assigned"}"#, #"{"to":"ann"}"#], to: "C-1")
    #expect(first == AppendResult(firstSequence: 1, lastSequence: 1, repairedBytes: 0))
    #expect(second == AppendResult(firstSequence: 2, lastSequence: 3, repairedBytes: 0))
    let expected =
      Self.line(1, 1, 1, #"{"type":"created"}"#) + Self.line(2, 1, 2, #"{"type":"assigned"}"#)
      + Self.line(3, 2, 2, #"{"to":"ann"}"#)
    #expect(String(decoding: try fixture.bytes("streams/C-1.log"), as: UTF8.self) == expected)
    let history = try #require(try store.history(of: StoreID("C-1")))
    #expect(history.records.map(\.sequence) == [1, 2, 3])
    #expect(history.records.map(\.endsCommand) == [true, false, true])
    #expect(history.tornBytes == 0)
    #expect(try store.texts(of: "C-1") == [#"{"type":"created"}"#, #"{"type":"assigned"}"#, #"{"to":"ann"}"#])
    #expect(try store.streams() == [StoreID("C-1")])
    #expect(try store.history(of: StoreID("C-2")) == nil)
  }

  @Test func payloadsMayHoldAnyBytesBecauseTheLengthFramesThem() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let payload: [UInt8] = [0x0a, 0x00, 0x20, 0xff, 0x0a]
    _ = try store.write { transaction throws(StoreError) in try transaction.append([payload, []], to: StoreID("b")) }
    #expect(try store.history(of: StoreID("b"))?.records.map(\.payload) == [payload, []])
  }

  /// A crash during an append leaves any prefix of its bytes; each is a torn tail that
  /// readers leave out and the next append cuts, ending as if the command never ran.
  @Test func everyPrefixOfTheLastCommandIsATornTailRepairedByTheNextAppend() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try store.append(["one"], to: "s")
    let good = try fixture.bytes("streams/s.log")
    try store.append(["two", "three"], to: "s")
    let full = try fixture.bytes("streams/s.log")
    try store.append(["four"], to: "s")
    let expected = try fixture.bytes("streams/s.log")
    for cut in good.count + 1..<full.count {
      try fixture.overwrite("streams/s.log", with: Array(full.prefix(cut)))
      let history = try #require(try store.history(of: StoreID("s")))
      #expect(history.records.count == 1 && history.tornBytes == cut - good.count)
      let result = try store.append(["two", "three"], to: "s")
      #expect(result == AppendResult(firstSequence: 2, lastSequence: 3, repairedBytes: cut - good.count))
      #expect(try fixture.bytes("streams/s.log") == full)
      try store.append(["four"], to: "s")
      #expect(try fixture.bytes("streams/s.log") == expected)
      try fixture.overwrite("streams/s.log", with: good)
    }
  }

  /// The second of three records is `2 1/1 6 <crc> second\n`: header bytes 0-7, checksum
  /// 8-15, payload 17-22, newline 23.
  @Test(arguments: [
    (19, UInt8(ascii: "X"), "checksum mismatch"),
    (9, UInt8(ascii: "g"), "malformed checksum"),
    (23, UInt8(ascii: " "), "no newline after the payload"),
    (6, UInt8(ascii: "9"), "no newline after the payload"),
    (0, UInt8(ascii: "x"), "malformed header"),
  ])
  func damageFollowedByLaterCommandsIsReportedAsCorruption(at index: Int, byte: UInt8, problem: String) throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try store.append(["first"], to: "s")
    let start = try fixture.bytes("streams/s.log").count
    try store.append(["second"], to: "s")
    try store.append(["third"], to: "s")
    let bytes = try fixture.damage("streams/s.log", at: start + index, to: byte)
    let path = fixture.root + "/streams/s.log"
    let error = try #require(throws: StoreError.self) { try store.history(of: StoreID("s")) }
    guard case .corruptHistory(path, 2, start, let reason) = error else {
      Issue.record("\(error)")
      return
    }
    #expect(reason.hasPrefix(problem))
    #expect(error.description.hasPrefix("history '\(path)' is corrupt at record 2 (byte \(start)): "))
    #expect(
      reason.hasSuffix("a later command starts at byte \(start + HistoryLogTests.line(2, 1, 1, "second").utf8.count)"))
    #expect(throws: error) { try store.append(["fourth"], to: "s") }
    #expect(try fixture.bytes("streams/s.log") == bytes)
  }

  @Test func aWellFormedRecordInTheWrongPlaceIsCorruptionEvenAtTheEnd() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try store.append(["one"], to: "s")
    let path = fixture.root + "/streams/s.log"
    let cases = [
      (Self.line(3, 1, 1, "three"), "sequence number 3, expected 2"),
      (Self.line(2, 2, 2, "two"), "command starts at record 2/2"),
      (Self.line(2, 1, 2, "two") + Self.line(3, 1, 1, "three"), "record 1/1 follows 1/2"),
    ]
    let good = try fixture.bytes("streams/s.log")
    for (tail, reason) in cases {
      try fixture.overwrite("streams/s.log", with: good + Array(tail.utf8))
      let record = tail.hasPrefix("2 1/2") ? 3 : 2
      let offset = good.count + (record == 3 ? Self.line(2, 1, 2, "two").utf8.count : 0)
      #expect(throws: StoreError.corruptHistory(path: path, record: record, offset: offset, reason: reason)) {
        try store.history(of: StoreID("s"))
      }
    }
  }

  /// The limit of the format: damage to the last command cannot be told from a torn write.
  @Test func damageToTheLastCommandIsATornTail() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try store.append(["one"], to: "s")
    try store.append(["two"], to: "s")
    try fixture.damage("streams/s.log", at: fixture.bytes("streams/s.log").count - 2, to: UInt8(ascii: "X"))
    #expect(try store.texts(of: "s") == ["one"])
    #expect(try store.append(["two again"], to: "s").repairedBytes == Self.line(2, 1, 1, "two").utf8.count)
    #expect(try store.texts(of: "s") == ["one", "two again"])
  }

  @Test func jsonRecordsDecodeAsTheValuesAskedFor() throws {
    struct Event: JSONConvertible, Equatable {
      var type: String
      var by: String?

      init(type: String, by: String?) { (self.type, self.by) = (type, by) }

      init(json: JSONValue) throws(JSONShapeError) {
        let fields = try JSONFields(json)
        self.init(type: try fields.required("type"), by: try fields.optional("by"))
      }

      var json: JSONValue { .members(["by": by?.json, "type": type.json]) }
    }
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let events = [Event(type: "created", by: "ann"), Event(type: "closed", by: nil)]
    _ = try store.write { transaction throws(StoreError) in
      try transaction.append(events.map { $0.json.compact() }, to: StoreID("j"))
    }
    #expect(try store.texts(of: "j") == [#"{"by":"ann","type":"created"}"#, #"{"type":"closed"}"#])
    #expect(try store.history(of: StoreID("j"))?.decode(Event.self) == events)
    #expect(throws: StoreError.self) { try store.history(of: StoreID("j"))?.decode(Int.self) }
  }
}
