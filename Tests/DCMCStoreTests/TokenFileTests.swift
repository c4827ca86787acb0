import DCMCApplication
import DCMCCalendar
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// `tokens.json` is trusted data, not derived: `store verify` reports it when it does not read,
/// every token is then refused (the tokens cannot be read), and `store rebuild` keeps it.
@Suite struct TokenFileTests {
  @Test func aDamagedTokenFileIsReportedAndKeptByRebuild() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let root = directory.url.appendingPathComponent("store").path
    let repository = try FileCaseRepository.openOrCreate(at: root)
    let entropy = [UInt8](repeating: 7, count: TokenService.entropyBytes)
    let service = TokenService(repository: repository, clock: FixedClock(Instant(secondsSinceEpoch: 1_000)))
    let (token, _) = try service.create(for: "alice", expires: nil, entropy: entropy)
    #expect(try repository.verify().problems.isEmpty)
    #expect(try service.authenticate(token) == "alice")

    let file = URL(fileURLWithPath: root + "/tokens.json")
    try Data("{\"tokens\": [{\"id\": \"x\"}]}\n".utf8).write(to: file)
    #expect(try repository.verify().problems.contains { $0.hasPrefix("tokens.json is not a list of token records") })
    #expect {
      try service.authenticate(token)
    } throws: { error in
      guard case .unavailable(let failure) = error as? TokenRefusal else { return false }
      return failure.contains("tokens.json")
    }
    #expect(throws: ServiceError.self) { try service.create(for: "bob", expires: nil, entropy: entropy) }
    _ = try repository.rebuild()
    #expect(try Data(contentsOf: file) == Data("{\"tokens\": [{\"id\": \"x\"}]}\n".utf8))
  }

  /// `token create` had a rule of its own for the user before 7 December 2026 and made tokens
  /// for names the id rule of `--as` refuses (`a/b`, `.x`, a C1 control). Such a token, kept
  /// in `tokens.json` (without the checksum records carry since, as that dcmc wrote it), still
  /// acts as its name: authentication checks the secret, never the name again; verify finds
  /// no damage in the file.
  @Test func aTokenKeptForANameTheIDRuleRefusesStillActs() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let root = directory.url.appendingPathComponent("store").path
    let repository = try FileCaseRepository.openOrCreate(at: root)
    let service = TokenService(repository: repository, clock: FixedClock(Instant(secondsSinceEpoch: 1_000)))
    let (token, _) = try service.create(
      for: "alice", expires: nil, entropy: [UInt8](repeating: 7, count: TokenService.entropyBytes))
    let file = URL(fileURLWithPath: root + "/tokens.json")
    let kept = SecretRecordCheckTests.withoutCheck(String(decoding: try Data(contentsOf: file), as: UTF8.self))
    #expect(kept.contains("\"alice\""))
    for name in ["a/b", ".x", "a\u{85}b"] {
      try Data(kept.replacingOccurrences(of: "\"alice\"", with: "\"\(name)\"").utf8).write(to: file)
      #expect(try service.authenticate(token) == name)
      #expect(try repository.verify().problems.isEmpty)
    }
  }
}
