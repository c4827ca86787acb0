import DCMCStore
import Foundation
import Testing

struct RecoveryTests {
  @Test func recoveryRemovesLeftoversAndCutsTornTailsAndSaysSo() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try store.append(["one"], to: "s")
    try store.replace("state.json", with: "{}")
    let clean = try fixture.tree()
    try fixture.overwrite("streams/s.log", with: try fixture.bytes("streams/s.log") + Array("2 1/1 3 0".utf8))
    try fixture.overwrite(".state.json.tmp", with: Array("{\"half".utf8))
    try fixture.overwrite("streams/.s.log.bak", with: [])
    try fixture.overwrite("notes.txt", with: Array("not the store's".utf8))
    let report = try store.recover()
    #expect(report.removedFiles == [".state.json.tmp", "streams/.s.log.bak"])
    #expect(report.repairedLogs == ["streams/s.log": 9])
    var expected = clean
    expected["notes.txt"] = .file(Array("not the store's".utf8))
    #expect(try fixture.tree() == expected)
    #expect(try store.recover().isEmpty)
  }

  @Test func recoveryRefusesACorruptLogAndLeavesIt() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try store.append(["one"], to: "s")
    try store.append(["two"], to: "s")
    let bytes = try fixture.damage("streams/s.log", at: 2, to: UInt8(ascii: "9"))
    #expect(throws: StoreError.self) { try store.recover() }
    #expect(try fixture.bytes("streams/s.log") == bytes)
  }
}

struct RecordLimitTests {
  @Test func aRecordOverTheLimitIsRefusedAndNothingIsWritten() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    try store.append(["one"], to: "s")
    let before = try fixture.tree()
    let huge = [UInt8](repeating: 0x61, count: HistoryRecord.maximumPayloadBytes + 1)
    let error = try #require(throws: StoreError.self) {
      try store.write { transaction throws(StoreError) in
        try transaction.append([Array("ok".utf8), huge], to: StoreID("s"))
      }
    }
    #expect(error == .recordTooLarge(path: fixture.root + "/streams/s.log", bytes: huge.count))
    #expect(try fixture.tree() == before)
  }

}
