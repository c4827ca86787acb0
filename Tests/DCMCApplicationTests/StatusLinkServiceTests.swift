import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// The customers' status links (`StatusLinkService`, docs/server.md "Pages") on every store:
/// made for a record (following
/// merges), read back only with their secret, revoked for the record and the records merged
/// into it, and durable across a reopening of the store.
@Suite struct StatusLinkServiceTests {
  static let kinds = RepositoryKind.allCases

  func links(_ store: RepositoryUnderTest, at seconds: Int = 300) throws -> StatusLinkService {
    let links = try #require(store.repository as? any StatusLinkRepository)
    return StatusLinkService(links: links, cases: store.at(seconds))
  }

  func entropy(_ seed: Int) -> [UInt8] {
    (0..<StatusLinkService.entropyBytes).map { UInt8(truncatingIfNeeded: $0 * 7 + seed * 29) }
  }

  /// A fresh store of `kind` with a case from each of `emails`, a minute apart: CUS-000001...
  func store(_ kind: RepositoryKind, emails: [String]) throws -> RepositoryUnderTest {
    let store = try kind.make()
    for (index, email) in emails.enumerated() {
      _ = try CustomerCasesAndExportTests.technical(store, index * 60, email: email)
    }
    return store
  }

  @Test(arguments: kinds) func aLinkShowsItsRecordOnlyWithItsSecretUntilRevoked(_ kind: RepositoryKind) throws {
    let store = try store(kind, emails: ["jane@example.com", "omar@example.com"])
    defer { store.remove() }
    let service = try links(store)
    let jane = try service.issue(for: "CUS-000001", entropy: entropy(1), by: "bob")
    let again = try service.issue(for: "CUS-000001", entropy: entropy(2), by: "bob")
    let omar = try service.issue(for: "CUS-000002", entropy: entropy(3), by: "bob")
    #expect(jane.count == 16 + 1 + 64 && jane != again)
    #expect(try service.customer(ofLink: jane) == "CUS-000001")
    #expect(try service.customer(ofLink: again) == "CUS-000001")
    #expect(try service.customer(ofLink: omar) == "CUS-000002")
    // The id of one link with the secret of another shows nothing.
    #expect(try service.customer(ofLink: String(jane.prefix(17)) + omar.suffix(64)) == nil)
    #expect(try service.customer(ofLink: "nothing") == nil)
    #expect(try service.revoke(for: "CUS-000001", by: "bob") == 2)
    #expect(try service.revoke(for: "CUS-000001", by: "bob") == 0)
    #expect(try service.customer(ofLink: jane) == nil && service.customer(ofLink: again) == nil)
    #expect(try service.customer(ofLink: omar) == "CUS-000002")
  }

  @Test(arguments: kinds) func linksFollowMergesAndRefuseUnknownRecordsAndUsers(_ kind: RepositoryKind) throws {
    let store = try store(kind, emails: ["jane@example.com", "jane.doe@work.example"])
    defer { store.remove() }
    let service = try links(store)
    let duplicate = try service.issue(for: "CUS-000002", entropy: entropy(4), by: "bob")
    _ = try store.customersAt(120).merge(keep: "CUS-000001", duplicate: "CUS-000002", by: "sam")
    #expect(try service.customer(ofLink: duplicate) == "CUS-000001")
    #expect(try service.revoke(for: "CUS-000001", by: "bob") == 1)
    #expect(try service.customer(ofLink: duplicate) == nil)
    let unknownRecord = refusal { () throws(ServiceError) in
      _ = try service.issue(for: "CUS-000404", entropy: entropy(5), by: "bob")
    }
    #expect(unknownRecord == .noSuchCustomer("CUS-000404"))
    let unknownUser = refusal { () throws(ServiceError) in
      _ = try service.issue(for: "CUS-000001", entropy: entropy(6), by: "nobody")
    }
    #expect(unknownUser == .unknownUser("nobody"))
  }
}
