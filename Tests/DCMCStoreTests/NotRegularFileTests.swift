import DCMCApplication
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// audit36 M2 and M3: something other than a regular file where the store keeps a file (a
/// directory, a symbolic link; FIFOs through the binary, `OddFileCommandTests`, so that a
/// regression cannot hang this suite) is the damage of that one file, and the attachments a
/// history records are checked by `store verify`.
@Suite struct NotRegularFileTests {
  typealias Store = StoreVerifyTests.Store

  /// A directory or a link in place of `path`; a link points at `outside`.
  static func plant(_ kind: String, at path: URL, outside: URL) throws {
    try? FileManager.default.removeItem(at: path)
    if kind == "directory" {
      try FileManager.default.createDirectory(at: path, withIntermediateDirectories: false)
    } else {
      try FileManager.default.createSymbolicLink(at: path, withDestinationURL: outside)
    }
  }

  @Test(
    "a state cache that is a directory or a link: readers replay, verify names it and goes on, rebuild replaces it",
    arguments: ["directory", "link"])
  func aStateCacheThatIsNotAFile(kind: String) throws {
    let store = try Store()
    defer { store.fixture.remove() }
    let outside = store.fixture.directory.url.appendingPathComponent("outside.json")
    try Data("precious\n".utf8).write(to: outside)
    let id = store.first.id
    try Self.plant(kind, at: store.url("states/\(id).json"), outside: outside)
    try Self.plant(kind, at: store.url("tokens.json"), outside: outside)
    let what = kind == "link" ? "a symbolic link" : "a directory, a FIFO, a device or a socket"
    #expect(
      try store.problems() == [
        "case '\(id)': states/\(id).json is not a regular file but \(what), where the store keeps a file; "
          + "'dcmc store rebuild' replaces it",
        "tokens.json is not a regular file but \(what), where the store keeps a file",
      ])
    // The lists, a case's read and the tick replay its history, as for a missing cache.
    let listed = try store.runtime.repository.cases(CaseFilter())
    #expect(listed.cases.map(\.id) == [store.first.id, store.second.id])
    #expect(listed.damaged.isEmpty)
    #expect(try store.runtime.readCase(StoreID(id)) == store.first)
    // Rebuild replaces the planted entry (a link is removed, never followed).
    let rebuilt = try store.runtime.rebuild()
    #expect(rebuilt.refused.isEmpty)
    #expect(rebuilt.repaired.contains("states/\(id).json"))
    let type = try FileManager.default.attributesOfItem(atPath: store.url("states/\(id).json").path)[.type]
    #expect(type as? FileAttributeType == .typeRegular)
    #expect(try store.problems() == ["tokens.json is not a regular file but \(what), where the store keeps a file"])
    #expect(try store.runtime.readCase(StoreID(id)) == store.first)
    #expect(try String(contentsOf: outside, encoding: .utf8) == "precious\n")
    // A tick that changes the case reads its history and writes its cache where the entry was.
    try Self.plant(kind, at: store.url("states/\(id).json"), outside: outside)
    let ticked = try store.runtime.tick(by: nil, at: StoreVerifyTests.now.adding(seconds: 30 * 86_400))
    #expect(ticked.map(\.id).contains(id))
    #expect(try store.problems() == ["tokens.json is not a regular file but \(what), where the store keeps a file"])
    #expect(try String(contentsOf: outside, encoding: .utf8) == "precious\n")
  }

  @Test("a log that is a link is its case's damage: lists skip it, verify names it, rebuild refuses it")
  func aLogThatIsALink() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    let outside = store.fixture.directory.url.appendingPathComponent("outside.log")
    try FileManager.default.copyItem(at: store.url("streams/\(store.first.id).log"), to: outside)
    let id = store.first.id
    try Self.plant("link", at: store.url("streams/\(id).log"), outside: outside)
    let damage = "streams/\(id).log is not a regular file but a symbolic link, where the store keeps a file"
    #expect(try store.problems() == ["case '\(id)': \(damage)"])
    let listed = try store.runtime.repository.cases(CaseFilter())
    #expect(listed.cases.map(\.id) == [store.second.id])
    #expect(listed.damaged == [CaseDamage(caseID: id, problem: damage)])
    let rebuilt = try store.runtime.rebuild()
    #expect(rebuilt.refused == [CaseDamage(caseID: id, problem: damage)])
  }

  @Test("verify checks each recorded attachment: missing, another size, another content, not a regular file")
  func attachmentsAreVerified() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    let attached = try store.runtime.attach(
      name: "scan.txt", bytes: Array("hello attach\n".utf8), toCase: store.first.id, by: "alice",
      at: StoreVerifyTests.now.adding(seconds: 90))
    let place = try #require(attached.attachments.first?.stored)
    #expect(try store.problems() == [])
    let line = "case '\(store.first.id)': attachment '\(place)' "
    let remedy = "; restore it from a backup"
    try store.write("hello ATTACH\n", to: place)
    #expect(try store.problems() == [line + "does not hold the content its name stands for" + remedy])
    try store.write("tampered\n", to: place)
    #expect(try store.problems() == [line + "holds 9 bytes where its event recorded 13" + remedy])
    try store.remove(place)
    #expect(try store.problems() == [line + "is missing" + remedy])
    try FileManager.default.createSymbolicLink(atPath: store.url(place).path, withDestinationPath: "/etc/passwd")
    #expect(
      try store.problems() == [
        "case '\(store.first.id)': attachment \(place) is not a regular file but a symbolic link, "
          + "where the store keeps a file" + remedy
      ])
  }
}

/// audit36 L6: what an API answer says of a store failure names no path on the server's disk.
@Suite struct StoreErrorPathTests {
  @Test func aStoreErrorWithoutItsPathNamesTheFileOnly() {
    let path = "/srv/dcmc/store/states/TEC-000003.json"
    #expect(
      StoreError.file(.notRegularFile(path: path)).descriptionWithoutPaths
        == "cannot read 'TEC-000003.json': not a regular file")
    #expect(
      StoreError.corruptHistory(path: "/srv/s/streams/T-1.log", record: 2, offset: 40, reason: "bad crc")
        .descriptionWithoutPaths == "history 'T-1.log' is corrupt at record 2 (byte 40): bad crc")
    #expect(
      RepositoryError.unavailable(StoreError.file(.notRegularFile(path: path))).descriptionWithoutPaths
        == "cannot read 'TEC-000003.json': not a regular file")
  }
}
