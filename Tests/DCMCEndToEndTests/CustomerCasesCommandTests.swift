import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc customer cases` and `customer export` through the built binary (SPEC section 14): the
/// status view in text (as docs/customers.md shows it) and JSON, the export, and the refusals.
@Suite struct CustomerCasesCommandTests {
  typealias Session = RuntimeCommandTests.Session

  /// Jane's Technical case, opened on Friday 27 February 2026 and resolved on Monday, and her
  /// Finance case, opened on Monday and waiting for her documents since 11:00.
  static func janesCases() throws -> Session {
    let session = try Session()
    let steps: [([String], String?, String)] = [
      (["deploy", "definitions"], nil, "2026-02-26T12:00:00Z"),
      (
        [
          "case", "create", "technical", "--field", "Customer_Name=Jane Doe", "--field",
          "Customer_Email=jane@example.com", "--field", "Product=internet", "--field", "Problem_Description=no signal",
        ], "alice", "2026-02-27T16:00:00+01:00"
      ),
      (["task", "claim", "TEC-000001.1"], "alice", "2026-03-02T10:10:00+01:00"),
      (["task", "complete", "TEC-000001.1", "--outcome", "resolved"], "alice", "2026-03-02T10:12:00+01:00"),
      (
        [
          "case", "create", "finance", "--field", "Customer_Name=Jane Doe", "--field", "Customer_Email=jane@example.com",
          "--field", "Customer_Phone=+32470998877", "--field", "Request_Type=refund", "--field",
          "Invoice_Number=INV-204311", "--field", "Amount=180.50",
        ], "fiona", "2026-03-02T09:00:00+01:00"
      ),
      (["task", "claim", "FIN-2026-000001.1"], "fiona", "2026-03-02T10:00:00+01:00"),
      (["task", "complete", "FIN-2026-000001.1", "--outcome", "need_documents"], "fiona", "2026-03-02T11:00:00+01:00"),
    ]
    for (arguments, user, time) in steps {
      let result = try session.run(arguments, as: user, at: time)
      #expect(result.status == 0, "\(arguments): \(result.stderr)")
    }
    return session
  }

  /// The first code block after `heading` in docs/customers.md.
  static func documented(after heading: String) throws -> String {
    let docs = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/customers.md"), encoding: .utf8)
    let section = try #require(docs.range(of: "\n\(heading)\n"))
    let start = try #require(docs.range(of: "```\n", range: section.upperBound..<docs.endIndex))
    let end = try #require(docs.range(of: "\n```", range: start.upperBound..<docs.endIndex))
    return docs[start.upperBound..<end.lowerBound] + "\n"
  }

  @Test("customer cases prints a block per case, newest first, in the customer's words, as the docs show")
  func casesInText() throws {
    let session = try Self.janesCases()
    defer { session.directory.remove() }
    let cases = try session.run(["customer", "cases", "CUS-000001"], as: "bob", at: "2026-03-02T12:00:00+01:00")
    #expect(cases.status == 0, "\(cases.stderr)")
    #expect(cases.stdout == (try Self.documented(after: "## The customer's view of their cases")))
    for word in ["fiona", "alice", "finances_group", "employees_group", "priority", "pending", "need_documents"] {
      #expect(!cases.stdout.contains(word), "\(word)")
    }
  }

  /// Audit34 finding 8: a case past its due time read "expected by" that time with no word
  /// that it was late. Late is a due time before the command's instant (`--at`).
  @Test func aCasePastItsDueTimeSaysItIsLate() throws {
    let session = try Self.janesCases()
    defer { session.directory.remove() }
    let created = try session.run(
      [
        "case", "create", "technical", "--field", "Customer_Name=Jane Doe", "--field",
        "Customer_Email=jane@example.com", "--field", "Product=internet", "--field",
        "Problem_Description=no signal again",
      ], as: "alice", at: "2026-03-02T12:00:00+01:00")
    #expect(created.status == 0, "\(created.stderr)")
    let onTime = try session.run(["customer", "cases", "CUS-000001"], as: "bob", at: "2026-03-04T12:00:00+01:00")
    #expect(onTime.stdout.contains("  expected by  Wednesday 4 March 2026, 12:00 CET\n"), "\(onTime.stdout)")
    let late = try session.run(["customer", "cases", "CUS-000001"], as: "bob", at: "2026-03-04T12:00:01+01:00")
    #expect(
      late.stdout.contains("  expected by  Wednesday 4 March 2026, 12:00 CET; it is taking longer than we expected\n"),
      "\(late.stdout)")
  }

  /// Audit34 finding 8: a refused refund read "Resolved" with "resolution rejected"; finance
  /// words its resolutions.
  @Test func aClosedCaseReadsTheWordsOfItsResolution() throws {
    let session = try Self.janesCases()
    defer { session.directory.remove() }
    let at = "2026-03-02T12:00:00+01:00"
    #expect(try session.run(["task", "claim", "FIN-2026-000001.2"], as: "fiona", at: at).status == 0)
    let refused = try session.run(
      ["task", "complete", "FIN-2026-000001.2", "--outcome", "refused"], as: "fiona", at: at)
    #expect(refused.status == 0, "\(refused.stderr)")
    let cases = try session.run(["customer", "cases", "CUS-000001"], as: "bob", at: at)
    #expect(
      cases.stdout.hasPrefix(
        """
        FIN-2026-000001  Finance
          status       We could not grant your request
          opened       Monday 2 March 2026, 09:00 CET
          last update  Monday 2 March 2026, 12:00 CET
          resolution   Rejected

        """), "\(cases.stdout)")
  }

  /// `--limit` and `--after` page the list as `GET /api/v1/customers/{id}/cases` does: the next
  /// page's `--after` on standard error while older cases follow (stop 31's audit: the CLI
  /// listed every case, the API a page).
  @Test func casesArePagedByLimitAndAfter() throws {
    let session = try Self.janesCases()
    defer { session.directory.remove() }
    let at = "2026-03-02T12:00:00+01:00"
    let first = try session.run(["customer", "cases", "CUS-000001", "--limit", "1", "--json"], as: "bob", at: at)
    #expect(first.status == 0, "\(first.stderr)")
    let firstPage = try #require(JSONSerialization.jsonObject(with: Data(first.stdout.utf8)) as? [[String: Any]])
    #expect(firstPage.map { $0["id"] as? String } == ["FIN-2026-000001"])
    let note = "dcmc: older cases follow: customer cases CUS-000001 ... --after "
    #expect(first.stderr.hasPrefix(note), "\(first.stderr)")
    let cursor = String(first.stderr.dropFirst(note.count).prefix { $0 != "\n" })
    let second = try session.run(
      ["customer", "cases", "CUS-000001", "--limit", "1", "--after", cursor, "--json"], as: "bob", at: at)
    let secondPage = try #require(JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [[String: Any]])
    #expect(secondPage.map { $0["id"] as? String } == ["TEC-000001"])
    #expect(second.stderr.isEmpty, "the last page: \(second.stderr)")
    let bad = try session.run(["customer", "cases", "CUS-000001", "--after", "x"], as: "bob", at: at)
    #expect(bad.status == 2 && bad.stderr.hasPrefix("dcmc: --after takes the cursor a page printed, not 'x'"))
  }

  @Test("customer cases --json is an array of the status view's keys and nothing else")
  func casesInJSON() throws {
    let session = try Self.janesCases()
    defer { session.directory.remove() }
    let cases = try #require(
      try session.json(["customer", "cases", "CUS-000001"], as: "bob", at: "2026-03-02T12:00:00+01:00")
        as? [[String: Any]])
    #expect(cases.map { $0["id"] as? String } == ["FIN-2026-000001", "TEC-000001"])
    let keys: Set<String> = [
      "case_type", "expected_by", "expected_by_text", "id", "next_step", "opened_at", "opened_text", "resolution",
      "status", "updated_at", "updated_text",
    ]
    #expect(cases.allSatisfy { Set($0.keys) == keys })
    #expect(cases[0]["expected_by"] is NSNull)
    #expect(cases[0]["expected_by_text"] as? String == "On hold until we hear from you")
    #expect((cases[0]["next_step"] as? String)?.hasPrefix("Reply to our email about this request") == true)
    #expect(cases[1]["next_step"] is NSNull)
    #expect(cases[1]["resolution"] as? String == "resolved")
    #expect(cases[1]["updated_at"] as? String == "2026-03-02T09:12:00Z")
  }

  @Test(
    "customer cases names a case whose log was cut or swapped for another of the same length, and serves the others"
  )
  func damagedLogs() throws {
    let session = try Self.janesCases()
    defer { session.directory.remove() }
    // Two cases made alike: their logs hold as many events, with other ids and times.
    for minute in ["30", "40"] {
      let created = try session.run(
        [
          "case", "create", "technical", "--customer", "CUS-000001", "--field", "Customer_Name=Jane Doe", "--field",
          "Customer_Email=jane@example.com", "--field", "Product=internet", "--field", "Problem_Description=no signal",
        ], as: "alice", at: "2026-03-02T11:\(minute):00+01:00")
      #expect(created.status == 0, "\(created.stderr)")
    }
    let streams = URL(fileURLWithPath: session.store + "/streams")
    func log(_ id: String) -> URL { streams.appendingPathComponent(id + ".log") }
    func cases() throws -> BinaryRunner.Output {
      try session.run(["customer", "cases", "CUS-000001"], as: "bob", at: "2026-03-02T12:00:00+01:00")
    }
    let healthy = try cases()
    #expect(healthy.status == 0 && healthy.stderr.isEmpty, "\(healthy.stderr)")
    #expect(healthy.stdout.contains("TEC-000001") && healthy.stdout.contains("TEC-000003"), "\(healthy.stdout)")
    // The resolved case's log loses its last record, at a line boundary.
    let original = try Data(contentsOf: log("TEC-000001"))
    let lines = original.split(separator: 10, omittingEmptySubsequences: false).dropLast()
    try (Data(lines.dropLast().joined(separator: [10])) + [10]).write(to: log("TEC-000001"))
    let cut = try cases()
    #expect(cut.status == 0, "\(cut.stderr)")
    #expect(
      cut.stderr.hasPrefix("dcmc: warning: skipped damaged case 'TEC-000001': streams/TEC-000001.log ends at event "),
      "\(cut.stderr)")
    #expect(!cut.stdout.contains("TEC-000001") && cut.stdout.contains("TEC-000002"), "\(cut.stdout)")
    try original.write(to: log("TEC-000001"))
    #expect(try cases().stdout == healthy.stdout)
    // TEC-000003's log in TEC-000002's place: whole and as long as the state says, but not
    // the history the state was made from.
    try Data(contentsOf: log("TEC-000003")).write(to: log("TEC-000002"))
    let swapped = try cases()
    #expect(swapped.status == 0, "\(swapped.stderr)")
    #expect(
      swapped.stderr
        == "dcmc: warning: skipped damaged case 'TEC-000002': streams/TEC-000002.log differs from the history its state recorded: events 1-\(try Self.events(in: log("TEC-000003"))) do not match\n",
      "\(swapped.stderr)")
    #expect(!swapped.stdout.contains("TEC-000002") && swapped.stdout.contains("TEC-000003"), "\(swapped.stdout)")
  }

  /// The number of records in the log at `url`, one a line.
  static func events(in url: URL) throws -> Int { try Data(contentsOf: url).split(separator: 10).count }

  @Test("customer export prints the record, its cases and their notifications as JSON, with or without --json")
  func export() throws {
    let session = try Self.janesCases()
    defer { session.directory.remove() }
    let plain = try session.run(["customer", "export", "CUS-000001"], as: "bob", at: "2026-03-02T12:00:00+01:00")
    #expect(plain.status == 0, "\(plain.stderr)")
    let json = try session.run(
      ["customer", "export", "CUS-000001", "--json"], as: "bob", at: "2026-03-02T12:00:00+01:00")
    #expect(json.stdout == plain.stdout)
    let export = try #require(try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as? [String: Any])
    #expect(
      Set(export.keys) == ["cases", "customer", "exported_at", "exported_by", "history", "merged", "notifications"])
    #expect((export["customer"] as? [String: Any])?["id"] as? String == "CUS-000001")
    #expect(export["exported_by"] as? String == "bob")
    let cases = try #require(export["cases"] as? [[String: Any]])
    #expect(cases.map { ($0["case"] as? [String: Any])?["id"] as? String } == ["TEC-000001", "FIN-2026-000001"])
    #expect((cases[1]["customer_view"] as? [String: Any])?["status"] as? String == "Waiting for your documents")
    #expect((cases[1]["case"] as? [String: Any])?["status"] as? String == "pending")
    let notifications = try #require(export["notifications"] as? [[String: Any]])
    #expect(notifications.compactMap { $0["template"] as? String }.contains("case_closed"))
    #expect(notifications.allSatisfy { $0["queued_at"] is String && $0["delivered_at"] is NSNull })
  }

  @Test("an unknown id or user is refused with exit 1; a missing id or user or another action's option is a usage error")
  func refusals() throws {
    let session = try Self.janesCases()
    defer { session.directory.remove() }
    for action in ["cases", "export"] {
      try CustomerCommandTests.refused(session, ["customer", action, "CUS-000099"], "no customer 'CUS-000099'")
      try CustomerCommandTests.refused(
        session, ["customer", action, "CUS-000001"], as: "mallory", "user 'mallory' is in no workgroup and can do nothing")
      // (`cases` takes --limit since 7 December 2026: `--revoke` is status-link's alone.)
      for arguments in [["customer", action], ["customer", action, "CUS-000001", "--revoke"]] {
        let result = try session.run(arguments, as: "alice", at: "2026-03-02T12:00:00Z")
        #expect(result.status == 2, "\(arguments): \(result.stderr)")
      }
      let nobody = try BinaryRunner.run(
        ["customer", action, "CUS-000001", "--store", session.store], environment: ["DCM_USER": ""])
      #expect(nobody.status == 2 && nobody.stdout.isEmpty, "\(nobody)")
      #expect(nobody.stderr.hasPrefix("dcmc: 'customer \(action)' needs an acting user"), "\(nobody.stderr)")
    }
  }
}
