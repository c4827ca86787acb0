import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc customer add|show|update|find|merge` through the built binary (SPEC section 14): each
/// command in text and JSON, each refusal (exit 1, one line, nothing changed), idempotent adds
/// and the ways of writing one phone number or one email.
@Suite struct CustomerCommandTests {
  typealias Session = RuntimeCommandTests.Session

  /// A store with the reference definitions deployed (phone region BE) and Jane added.
  static func deployed() throws -> Session {
    let session = try Session()
    let deploy = try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z")
    #expect(deploy.status == 0, "\(deploy.stderr)")
    let added = try session.run(
      [
        "customer", "add", "--name", "Jane Doe", "--email", "Jane.Doe@example.com", "--phone", "+32 2 555 12 34",
        "--field", "Segment=gold",
      ], as: "alice", at: "2026-03-02T08:00:00Z")
    #expect(added.status == 0, "\(added.stderr)")
    #expect(added.stdout == "added CUS-000001  Jane Doe  Jane.Doe@example.com  +3225551234\n")
    return session
  }

  /// The JSON of `customer show ID`.
  static func record(_ session: Session, _ id: String) throws -> [String: Any] {
    try #require(try session.json(["customer", "show", id], as: "alice", at: "2026-03-03T08:00:00Z") as? [String: Any])
  }

  @Test("add, show, update and find print the record as a block, a line or the CustomerView JSON")
  func commandsInTextAndJSON() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let shown = try session.run(["customer", "show", "CUS-000001"], as: "bob", at: "2026-03-02T08:01:00Z")
    #expect(shown.status == 0, "\(shown.stderr)")
    #expect(
      shown.stdout == """
        CUS-000001  Jane Doe
          email    Jane.Doe@example.com
          phone    +3225551234
          Segment  gold
          added    2026-03-02T08:00:00Z
          updated  2026-03-02T08:00:00Z

        """)
    let added = try #require(
      try session.json(
        ["customer", "add", "--name", "Joe Bloggs", "--phone", "0470 12 34 56", "--field", "Language=nl"], as: "bob",
        at: "2026-03-02T08:02:00Z") as? [String: Any])
    #expect(added["id"] as? String == "CUS-000002")
    #expect(added["phone"] as? String == "+32470123456")
    #expect(added["email"] is NSNull)
    #expect(added["merged_into"] is NSNull)
    #expect(added["fields"] as? [String: String] == ["Language": "nl"])
    #expect(added["created_at"] as? String == "2026-03-02T08:02:00Z")
    // Only what is given changes; '' clears the email, 'K=' a field.
    let updated = try session.run(
      ["customer", "update", "CUS-000001", "--email", "", "--field", "Segment=", "--field", "Language=fr"],
      as: "carol", at: "2026-03-02T09:00:00Z")
    #expect(updated.status == 0, "\(updated.stderr)")
    #expect(updated.stdout.hasPrefix("CUS-000001  Jane Doe\n  phone     +3225551234\n  Language  fr\n"))
    let record = try Self.record(session, "CUS-000001")
    #expect(record["email"] is NSNull)
    #expect(record["fields"] as? [String: String] == ["Language": "fr"])
    #expect(record["updated_at"] as? String == "2026-03-02T09:00:00Z")
    let renamed = try #require(
      try session.json(
        ["customer", "update", "CUS-000001", "--name", "Jane Smith"], as: "alice",
        at: "2026-03-02T09:01:00Z") as? [String: Any])
    #expect(renamed["name"] as? String == "Jane Smith")
    #expect(renamed["phone"] as? String == "+3225551234")
    // find: one line per record, by name prefix in any letter case, at most --limit.
    let found = try session.run(["customer", "find", "j"], as: "alice", at: "2026-03-02T09:02:00Z")
    #expect(found.status == 0, "\(found.stderr)")
    #expect(found.stdout == "CUS-000001  Jane Smith  +3225551234\nCUS-000002  Joe Bloggs  +32470123456\n")
    let limited = try #require(
      try session.json(["customer", "find", "J", "--limit", "1"], as: "alice", at: "2026-03-02T09:02:00Z") as? [Any])
    #expect((limited.first as? [String: Any])?["id"] as? String == "CUS-000001")
    #expect(limited.count == 1)
    let none = try session.run(["customer", "find", "nobody@example.com"], as: "alice", at: "2026-03-02T09:02:00Z")
    #expect(none.status == 0 && none.stdout.isEmpty, "\(none)")
  }

  @Test("a merge by a supervisor makes the duplicate's id show the kept record, and find lists only the kept one")
  func mergeResolvesTheDuplicate() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    // Jane's phone number: refused, unless added knowingly as shared.
    let refused = try session.run(
      ["customer", "add", "--name", "J. Doe", "--phone", "02 555 12 34"], as: "bob", at: "2026-03-02T08:04:00Z")
    #expect(refused.status == 1 && refused.stderr.hasPrefix("dcmc: customer 'CUS-000001' has the phone number"))
    let duplicate = try session.run(
      ["customer", "add", "--name", "J. Doe", "--phone", "02 555 12 34", "--shared"], as: "bob",
      at: "2026-03-02T08:05:00Z")
    #expect(duplicate.status == 0, "\(duplicate.stderr)")
    let merged = try session.run(
      ["customer", "merge", "CUS-000001", "CUS-000002"], as: "sam", at: "2026-03-02T10:00:00Z")
    #expect(merged.status == 0, "\(merged.stderr)")
    #expect(merged.stdout == "merged CUS-000002 into CUS-000001\n")
    let shown = try Self.record(session, "CUS-000002")
    #expect(shown["id"] as? String == "CUS-000001")
    #expect(shown["name"] as? String == "Jane Doe")
    let found = try #require(
      try session.json(["customer", "find", "+3225551234"], as: "alice", at: "2026-03-03T08:00:00Z") as? [Any])
    #expect(found.compactMap { ($0 as? [String: Any])?["id"] as? String } == ["CUS-000001"])
    let json = try #require(
      try session.json(["customer", "add", "--name", "Third"], as: "bob", at: "2026-03-03T08:00:00Z") as? [String: Any])
    let again = try #require(
      try session.json(["customer", "merge", "CUS-000001", "CUS-000003"], as: "sam", at: "2026-03-03T09:00:00Z")
        as? [String: Any])
    #expect(json["id"] as? String == "CUS-000003")
    #expect(again["id"] as? String == "CUS-000001")
    let verify = try session.run(["store", "verify"], at: "2026-03-03T10:00:00Z")
    #expect(verify.status == 0, "\(verify.stdout)")
  }

  /// A refused command: exit 1, its one-line reason on standard error, nothing on standard
  /// output.
  static func refused(_ session: Session, _ arguments: [String], as user: String = "alice", _ reason: String)
    throws
  {
    let result = try session.run(arguments, as: user, at: "2026-03-02T12:00:00Z")
    #expect(result.status == 1, "\(arguments): \(result.stderr)")
    #expect(result.stderr == "dcmc: \(reason)\n", "\(arguments)")
    #expect(result.stdout.isEmpty)
  }

  /// Each customer history log by name, with its size in bytes.
  static func logSizes(_ session: Session) throws -> [String: Int] {
    let streams = session.directory.url.appendingPathComponent("store/customers/streams")
    var sizes: [String: Int] = [:]
    for name in try FileManager.default.contentsOfDirectory(atPath: streams.path) {
      let attributes = try FileManager.default.attributesOfItem(atPath: streams.appendingPathComponent(name).path)
      sizes[name] = (attributes[.size] as? NSNumber)?.intValue
    }
    return sizes
  }

  @Test("unknown ids, invalid emails and phones, unknown fields and forbidden merges are refused, changing nothing")
  func refusals() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let merged = try session.run(["customer", "add", "--name", "Old Jane"], as: "alice", at: "2026-03-02T08:10:00Z")
    #expect(merged.status == 0)
    #expect(
      try session.run(["customer", "merge", "CUS-000001", "CUS-000002"], as: "sam", at: "2026-03-02T08:20:00Z")
        .status == 0)
    let other = try session.run(["customer", "add", "--name", "Other"], as: "alice", at: "2026-03-02T08:30:00Z")
    #expect(other.status == 0)
    let before = try Self.logSizes(session)
    let unknownField = "the customer record is not valid: 'Shoe_Size' is not a field of the customer profile"
    let refusals: [(arguments: [String], user: String, reason: String)] = [
      (["show", "CUS-000099"], "alice", "no customer 'CUS-000099'"),
      (["update", "CUS-000099", "--name", "X"], "alice", "no customer 'CUS-000099'"),
      (["merge", "CUS-000001", "CUS-000099"], "sam", "no customer 'CUS-000099'"),
      (
        ["add", "--name", "Bad", "--email", "not-an-email"], "alice",
        "the customer record is not valid: 'not-an-email' is not an email address"
      ),
      (
        ["update", "CUS-000001", "--email", "jane@"], "alice",
        "the customer record is not valid: 'jane@' is not an email address"
      ),
      (["add", "--name", "Bad", "--field", "Shoe_Size=42"], "alice", unknownField),
      (
        ["add", "--name", "Bad\nName"], "alice",
        "the customer record is not valid: the name holds U+000A (a line break); a name is one line of plain text"
      ),
      (
        ["update", "CUS-000001", "--name", "\u{202E}Jane"], "alice",
        "the customer record is not valid: the name holds U+202E (a bidirectional embedding or override); "
          + "a name is one line of plain text"
      ),
      (
        ["add", "--name", String(repeating: "n", count: 201)], "alice",
        "the customer record is not valid: the name is 201 characters long; a name has at most 200"
      ),
      (
        ["add", "--name", "Jane Again", "--email", "jane.doe@EXAMPLE.com"], "alice",
        "customer 'CUS-000001' has the email 'jane.doe@EXAMPLE.com' already; a second record would make finding "
          + "the customer by it ambiguous: update that record, or mark this one shared"
      ),
      (["update", "CUS-000001", "--field", "Shoe_Size=42"], "alice", unknownField),
      (["merge", "CUS-000001", "CUS-000001"], "sam", "customer 'CUS-000001' cannot be merged into itself"),
      (["merge", "CUS-000002", "CUS-000001"], "sam", "customer 'CUS-000002' was merged into 'CUS-000001'"),
      // Merging it again into the record it was merged into is not refused (it finishes an
      // interrupted merge); into another record, it is.
      (["merge", "CUS-000003", "CUS-000002"], "sam", "customer 'CUS-000002' was merged into 'CUS-000001'"),
      (
        ["merge", "CUS-000001", "CUS-000002"], "alice",
        "'alice' supervises no workgroup and may not merge customer records"
      ),
    ]
    for refusal in refusals {
      try Self.refused(session, ["customer"] + refusal.arguments, as: refusal.user, refusal.reason)
    }
    let phone = try session.run(
      ["customer", "add", "--name", "Bad", "--phone", "12ab"], as: "alice", at: "2026-03-02T12:00:00Z")
    #expect(phone.status == 1)
    #expect(phone.stderr.hasPrefix("dcmc: the customer record is not valid: phone '12ab' "), "\(phone.stderr)")
    #expect(phone.stderr.split(separator: "\n").count == 1)
    #expect(try Self.logSizes(session) == before)
    // Usage errors: exit 2.
    for arguments in [
      ["customer", "add"], ["customer", "find", "x", "--limit", "0"], ["customer", "find"],
      ["customer", "merge", "CUS-000001"], ["customer", "show", "CUS-000001", "--name", "x"],
    ] {
      let result = try session.run(arguments, as: "alice", at: "2026-03-02T12:00:00Z")
      #expect(result.status == 2, "\(arguments): \(result.stderr)")
    }
  }

  @Test("add with a request id: the user's retry returns it, other details or users are refused")
  func requestIDRetry() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let arguments = ["customer", "add", "--name", "Max", "--email", "max@example.com", "--request-id", "web-7"]
    let first = try #require(try session.json(arguments, as: "alice", at: "2026-03-02T09:00:00Z") as? [String: Any])
    let retry = try #require(try session.json(arguments, as: "alice", at: "2026-03-02T09:05:00Z") as? [String: Any])
    #expect(first["id"] as? String == "CUS-000002")
    #expect(retry["id"] as? String == "CUS-000002")
    #expect(retry["created_at"] as? String == "2026-03-02T09:00:00Z")
    try Self.refused(
      session, ["customer", "add", "--name", "Maxime", "--email", "max@example.com", "--request-id", "web-7"],
      "request 'web-7' added customer 'CUS-000002' from other details")
    // A request id is its user's (audit33 finding 7): bob's add with alice's is refused.
    try Self.refused(
      session, arguments, as: "bob", "request 'web-7' was used by another user; give a request id of your own")
    let found = try #require(
      try session.json(["customer", "find", "m"], as: "alice", at: "2026-03-02T13:00:00Z") as? [Any])
    #expect(found.count == 1)
  }

  @Test(
    "a number in any of its usual forms finds the one record, and so does its email in other letter case",
    arguments: ["+32 2 555 12 34", "0032 2 5551234", "02 555 12 34", "jane.doe@EXAMPLE.com", "JANE.DOE@example.com"])
  func findsOneRecord(text: String) throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let other = try session.run(
      ["customer", "add", "--name", "Jan Doe", "--email", "jan@example.com", "--phone", "+32 2 555 12 35"], as: "bob",
      at: "2026-03-02T08:30:00Z")
    #expect(other.status == 0, "\(other.stderr)")
    let found = try session.run(["customer", "find", text], as: "alice", at: "2026-03-02T09:00:00Z")
    #expect(found.status == 0, "\(found.stderr)")
    #expect(found.stdout == "CUS-000001  Jane Doe  Jane.Doe@example.com  +3225551234\n")
  }

  @Test("two processes adding with one request id at once make one record")
  func concurrentAddsMakeOneRecord() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let arguments = [
      "customer", "add", "--name", "Ann", "--email", "ann@example.com", "--request-id", "form-42", "--json",
      "--store", session.store, "--at", "2026-03-02T09:00:00Z", "--as", "alice",
    ]
    let pipes = [Pipe(), Pipe()]
    let processes = try pipes.map { try BinaryRunner.start(arguments, output: $0) }
    let outputs = pipes.map { $0.fileHandleForReading.readDataToEndOfFile() }
    for process in processes { process.waitUntilExit() }
    #expect(processes.allSatisfy { $0.terminationStatus == 0 })
    let ids = try outputs.map {
      try #require(try JSONSerialization.jsonObject(with: $0) as? [String: Any])["id"] as? String
    }
    #expect(ids == ["CUS-000002", "CUS-000002"])
    let found = try #require(
      try session.json(["customer", "find", "ann@example.com"], as: "alice", at: "2026-03-02T10:00:00Z") as? [Any])
    #expect(found.count == 1)
    let streams = session.directory.url.appendingPathComponent("store/customers/streams")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: streams.path).filter { $0.hasSuffix(".log") }.count == 2)
  }
}
