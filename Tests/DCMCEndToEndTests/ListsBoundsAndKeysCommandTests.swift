import Foundation
import Testing
import _DCMCTestSupport

/// Stop 25's user-test findings through the binary: `case list --limit/--after`, the bound on
/// a field's value, `customer update` of another record's email, and `customer find` under a
/// canonically equivalent spelling.
@Suite struct ListsBoundsAndKeysCommandTests {
  typealias Session = RuntimeCommandTests.Session

  /// A store with the reference definitions deployed.
  static func deployed() throws -> Session { try PresenceCommandTests.deployed() }

  static func create(_ session: Session, at time: String, problem: String = "no signal") throws -> BinaryRunner.Output {
    try session.run(
      [
        "case", "create", "technical", "--field", "Customer_Name=Jane Doe", "--field", "Customer_Email=jane@example.com",
        "--field", "Product=internet", "--field", "Problem_Description=\(problem)",
      ], as: "alice", at: time)
  }

  @Test func caseListPagesWithLimitAndAfter() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    for minute in 0..<3 {
      #expect(try Self.create(session, at: "2026-03-02T08:0\(minute):00Z").status == 0)
    }
    let first = try session.run(["case", "list", "--limit", "2", "--json"], as: "bob", at: "2026-03-02T09:00:00Z")
    #expect(first.status == 0, "\(first.stderr)")
    let ids = (try JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])?.compactMap { $0["id"] as? String }
    #expect(ids == ["TEC-000001", "TEC-000002"])
    let note = "dcmc: more cases follow: case list ... --after "
    #expect(first.stderr.hasPrefix(note))
    let cursor = String(first.stderr.dropFirst(note.count).dropLast())
    let rest = try session.run(["case", "list", "--limit", "2", "--after", cursor], as: "bob", at: "2026-03-02T09:00:00Z")
    #expect(rest.status == 0 && rest.stderr.isEmpty, "\(rest.stderr)")
    // The text lists each case as `case show` does, its id first.
    #expect(rest.stdout.hasPrefix("TEC-000003") && !rest.stdout.contains("TEC-000002"))
    // Without --limit, every case, and no note.
    let all = try session.run(["case", "list"], as: "bob", at: "2026-03-02T09:00:00Z")
    #expect(["TEC-000001", "TEC-000002", "TEC-000003"].allSatisfy(all.stdout.contains) && all.stderr.isEmpty)
    for bad in [["--limit", "0"], ["--limit", "1001"], ["--after", "TEC-000001"]] {
      let refused = try session.run(["case", "list"] + bad, as: "bob", at: "2026-03-02T09:00:00Z")
      #expect(refused.status == 2, "\(bad): \(refused.stderr)")
    }
  }

  @Test func aFieldValueOver64KiBIsRefusedNamingTheField() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let refused = try Self.create(session, at: "2026-03-02T08:00:00Z", problem: String(repeating: "x", count: 65_537))
    #expect(refused.status == 1)
    #expect(refused.stderr.contains("'Problem_Description' is longer than 64 KiB"), "\(refused.stderr)")
    let taken = try Self.create(session, at: "2026-03-02T08:01:00Z", problem: String(repeating: "x", count: 65_536))
    #expect(taken.status == 0, "\(taken.stderr)")
  }

  @Test func customerUpdateRefusesAnotherRecordsEmailUnlessShared() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    for (name, email) in [("Jane Doe", "jane@example.com"), ("Joe Bloggs", "joe@example.com")] {
      let added = try session.run(["customer", "add", "--name", name, "--email", email], as: "alice", at: "2026-03-02T08:00:00Z")
      #expect(added.status == 0, "\(added.stderr)")
    }
    let taken = try session.run(
      ["customer", "update", "CUS-000002", "--email", "JANE@example.com"], as: "alice", at: "2026-03-02T08:01:00Z")
    #expect(taken.status == 1)
    #expect(taken.stderr.contains("CUS-000001"), "\(taken.stderr)")
    let unchanged = try session.run(["customer", "show", "CUS-000002"], as: "alice", at: "2026-03-02T08:01:00Z")
    #expect(unchanged.stdout.contains("joe@example.com"))
    let shared = try session.run(
      ["customer", "update", "CUS-000002", "--email", "jane@example.com", "--shared"], as: "alice", at: "2026-03-02T08:02:00Z")
    #expect(shared.status == 0, "\(shared.stderr)")
    // A record keeps a shared address through its other changes.
    let renamed = try session.run(
      ["customer", "update", "CUS-000002", "--name", "Joe B."], as: "alice", at: "2026-03-02T08:03:00Z")
    #expect(renamed.status == 0, "\(renamed.stderr)")
  }

  @Test func customerFindFindsACanonicallyEquivalentSpelling() throws {
    let session = try Self.deployed()
    defer { session.directory.remove() }
    let added = try session.run(["customer", "add", "--name", "Zo\u{EB} Martin"], as: "alice", at: "2026-03-02T08:00:00Z")
    #expect(added.status == 0, "\(added.stderr)")
    let found = try session.run(["customer", "find", "Zoe\u{308}"], as: "alice", at: "2026-03-02T08:01:00Z")
    #expect(found.status == 0 && found.stdout.hasPrefix("CUS-000001"), "\(found.stdout)\(found.stderr)")
    let store = try session.run(["store", "verify"], at: "2026-03-02T08:02:00Z")
    #expect(store.status == 0, "\(store.stdout)\(store.stderr)")
  }
}
