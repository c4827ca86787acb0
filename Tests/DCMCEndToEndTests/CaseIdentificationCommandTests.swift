import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `case create --customer/--channel`, `case list --customer/--unidentified` and `case link
/// --customer` run as the binary: their outputs, exit statuses and refusals, and two creates at
/// once for the same unknown email adding one customer record.
@Suite struct CaseIdentificationCommandTests {
  struct Store {
    let directory: TemporaryDirectory
    var path: String { directory.url.appendingPathComponent("store").path }

    init() throws {
      directory = try TemporaryDirectory()
      #expect(try BinaryRunner.run(["deploy", "definitions", "--store", path]).status == 0)
    }

    func run(_ arguments: [String], as user: String = "alice") throws -> BinaryRunner.Output {
      try BinaryRunner.run(
        arguments + ["--as", user, "--at", "2026-03-02T09:00:00+01:00", "--store", path])
    }

    func create(_ email: String, _ options: [String] = []) -> [String] {
      [
        "case", "create", "technical", "--field", "Customer_Name=Jane Doe", "--field",
        "Customer_Email=\(email)",
        "--field", "Product=internet", "--field", "Problem_Description=no signal",
      ] + options
    }

    func json(_ output: BinaryRunner.Output) throws -> [String: Any] {
      try #require(JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
    }

    var customerLogs: [String] {
      (try? FileManager.default.contentsOfDirectory(atPath: path + "/customers/streams"))?.sorted()
        ?? []
    }
  }

  @Test func aCaseRecordsItsCustomerHowItWasFoundAndItsChannel() throws {
    let store = try Store()
    defer { store.directory.remove() }
    let first = try store.json(
      try store.run(store.create("jane@example.com", ["--channel", "email", "--json"])))
    #expect(first["customer"] as? String == "CUS-000001")
    #expect(first["identification"] as? String == "created")
    #expect(first["channel"] as? String == "email")
    let second = try store.json(try store.run(store.create("JANE@example.com", ["--json"])))
    #expect(second["customer"] as? String == "CUS-000001")
    #expect(second["identification"] as? String == "matched")
    let explicit = try store.json(
      try store.run(store.create("someone@example.com", ["--customer", "CUS-000001", "--json"])))
    #expect(explicit["identification"] as? String == "explicit")
    #expect(store.customerLogs == ["CUS-000001.log"])
    let listed = try store.run(["case", "list", "--customer", "CUS-000001"])
    #expect(listed.status == 0)
    #expect(listed.stdout.components(separatedBy: "  technical  ").count == 4)
    // The readable lines name the customer too, not only --json.
    #expect(listed.stdout.components(separatedBy: "  customer CUS-000001  ").count == 4)
    let unidentified = try store.run(["case", "list", "--unidentified"])
    #expect(unidentified.status == 0 && unidentified.stdout.isEmpty)
  }

  @Test func anUnknownCustomerIsRefusedWithExitOneAndNothingWritten() throws {
    let store = try Store()
    defer { store.directory.remove() }
    let refused = try store.run(store.create("jane@example.com", ["--customer", "CUS-000042"]))
    #expect(refused.status == 1)
    #expect(refused.stderr == "dcmc: no customer 'CUS-000042'\n")
    #expect(try store.run(["case", "list"]).stdout.isEmpty)
    #expect(store.customerLogs.isEmpty)
    let channel = try store.run(store.create("jane@example.com", ["--channel", "fax"]))
    #expect(channel.status == 2)
    // As a list's filter it is an unknown value, a usage error (since 7 December 2026).
    let list = try store.run(["case", "list", "--customer", "CUS-000042"])
    #expect(list.status == 2 && list.stderr == "dcmc: unknown customer 'CUS-000042'; no customer record has this id\n")
  }

  @Test func linkingACaseToACustomerIsASupervisorsAndOnlyOnce() throws {
    let store = try Store()
    defer { store.directory.remove() }
    #expect(try store.run(store.create("jane@example.com")).status == 0)
    let both = try store.run([
      "case", "link", "TEC-000001", "--customer", "CUS-000001", "--interaction", "phone:1",
    ])
    #expect(both.status == 2)
    #expect(both.stderr.contains("case link takes one of --interaction and --customer"))
    let member = try store.run(["case", "link", "TEC-000001", "--customer", "CUS-000001"])
    #expect(member.status == 1)
    #expect(member.stderr.contains("'alice' supervises none of the case's targets"))
    let linked = try store.run(
      ["case", "link", "TEC-000001", "--customer", "CUS-000001"], as: "sam")
    #expect(linked.status == 1)
    #expect(linked.stderr.contains("is linked to customer 'CUS-000001' already"))
    let unknown = try store.run(
      ["case", "link", "TEC-000001", "--customer", "CUS-000042"], as: "sam")
    #expect(unknown.status == 1 && unknown.stderr == "dcmc: no customer 'CUS-000042'\n")
  }

  @Test(
    .enabled(
      if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
  func twoCreatesAtOnceForTheSameUnknownEmailAddOneCustomer() throws {
    let store = try Store()
    defer { store.directory.remove() }
    // Both processes look the email up, find nothing, and wait for the lock to add it.
    let lock = open(store.path + "/store.lock", O_RDWR | O_CLOEXEC)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let creates = try (1...2).map { _ in
      try BinaryRunner.start(
        store.create("new@example.com")
          + ["--as", "alice", "--at", "2026-03-02T09:00:00+01:00", "--store", store.path])
    }
    let pids = Set(creates.map { String($0.processIdentifier) })
    while TaskNextRaceTests.waitingForALock(pids) < pids.count
      && creates.allSatisfy({ $0.isRunning })
    { sched_yield() }
    #expect(flock(lock, LOCK_UN) == 0)
    close(lock)
    for process in creates {
      process.waitUntilExit()
      #expect(process.terminationStatus == 0)
    }
    #expect(store.customerLogs == ["CUS-000001.log"])
    let cases = try ["TEC-000001", "TEC-000002"].map { id in
      try store.json(try store.run(["case", "show", id, "--json"]))
    }
    #expect(cases.map { $0["customer"] as? String } == ["CUS-000001", "CUS-000001"])
    #expect(Set(cases.compactMap { $0["identification"] as? String }) == ["created", "matched"])
    #expect(try store.run(["store", "verify"]).status == 0)
  }
}
