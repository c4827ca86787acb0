import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc customer status-link ID [--revoke] [--url BASE] [--json]` through the built binary
/// (SPEC section 17, docs/server.md "Pages"): a new link printed once, its secret kept only
/// hashed in the store, all of a record's links revoked, and the refusals.
@Suite struct CustomerStatusLinkCommandTests {
  @Test func aLinkIsPrintedOnceKeptHashedAndRevoked() throws {
    let session = try CustomerCasesCommandTests.janesCases()
    let at = "2026-03-02T12:00:00+01:00"
    let made = try session.run(
      ["customer", "status-link", "CUS-000001", "--url", "https://help.example/"], as: "bob", at: at)
    #expect(made.status == 0, "\(made.stderr)")
    let link = String(made.stdout.prefix { $0 != "\n" })
    #expect(link.hasPrefix("https://help.example/status/") && link.count == "https://help.example/status/".count + 81)
    // The link alone on standard output (`LINK=$(dcmc customer status-link ID)`), the note on standard error.
    #expect(made.stdout == link + "\n")
    #expect(
      made.stderr.hasSuffix("anyone with it sees the customer's cases until 'customer status-link CUS-000001 --revoke'\n"))
    let json = try #require(
      try session.json(["customer", "status-link", "CUS-000001"], as: "bob", at: at) as? [String: Any])
    let second = try #require(json["link"] as? String)
    #expect(second.hasPrefix("/status/") && json["customer"] as? String == "CUS-000001")
    // Only the hash is kept: no file of the store holds a secret.
    let secrets = [link, second].map { String($0.suffix(64)) }
    let files = FileManager.default.enumerator(atPath: session.store)?.compactMap { $0 as? String } ?? []
    for file in files {
      let bytes = (try? String(contentsOfFile: session.store + "/" + file, encoding: .utf8)) ?? ""
      for secret in secrets { #expect(!bytes.contains(secret), "\(file)") }
    }
    let revoked = try session.run(["customer", "status-link", "CUS-000001", "--revoke"], as: "bob", at: at)
    #expect(revoked.status == 0 && revoked.stdout == "revoked 2 status links of CUS-000001\n")
    let again = try #require(
      try session.json(["customer", "status-link", "CUS-000001", "--revoke"], as: "bob", at: at) as? [String: Any])
    #expect(again["revoked"] as? Int == 0)
    // A link is sent to customers: --url must be an http(s) address without blanks, as
    // serve's --public-url (stop 31's audit); refused before any link is made.
    let linksBefore = try FileManager.default.contentsOfDirectory(atPath: session.store + "/status-links").sorted()
    for url in ["javascript:alert(1)//", "https://help.example/\nBcc: x"] {
      let refused = try session.run(["customer", "status-link", "CUS-000001", "--url", url], as: "bob", at: at)
      #expect(refused.status == 2 && refused.stdout.isEmpty, "\(url): \(refused.stderr)")
      #expect(refused.stderr.hasPrefix("dcmc: --url: an http:// or https:// address without blanks is needed"), "\(refused.stderr)")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: session.store + "/status-links").sorted() == linksBefore)
    let unknown = try session.run(["customer", "status-link", "CUS-000404"], as: "bob", at: at)
    #expect(unknown.status == 1 && unknown.stdout.isEmpty)
    try session.run(["store", "verify"], at: at).expectVerified(session.store)
    // A damaged link file is found by verify, named, and nothing else is blamed.
    let folder = session.store + "/status-links"
    let first = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).sorted().first)
    try Data("{\"id\": \"torn".utf8).write(to: URL(fileURLWithPath: folder + "/" + first))
    let verify = try session.run(["store", "verify"], at: at)
    #expect(verify.status == 1)
    #expect(
      verify.stdout.contains(
        "status-links/\(first): not a status link record: its page answers 404 and revoking fails until it is restored"),
      "\(verify.stdout)")
  }
}
