import Foundation
import Testing
import _DCMCTestSupport

/// `Idempotency-Key` across a restart of `dcmc serve` (audit35 M1): the table of keys is in
/// memory, so a retry after a restart is answered by what the store recorded under the key's
/// request id. Part of `ServeCommandTests`, so servers run one at a time.
extension ServeCommandTests {
  /// A customer record added, a file attached, an interaction recorded and a task pulled with a
  /// key, the server stopped with SIGTERM and started again: the same requests with the same
  /// keys add, attach, record and pull nothing more, and answer what the first did; the key
  /// with another body is 422 `idempotency_key_reused`.
  @Test func aKeyRetriedAfterARestartDoesNothingTwice() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let form = #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}"#
    func keyed(_ path: String, _ body: String?, _ key: String) -> [String: Any?] {
      ["method": "POST", "path": path, "token": alice, "body": body, "headers": ["Idempotency-Key": key]]
    }
    let (first, base, _) = try startServer(["--listen", "127.0.0.1:0"], in: directory)
    let made = try send(
      [
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": form],
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": form],
      ], to: base, in: directory)
    let caseID = (made?.first?["body"] as? [String: Any])?["id"] as? String ?? "none"
    let retried = [
      keyed("/api/v1/customers", #"{"name": "Solo Person"}"#, "cust-1"),
      keyed("/api/v1/cases/\(caseID)/attachments", #"{"name": "receipt.pdf", "content": "aGVsbG8="}"#, "att-1"),
      keyed("/api/v1/cases/\(caseID)/links", #"{"interaction": "phone:call-1"}"#, "link-1"),
      keyed("/api/v1/tasks/next", nil, "next-1"),
    ]
    let before = try send(retried, to: base, in: directory)
    stop(first)
    let (second, again, _) = try startServer(["--listen", "127.0.0.1:0"], in: directory)
    let after = try send(
      retried + [
        keyed("/api/v1/customers", #"{"name": "Another Person"}"#, "cust-1"),
        ["method": "GET", "path": "/api/v1/cases/\(caseID)", "token": alice],
        ["method": "GET", "path": "/api/v1/tasks?mine=true", "token": alice],
      ], to: again, in: directory)
    stop(second)
    guard let made, let before, let after else { return }  // no python3 here
    #expect(made.map { $0["status"] as? Int } == [201, 201])
    #expect(before.map { $0["status"] as? Int } == [201, 200, 200, 200])
    #expect(after.map { $0["status"] as? Int } == [201, 200, 200, 200, 422, 200, 200])
    let id = { (answer: [String: Any]) in (answer["body"] as? [String: Any])?["id"] as? String }
    // The first answers again: the same record and the same task.
    #expect(id(after[0]) != nil && id(after[0]) == id(before[0]))
    #expect(id(after[3]) != nil && id(after[3]) == id(before[3]))
    #expect(after.prefix(4).allSatisfy { ($0["headers"] as? [String: String])?["idempotent-replayed"] == nil })
    #expect((after[4]["body"] as? [String: Any])?["code"] as? String == "idempotency_key_reused")
    let shown = after[5]["body"] as? [String: Any]
    #expect((shown?["attachments"] as? [Any])?.count == 1)
    #expect(shown?["interactions"] as? [String] == ["phone:call-1"])
    #expect((after[6]["body"] as? [Any])?.count == 1)
    let found = try dcmc(["customer", "find", "Solo", "--as", "alice", "--json"], in: directory)
    #expect((try JSONSerialization.jsonObject(with: Data(found.stdout.utf8)) as? [Any])?.count == 1, "\(found)")
    #expect(try dcmc(["store", "verify"], in: directory).status == 0)
  }

  /// `POST /api/v1/tasks/next` with a key, its task completed, the server restarted: the retry
  /// answers the task it claimed, completed, and pulls no other (alice holds nothing). Before,
  /// the retry found its claim only among the tasks she held and pulled the second case's.
  @Test func aPullRetriedAfterItsTaskWasCompletedAndARestartClaimsNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let form = #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}"#
    let create: [String: Any?] = ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": form]
    let next: [String: Any?] = [
      "method": "POST", "path": "/api/v1/tasks/next", "token": alice, "body": nil,
      "headers": ["Idempotency-Key": "next-1"],
    ]
    let (first, base, _) = try startServer(["--listen", "127.0.0.1:0"], in: directory)
    let pulled = try send([create, create, next], to: base, in: directory)
    let task = ((pulled?.last?["body"] as? [String: Any])?["id"] as? String) ?? "none"
    let completed = try send(
      [
        [
          "method": "POST", "path": "/api/v1/tasks/\(task)/complete", "token": alice,
          "body": #"{"outcome": "resolved"}"#,
        ]
      ], to: base, in: directory)
    stop(first)
    let (second, again, _) = try startServer(["--listen", "127.0.0.1:0"], in: directory)
    let after = try send(
      [next, ["method": "GET", "path": "/api/v1/tasks?mine=true", "token": alice]], to: again, in: directory)
    stop(second)
    guard let pulled, let completed, let after else { return }  // no python3 here
    #expect(pulled.map { $0["status"] as? Int } == [201, 201, 200])
    #expect(completed.map { $0["status"] as? Int } == [200])
    #expect(after.map { $0["status"] as? Int } == [200, 200])
    let answer = after[0]["body"] as? [String: Any]
    #expect(answer?["id"] as? String == task && answer?["status"] as? String == "completed", "\(String(describing: answer))")
    #expect((after[1]["body"] as? [Any])?.count == 0)
    #expect(try dcmc(["store", "verify"], in: directory).status == 0)
  }

  /// audit37 L1: a keyed `POST /api/v1/presence`, a break taken since, the server stopped with
  /// SIGTERM and started again: the retry answers the presence its first run set (ready, since
  /// then) and changes nothing, so the break stays; the key with another body is 422
  /// `idempotency_key_reused`. Before 8 December 2026 the presence history recorded no request
  /// and the retry set her ready again (and ready makes offers).
  @Test func aPresenceChangeRetriedAfterARestartUndoesNoLaterChange() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let fiona = token(try dcmc(["token", "create", "fiona", "--json"], in: directory))
    func presence(_ body: String, key: String?) -> [String: Any?] {
      [
        "method": "POST", "path": "/api/v1/presence", "token": fiona, "body": body,
        "headers": key.map { ["Idempotency-Key": $0] } ?? [:],
      ]
    }
    let ready = presence(#"{"state": "ready"}"#, key: "pres-1")
    let (first, base, _) = try startServer(["--listen", "127.0.0.1:0"], in: directory)
    let before = try send([ready, presence(#"{"state": "not_ready", "reason": "break"}"#, key: nil)], to: base, in: directory)
    stop(first)
    let (second, again, _) = try startServer(["--listen", "127.0.0.1:0"], in: directory)
    let after = try send(
      [
        ready, presence(#"{"state": "logged_off"}"#, key: "pres-1"),
        ["method": "GET", "path": "/api/v1/presence/fiona", "token": fiona],
        ["method": "GET", "path": "/api/v1/presence/fiona/history", "token": fiona],
      ], to: again, in: directory)
    stop(second)
    guard let before, let after else { return }  // no python3 here
    #expect(before.map { $0["status"] as? Int } == [200, 200])
    #expect(after.map { $0["status"] as? Int } == [200, 422, 200, 200])
    let set = before[0]["body"] as? [String: Any]
    let retried = after[0]["body"] as? [String: Any]
    #expect(retried?["state"] as? String == "ready" && retried?["since"] as? String == set?["since"] as? String)
    #expect((after[1]["body"] as? [String: Any])?["code"] as? String == "idempotency_key_reused")
    let now = after[2]["body"] as? [String: Any]
    #expect(now?["state"] as? String == "not_ready" && now?["reason"] as? String == "break", "\(String(describing: now))")
    #expect((after[3]["body"] as? [Any])?.count == 2)
    #expect(try dcmc(["store", "verify"], in: directory).status == 0)
  }
}
