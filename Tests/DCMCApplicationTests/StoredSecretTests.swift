import DCMCApplication
import DCMCCalendar
import DCMCJSON
import Testing

/// The stored shape an API token and a status link share (`StoredSecret`): each record is
/// written as its shared members plus its own, read back as it was, and refused when a shared
/// member is wrong.
@Suite struct StoredSecretTests {
  static let created = Instant(secondsSinceEpoch: 1_772_438_400)
  static let revoked = Instant(secondsSinceEpoch: 1_772_440_000)
  static let salt = String(repeating: "a", count: 32)
  static let hash = String(repeating: "b", count: 64)

  let token = TokenRecord(
    id: "0123456789abcdef", user: "alice", salt: salt, hash: hash, created: created,
    expires: Instant(secondsSinceEpoch: 1_772_500_000), revoked: nil)
  let link = StatusLinkRecord(
    id: "fedcba9876543210", customer: "CUS-000001", salt: salt, hash: hash, created: created, revoked: revoked)

  @Test func eachRecordIsReadBackAsWritten() throws {
    #expect(TokenRecord(stored: token.storedJSON) == token)
    #expect(StatusLinkRecord(stored: link.storedJSON) == link)
    var revokedToken = token
    (revokedToken.expires, revokedToken.revoked) = (nil, Self.revoked)
    #expect(TokenRecord(stored: revokedToken.storedJSON) == revokedToken)
  }

  @Test func theStoredTextIsTheOneTheStoresHold() {
    let text = String(decoding: link.storedJSON.compact(), as: UTF8.self)
    #expect(
      text == #"{"created":"2026-03-02T08:00:00Z","customer":"CUS-000001","hash":"\#(Self.hash)","id":"fedcba9876543210","#
        + #""revoked":"2026-03-02T08:26:40Z","salt":"\#(Self.salt)"}"#)
  }

  @Test(arguments: ["id", "salt", "hash", "created", "revoked"])
  func aWrongSharedMemberRefusesBothRecords(_ key: String) {
    for stored in [token.storedJSON, link.storedJSON] {
      guard case .object(let members) = stored else { Issue.record("not an object"); return }
      let spoiled = JSONValue.object(members.filter { $0.key != key } + [(key, .string(key == "salt" || key == "hash" ? "" : "x"))])
      let missing = JSONValue.object(members.filter { $0.key != key })
      let readable = TokenRecord(stored: spoiled) != nil || StatusLinkRecord(stored: spoiled) != nil
      #expect(readable == (key == "salt" || key == "hash"), "\(key) spoiled")
      #expect((TokenRecord(stored: missing) != nil || StatusLinkRecord(stored: missing) != nil) == (key == "revoked"))
    }
  }

  @Test func aTokensOwnMembersAreChecked() {
    guard case .object(let members) = token.storedJSON else { Issue.record("not an object"); return }
    #expect(TokenRecord(stored: .object(members.filter { $0.key != "expires" } + [("expires", .string("soon"))])) == nil)
    #expect(TokenRecord(stored: .object(members.filter { $0.key != "user" })) == nil)
    #expect(StatusLinkRecord(stored: token.storedJSON) == nil)
    #expect(TokenRecord(stored: link.storedJSON) == nil)
  }
}
