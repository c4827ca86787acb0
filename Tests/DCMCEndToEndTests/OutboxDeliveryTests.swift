import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 14 item 16: each notification delivered once, through `outbox deliver`, one command
/// per notification or one for a batch.
@Suite struct OutboxDeliveryTests {
  typealias Session = RuntimeCommandTests.Session
  static let ids = ["TEC-000001/n1", "TEC-000002/n1", "TEC-000003/n1"]
  /// The id of each JSON line on standard input, one a line: a batch command that delivers all.
  static let answerAll = #"sed 's/.*"id":"\([^"]*\)".*/\1/'"#

  /// A store with the reference definitions and three cases, each with one pending notification.
  static func session() throws -> Session {
    let session = try Session()
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-01T12:00:00Z").status == 0)
    for minute in 0..<3 {
      let created = try session.run(
        ["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice",
        at: "2026-03-02T09:0\(minute):00Z")
      #expect(created.status == 0, "\(created.stderr)")
    }
    return session
  }

  static func statuses(_ session: Session) throws -> [String] {
    let listed = try #require(try session.json(["outbox", "list"], at: "2026-03-02T12:00:00Z") as? [[String: Any]])
    return listed.map { "\($0["id"] as? String ?? "?") \($0["status"] as? String ?? "?") \($0["failed_attempts"] as? Int ?? -1)" }
  }

  static func lines(_ path: String) -> [String] {
    ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
  }

  @Test(.enabled(if: FileManager.default.isReadableFile(atPath: "/proc/locks"), "needs Linux's /proc/locks"))
  func twoDeliverersAtOnceSendEachNotificationOnce() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let sent = session.directory.url.appendingPathComponent("sent").path
    // Both list the outbox while the test holds the lock, and are let go together.
    let lock = open(session.store + "/store.lock", O_RDWR | O_CLOEXEC)
    try #require(lock >= 0)
    #expect(flock(lock, LOCK_EX) == 0)
    let runs = try (0..<2).map { _ in
      try BinaryRunner.start([
        "outbox", "deliver", "--via", "echo \"$DCMC_NOTIFICATION_ID\" >> '\(sent)'", "--store", session.store, "--at",
        "2026-03-02T09:10:00Z",
      ])
    }
    let pids = Set(runs.map { String($0.processIdentifier) })
    while TaskNextRaceTests.waitingForALock(pids) < pids.count && runs.allSatisfy({ $0.isRunning }) { sched_yield() }
    #expect(flock(lock, LOCK_UN) == 0)
    close(lock)
    for run in runs {
      run.waitUntilExit()
      #expect(run.terminationStatus == 0)
    }
    #expect(Self.lines(sent).sorted() == Self.ids, "a notification was sent twice, or not at all")
    #expect(try Self.statuses(session) == Self.ids.map { "\($0) delivered 0" })
  }

  @Test func theDeliveryCommandGetsTheNotificationIDInItsEnvironment() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let sent = session.directory.url.appendingPathComponent("sent").path
    let delivered = try BinaryRunner.run(
      ["outbox", "deliver", "--via", "echo \"$DCMC_NOTIFICATION_ID\" >> '\(sent)'", "--store", session.store],
      environment: ["DCMC_NOTIFICATION_ID": "stale"])
    #expect(delivered.status == 0, "\(delivered.stderr)")
    #expect(Self.lines(sent) == Self.ids)
    // A batch gets the ids in its input, and no stale variable from dcmc's environment.
    _ = try session.run(["case", "create", "technical", "--fields", "samples/fields/technical.json"], as: "alice", at: "2026-03-02T10:00:00Z")
    let batch = try BinaryRunner.run(
      ["outbox", "deliver", "--batch", "--via", "echo \"[${DCMC_NOTIFICATION_ID-unset}]\" >> '\(sent)'; \(Self.answerAll)", "--store", session.store],
      environment: ["DCMC_NOTIFICATION_ID": "stale"])
    #expect(batch.status == 0, "\(batch.stderr)")
    #expect(Self.lines(sent).last == "[unset]")
  }

  /// A deliverer killed while it holds its lease: its notifications wait for the lease (5
  /// minutes) to expire, then the next run takes them over.
  @Test func aDelivererThatDiedLeavesItsNotificationsToTheNextRunOnceItsLeaseExpires() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let killed = try session.run(["outbox", "deliver", "--via", "kill -9 $PPID"], at: "2026-03-02T09:10:00Z")
    #expect(killed.status == 9)
    let sent = session.directory.url.appendingPathComponent("sent").path
    let via = "echo \"$DCMC_NOTIFICATION_ID\" >> '\(sent)'"
    let early = try session.run(["outbox", "deliver", "--via", via], at: "2026-03-02T09:14:59Z")
    #expect(early.status == 0, "\(early.stderr)")
    #expect(early.stderr == "dcmc: 3 notifications left to another delivery run, which holds them\n")
    #expect(Self.lines(sent).isEmpty)
    let late = try session.run(["outbox", "deliver", "--via", via], at: "2026-03-02T09:15:00Z")
    #expect(late.status == 0, "\(late.stderr)")
    #expect(Self.lines(sent) == Self.ids)
  }

  @Test func aBatchGetsEveryPendingNotificationAsJSONLinesAndMarksWhatItAnswers() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let listed = try #require(try session.json(["outbox", "list"], at: "2026-03-02T09:09:00Z") as? [[String: Any]])
    let input = session.directory.url.appendingPathComponent("input").path
    let delivered = try session.run(
      ["outbox", "deliver", "--batch", "--via", "tee '\(input)' | \(Self.answerAll)"], at: "2026-03-02T09:10:00Z")
    #expect(delivered.status == 0, "\(delivered.stderr)")
    #expect(delivered.stdout == Self.ids.map { "delivered \($0)\n" }.joined())
    #expect(delivered.stderr == "")
    let lines = Self.lines(input)
    #expect(lines.count == 3)
    for (line, entry) in zip(lines, listed) {
      let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? NSDictionary)
      #expect(object == entry as NSDictionary)
    }
    #expect(try Self.statuses(session) == Self.ids.map { "\($0) delivered 0" })
  }

  @Test func aBatchThatAnswersSomeLeavesTheRestPendingAndSaysHowMany() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let partial = try session.run(
      ["outbox", "deliver", "--batch", "--via", "\(Self.answerAll) | head -n 1"], at: "2026-03-02T09:10:00Z")
    #expect(partial.status == 1)
    #expect(partial.stdout == "delivered TEC-000001/n1\n")
    #expect(partial.stderr.contains("dcmc: notification TEC-000002/n1 stays pending: '"))
    #expect(partial.stderr.hasSuffix("dcmc: 2 of 3 notifications not delivered\n"))
    #expect(try Self.statuses(session) == ["TEC-000001/n1 delivered 0", "TEC-000002/n1 pending 1", "TEC-000003/n1 pending 1"])
    let listed = try session.run(["outbox", "list"], at: "2026-03-02T09:11:00Z").stdout.split(separator: "\n")
    #expect(listed.count == 3)
    #expect(!listed[0].contains("failed"))
    #expect(listed[1].hasSuffix("  (1 failed: '\(Self.answerAll) | head -n 1' did not answer it)"))
  }

  @Test func aGarbledAnswerLineIsReportedAndChangesNothing() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let garbage = #"cat >/dev/null; printf 'not an id\nTEC-999999/n1\n\377\n\n  TEC-000002/n1  \n'"#
    let answered = try session.run(["outbox", "deliver", "--batch", "--via", garbage], at: "2026-03-02T09:10:00Z")
    #expect(answered.status == 1)
    #expect(answered.stdout == "delivered TEC-000002/n1\n")
    let problems = answered.stderr.split(separator: "\n").prefix(3)
    #expect(problems == [
      "dcmc: line 1 of the answer is not a notification id; ignored",
      "dcmc: line 2 of the answer names 'TEC-999999/n1', which was not sent; ignored",
      "dcmc: line 3 of the answer is not UTF-8; ignored",
    ])
    #expect(try Self.statuses(session) == ["TEC-000001/n1 pending 1", "TEC-000002/n1 delivered 0", "TEC-000003/n1 pending 1"])
  }

  /// A command that never exits is stopped at the time-out (1 s here; 60 s by default): what it
  /// answered before counts, the rest stays pending.
  @Test func aBatchThatHangsIsStoppedAtTheTimeOut() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let hanging = try session.run(
      ["outbox", "deliver", "--batch", "--timeout", "1s", "--via", "head -n 1 | \(Self.answerAll); exec sleep 600"],
      at: "2026-03-02T09:10:00Z")
    #expect(hanging.status == 1)
    #expect(hanging.stdout == "delivered TEC-000001/n1\n")
    #expect(hanging.stderr.contains("stays pending: 'head -n 1 | sed"))
    #expect(hanging.stderr.contains("did not finish within 1 s and was stopped\n"))
    #expect(try Self.statuses(session) == ["TEC-000001/n1 delivered 0", "TEC-000002/n1 pending 1", "TEC-000003/n1 pending 1"])
  }

  @Test func aDamagedLeaseFileIsReportedNotTakenForAnEmptyOne() throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    try Data("{\"notifications\":[]}\n".utf8).write(to: URL(fileURLWithPath: session.store + "/outbox.json"))
    let sent = session.directory.url.appendingPathComponent("sent").path
    let refused = try session.run(["outbox", "deliver", "--via", "cat >> '\(sent)'"], at: "2026-03-02T09:10:00Z")
    #expect(refused.status == 2)
    #expect(refused.stderr == "dcmc: malformed record in 'outbox.json': expected an object at 'notifications'\n")
    #expect(Self.lines(sent).isEmpty)
  }

  @Test(arguments: [["--batch"], []])
  func aCommandThatCannotStartExits2AndLeavesEverythingPending(mode: [String]) throws {
    let session = try Self.session()
    defer { session.directory.remove() }
    let failed = try session.run(["outbox", "deliver", "--via", "/nonexistent/deliver"] + mode, at: "2026-03-02T09:10:00Z")
    #expect(failed.status == 2)
    #expect(failed.stdout == "")
    #expect(failed.stderr.contains("'/nonexistent/deliver' could not be started (the shell's status 127)"))
    #expect(try Self.statuses(session).allSatisfy { $0.contains(" pending ") })
    // Released at once: the next run does not wait for a lease.
    let next = try session.run(["outbox", "deliver", "--via", "cat >/dev/null"], at: "2026-03-02T09:11:00Z")
    #expect(next.status == 0, "\(next.stderr)")
    #expect(try Self.statuses(session) == Self.ids.map { "\($0) delivered 0" })
  }
}
