import Foundation
import Testing
import _DCMCTestSupport

/// `customer merge KEEP DUP` through the built binary moves the duplicate's cases (SPEC section
/// 14): the kept record lists them all, each moved case shows the kept record and a
/// `case.customer_moved` in its history, and the same merge again succeeds and changes nothing.
@Suite struct CustomerMergeCommandTests {
  typealias Store = CaseIdentificationCommandTests.Store

  @Test func aMergeMovesTheDuplicatesCasesAndRunningItAgainChangesNothing() throws {
    let store = try Store()
    defer { store.directory.remove() }
    for email in ["jane@example.com", "john@example.com", "JOHN@example.com"] {
      #expect(try store.run(store.create(email)).status == 0)
    }
    let before = try store.run(["case", "list", "--customer", "CUS-000001"])
    #expect(before.stdout.components(separatedBy: "\nTEC-").count == 1)
    let member = try store.run(["customer", "merge", "CUS-000001", "CUS-000002"])
    #expect(member.status == 1)
    #expect(member.stderr == "dcmc: 'alice' supervises no workgroup and may not merge customer records\n")
    for _ in 0..<2 {
      let merged = try store.run(["customer", "merge", "CUS-000001", "CUS-000002"], as: "sam")
      #expect(merged.status == 0, "\(merged.stderr)")
      #expect(merged.stdout == "merged CUS-000002 into CUS-000001\n")
      for customer in ["CUS-000001", "CUS-000002"] {
        let listed = try store.run(["case", "list", "--customer", customer])
        #expect(listed.status == 0)
        let lines = listed.stdout.split(separator: "\n").filter { $0.hasPrefix("TEC-") }
        #expect(lines.map { $0.prefix(10) } == ["TEC-000001", "TEC-000002", "TEC-000003"])
        #expect(lines.allSatisfy { $0.contains("  customer CUS-000001  ") })
      }
      for id in ["TEC-000002", "TEC-000003"] {
        let shown = try store.json(try store.run(["case", "show", id, "--json"]))
        #expect(shown["customer"] as? String == "CUS-000001")
        #expect(shown["identification"] as? String == (id == "TEC-000002" ? "created" : "matched"))
        let history = try store.run(["case", "history", id]).stdout.split(separator: "\n")
        #expect(history.filter { $0.contains("case.customer_moved") }.count == 1)
        #expect(history.last?.hasSuffix("  sam  case.customer_moved  from=CUS-000002 to=CUS-000001") == true)
      }
      let kept = try store.run(["case", "history", "TEC-000001"]).stdout
      #expect(!kept.contains("case.customer_moved"))
    }
    let verify = try BinaryRunner.run(["store", "verify", "--store", store.path])
    #expect(verify.status == 0, "\(verify.stdout)")
    #expect(FileManager.default.fileExists(atPath: store.path + "/by-customer/CUS-000001/TEC-000002"))
    #expect(!FileManager.default.fileExists(atPath: store.path + "/by-customer/CUS-000002"))
  }
}
