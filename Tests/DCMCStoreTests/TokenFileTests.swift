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
    #expect(throws: TokenRefusal.unavailable) { try service.authenticate(token) }
    #expect(throws: ServiceError.self) { try service.create(for: "bob", expires: nil, entropy: entropy) }
    _ = try repository.rebuild()
    #expect(try Data(contentsOf: file) == Data("{\"tokens\": [{\"id\": \"x\"}]}\n".utf8))
  }
}
