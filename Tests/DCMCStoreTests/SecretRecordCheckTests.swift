import DCMCApplication
import DCMCCalendar
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The API tokens' and status links' records carry a checksum over all their members
/// (audit36 M4): a record edited by hand (a link's customer, a token's hash) is refused on
/// every read as a store failure naming its file, and `store verify` names it as damage. A
/// record written before the checksum (none) is read as it is, named as behind, and written
/// again with one by `store rebuild`.
@Suite struct SecretRecordCheckTests {
  static let clock = FixedClock(Instant(secondsSinceEpoch: 1_000))
  static let entropy = [UInt8](repeating: 7, count: TokenService.entropyBytes)

  private static func store(_ directory: TemporaryDirectory) throws -> (FileCaseRepository, String) {
    let root = directory.url.appendingPathComponent("store").path
    return (try FileCaseRepository.openOrCreate(at: root), root)
  }

  private static func link(_ id: String, of customer: String) -> StatusLinkRecord {
    StatusLinkRecord(
      id: id, customer: customer, salt: String(repeating: "a", count: 32), hash: String(repeating: "b", count: 64),
      created: Instant(secondsSinceEpoch: 900), revoked: nil)
  }

  /// `text` without the first `check` member (`"check":"crc32c:........",`): a record as a
  /// dcmc before 7 December 2026 wrote it.
  static func withoutCheck(_ text: String) -> String {
    guard let start = text.range(of: "\"check\":\"crc32c:") else { return text }
    let end = text.index(start.upperBound, offsetBy: 10, limitedBy: text.endIndex) ?? text.endIndex
    return String(text[..<start.lowerBound] + text[end...])
  }

  /// What `read` refused with; empty when it read.
  private static func refusal(_ read: () throws(RepositoryError) -> Void) -> String {
    do throws(RepositoryError) {
      try read()
      return ""
    } catch {
      return "\(error)"
    }
  }

  private static func edit(_ path: String, _ change: (String) -> String) throws {
    let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    let changed = change(text)
    #expect(changed != text, "the edit of \(path) changed nothing")
    try Data(changed.utf8).write(to: URL(fileURLWithPath: path))
  }

  @Test func aStatusLinkEditedToShowAnotherCustomerIsRefusedAndNamedByVerify() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (repository, root) = try Self.store(directory)
    let id = "0123456789abcdef"
    try repository.addStatusLink(Self.link(id, of: "CUS-000001"))
    #expect(try repository.statusLink(id)?.customer == "CUS-000001")
    #expect(try repository.verify().problems.isEmpty)

    let file = root + "/status-links/\(id).json"
    try Self.edit(file) { $0.replacingOccurrences(of: "CUS-000001", with: "CUS-000002") }
    #expect(Self.refusal { () throws(RepositoryError) in _ = try repository.statusLink(id) }.contains("status-links/\(id).json"))
    #expect(throws: RepositoryError.self) { try repository.revokeStatusLinks(of: ["CUS-000002"], at: Self.clock.now()) }
    let verify = try repository.verify()
    #expect(
      verify.problems == [
        "status-links/\(id).json: the status link record does not hold its checksum (edited, or damaged on the disk): "
          + "its page fails, as does revoking its customer's links, until it is restored from a backup"
      ])
    let before = try Data(contentsOf: URL(fileURLWithPath: file))
    _ = try repository.rebuild()
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
  }

  @Test func aTokenRecordEditedIsRefusedAndNamedByVerify() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (repository, root) = try Self.store(directory)
    let service = TokenService(repository: repository, clock: Self.clock)
    let (token, record) = try service.create(for: "alice", expires: nil, entropy: Self.entropy)
    #expect(try service.authenticate(token) == "alice")

    let file = root + "/tokens.json"
    try Self.edit(file) { $0.replacingOccurrences(of: record.hash, with: String(repeating: "0", count: 64)) }
    #expect {
      try service.authenticate(token)
    } throws: { error in
      guard case .unavailable(let failure) = error as? TokenRefusal else { return false }
      return failure.contains("tokens.json")
    }
    #expect(Self.refusal { () throws(RepositoryError) in _ = try repository.tokens() }.contains("tokens.json"))
    #expect(throws: ServiceError.self) { try service.create(for: "bob", expires: nil, entropy: Self.entropy) }
    #expect(
      try repository.verify().problems == [
        "tokens.json: record 1 (token '\(record.id)') does not hold its checksum (edited, or damaged on the disk): "
          + "every token is refused until the file is restored from a backup"
      ])
    let before = try Data(contentsOf: URL(fileURLWithPath: file))
    _ = try repository.rebuild()
    #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == before)
  }

  /// docs/store.md's example link record is what the store writes for it, byte for byte.
  @Test func theExampleRecordInTheDocsIsWhatTheStoreWrites() throws {
    let section = try StoreDocumentationTests.section("## Tokens and status links", of: StoreDocumentationTests.docs())
    let example = try #require(StoreDocumentationTests.jsonBlocks(section).first)
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (repository, root) = try Self.store(directory)
    let created = try #require(Timestamp("2026-12-07T10:00:00Z")).instant
    try repository.addStatusLink(
      StatusLinkRecord(
        id: "0123456789abcdef", customer: "CUS-000001", salt: "5d8e2a9c41f07b36e8d1c5a2947f0e6b",
        hash: "9f2c4e81d0b6a7355e1c08f4b2d96a7e3c5f10a8b4e2d7c6091f3a5b8e7d2c41", created: created, revoked: nil))
    let written = String(decoding: try Data(contentsOf: URL(fileURLWithPath: root + "/status-links/0123456789abcdef.json")), as: UTF8.self)
    #expect(written == example + "\n")
  }

  /// Records as a dcmc before 7 December 2026 wrote them (no `check`): read and acting as
  /// before, named by verify as behind, not damage, and written again with their checksum
  /// by `store rebuild`, after which an edit is found.
  @Test func recordsWrittenBeforeTheChecksumAreReadAndRebuildAddsIt() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let (repository, root) = try Self.store(directory)
    let service = TokenService(repository: repository, clock: Self.clock)
    let (token, _) = try service.create(for: "alice", expires: nil, entropy: Self.entropy)
    let id = "0123456789abcdef"
    try repository.addStatusLink(Self.link(id, of: "CUS-000001"))
    let tokens = root + "/tokens.json"
    let link = root + "/status-links/\(id).json"
    for file in [tokens, link] { try Self.edit(file) { Self.withoutCheck($0) } }

    #expect(try service.authenticate(token) == "alice")
    #expect(try repository.statusLink(id)?.customer == "CUS-000001")
    let verify = try repository.verify()
    #expect(verify.problems.isEmpty)
    #expect(
      verify.behind == [
        "tokens.json: 1 record written before records carried a checksum (before 7 December 2026): "
          + "'dcmc store rebuild' adds it",
        "status-links/: 1 record written before records carried a checksum (before 7 December 2026): "
          + "'dcmc store rebuild' adds it",
      ])
    let rebuilt = try repository.rebuild()
    #expect(rebuilt.repaired.contains("tokens.json (1 record written before records carried a checksum (before 7 December 2026), now with one)"))
    #expect(rebuilt.repaired.contains("status-links/\(id).json (written before records carried a checksum, now with one)"))
    let after = try repository.verify()
    #expect(after.problems.isEmpty && after.behind.isEmpty)
    #expect(try service.authenticate(token) == "alice")

    try Self.edit(link) { $0.replacingOccurrences(of: "CUS-000001", with: "CUS-000002") }
    #expect(throws: RepositoryError.self) { try repository.statusLink(id) }
  }
}
