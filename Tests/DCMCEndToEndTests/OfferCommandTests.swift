import Foundation
import Testing
import _DCMCTestSupport

/// Push offers through the built binary (SPEC section 15, issue 16): the finances workbin
/// pushes with a 45-second offer time-out; fiona has capacity 2, gary 1. Offers follow a
/// user becoming ready and a case created; `task offers`, `task accept` and `task decline`
/// answer them; `tick` withdraws an unanswered offer (RONA) and ends wrap-ups.
@Suite struct OfferCommandTests {
  typealias Session = RuntimeCommandTests.Session

  static let task = "FIN-2026-000001.1"

  /// A deployed store where `ready` said ready in that order, a minute apart from 08:00Z,
  /// and one finance case created at 08:10Z.
  static func session(ready: [String]) throws -> Session {
    let session = try PresenceCommandTests.deployed()
    for (minute, user) in ready.enumerated() {
      let set = try session.run(
        ["presence", "set", "ready"], as: user, at: "2026-03-02T08:0\(minute):00Z")
      #expect(set.status == 0, "\(set.stderr)")
    }
    let created = try session.run(
      ["case", "create", "finance", "--fields", "samples/fields/finance.json"], as: "tina",
      at: "2026-03-02T08:10:00Z")
    #expect(created.status == 0, "\(created.stderr)")
    return session
  }

  @Test(
    "a created push task is offered to the ready user who waited longest, who sees and accepts it")
  func offerAndAccept() throws {
    let session = try Self.session(ready: ["gary", "fiona"])
    defer { session.directory.remove() }
    let offers = try #require(
      try session.json(["task", "offers"], as: "gary", at: "2026-03-02T08:10:10Z")
        as? [[String: Any]])
    #expect(offers.map { $0["id"] as? String } == [Self.task])
    #expect(offers.first?["offered_to"] as? String == "gary")
    #expect(offers.first?["offer_expires"] as? String == "2026-03-02T08:10:45Z")
    #expect(
      try session.run(["task", "offers"], as: "fiona", at: "2026-03-02T08:10:10Z").stdout == "")
    let list = try session.run(
      ["presence", "list", "--workgroup", "finances_group"], as: "tina", at: "2026-03-02T08:10:10Z")
    #expect(list.stdout.contains("gary  ready  since 2026-03-02T08:00:00Z  holds 1 of 1\n"))
    let accepted = try session.run(
      ["task", "accept", Self.task], as: "gary", at: "2026-03-02T08:10:20Z")
    #expect(accepted.status == 0, "\(accepted.stderr)")
    #expect(accepted.stdout.contains("assigned  finances_group  gary"))
    let late = try session.run(
      ["task", "accept", Self.task], as: "fiona", at: "2026-03-02T08:10:21Z")
    #expect(late.status == 1)
    #expect(late.stderr == "dcmc: task '\(Self.task)' is assigned, not offered\n")
  }

  @Test(
    "two users accept one offer: the one it is offered to wins, the other is refused and nothing changes"
  )
  func oneOfTwoAcceptsWins() throws {
    let session = try Self.session(ready: ["fiona", "gary"])
    defer { session.directory.remove() }
    let history = try session.run(
      ["case", "history", "FIN-2026-000001"], as: "tina", at: "2026-03-02T08:10:01Z")
    let other = try session.run(
      ["task", "accept", Self.task], as: "gary", at: "2026-03-02T08:10:05Z")
    #expect(other.status == 1 && other.stdout.isEmpty)
    #expect(other.stderr == "dcmc: task '\(Self.task)' is not offered to 'gary'\n")
    #expect(
      try session.run(
        ["case", "history", "FIN-2026-000001"], as: "tina", at: "2026-03-02T08:10:06Z"
      ).stdout
        == history.stdout)
    #expect(
      try session.run(["task", "accept", Self.task], as: "fiona", at: "2026-03-02T08:10:07Z").status
        == 0)
  }

  @Test("a decline needs a reason and offers the task to the next ready user")
  func declineGoesToTheNext() throws {
    let session = try Self.session(ready: ["fiona", "gary"])
    defer { session.directory.remove() }
    let bare = try session.run(
      ["task", "decline", Self.task], as: "fiona", at: "2026-03-02T08:10:05Z")
    #expect(bare.status == 2)
    let empty = try session.run(
      ["task", "decline", Self.task, "--reason", " "], as: "fiona", at: "2026-03-02T08:10:05Z")
    #expect(empty.status == 1 && empty.stderr == "dcmc: a decline needs a reason\n")
    let declined = try session.run(
      ["task", "decline", Self.task, "--reason", "busy", "--json"], as: "fiona",
      at: "2026-03-02T08:10:06Z")
    #expect(declined.status == 0, "\(declined.stderr)")
    let view = try #require(
      try JSONSerialization.jsonObject(with: Data(declined.stdout.utf8)) as? [String: Any])
    #expect(view["status"] as? String == "offered" && view["offered_to"] as? String == "gary")
  }

  @Test(
    "an expired offer is refused; tick withdraws it, sets its user not_ready RONA and offers it to the next"
  )
  func ronaOnTick() throws {
    let session = try Self.session(ready: ["gary", "fiona"])
    defer { session.directory.remove() }
    let expired = try session.run(
      ["task", "accept", Self.task], as: "gary", at: "2026-03-02T08:10:45Z")
    #expect(expired.status == 1)
    #expect(
      expired.stderr == "dcmc: the offer of task '\(Self.task)' expired at 2026-03-02T08:10:45Z\n")
    #expect(try session.run(["tick"], at: "2026-03-02T08:11:00Z").status == 0)
    let list = try session.run(
      ["presence", "list", "--workgroup", "finances_group"], as: "tina", at: "2026-03-02T08:11:01Z")
    #expect(
      list.stdout == """
        fiona  ready  since 2026-03-02T08:01:00Z  holds 1 of 2
        gary  not_ready (RONA)  since 2026-03-02T08:10:45Z  holds 0 of 1

        """)
    let offers = try #require(
      try session.json(["task", "offers"], as: "fiona", at: "2026-03-02T08:11:01Z")
        as? [[String: Any]])
    #expect(offers.map { $0["id"] as? String } == [Self.task])
    let history = try session.run(["presence", "history", "gary"], as: "gary", at: "2026-03-02T08:11:01Z")
    #expect(history.stdout.hasSuffix("2  2026-03-02T08:10:45Z  not_ready (RONA)  by the system\n"), "\(history.stdout)")
  }

  @Test("the human list of offers shows each offer's time-out to the second")
  func offersToTheSecond() throws {
    let session = try Self.session(ready: ["gary"])
    defer { session.directory.remove() }
    let offers = try session.run(["task", "offers"], as: "gary", at: "2026-03-02T08:10:10Z")
    #expect(offers.stdout.contains("  to gary until Monday 2 March 2026, 09:10:45 CET  "), "\(offers.stdout)")
  }

  @Test("a user who left ready before completing a push task stays where they went, not in wrap-up")
  func noWrapUpUnlessReady() throws {
    let session = try Self.session(ready: ["gary"])
    defer { session.directory.remove() }
    #expect(try session.run(["task", "accept", Self.task], as: "gary", at: "2026-03-02T08:10:05Z").status == 0)
    let away = try session.run(
      ["presence", "set", "not_ready", "--reason", "break"], as: "gary", at: "2026-03-02T08:10:30Z")
    #expect(away.status == 0, "\(away.stderr)")
    let done = try session.run(
      ["task", "complete", Self.task, "--outcome", "refused"], as: "gary", at: "2026-03-02T08:11:00Z")
    #expect(done.status == 0, "\(done.stderr)")
    let list = try session.run(
      ["presence", "list", "--workgroup", "finances_group"], as: "gary", at: "2026-03-02T08:11:01Z")
    #expect(
      list.stdout.contains("gary  not_ready (break)  since 2026-03-02T08:10:30Z  holds 0 of 1\n"), "\(list.stdout)")
  }

  @Test(
    "completing a push task puts its user in wrap-up until tick ends it; saying ready ends it early"
  )
  func wrapUp() throws {
    let session = try Self.session(ready: ["gary"])
    defer { session.directory.remove() }
    #expect(
      try session.run(["task", "accept", Self.task], as: "gary", at: "2026-03-02T08:10:05Z").status
        == 0)
    let done = try session.run(
      ["task", "complete", Self.task, "--outcome", "refused"], as: "gary",
      at: "2026-03-02T08:11:00Z")
    #expect(done.status == 0, "\(done.stderr)")
    let wrap = try session.run(
      ["presence", "list", "--workgroup", "finances_group"], as: "gary", at: "2026-03-02T08:11:01Z")
    #expect(
      wrap.stdout.contains(
        "gary  wrap_up until 2026-03-02T08:13:00Z  since 2026-03-02T08:11:00Z  holds 0 of 1\n"))
    #expect(try session.run(["tick"], at: "2026-03-02T08:14:00Z").status == 0)
    let history = try session.run(
      ["presence", "history", "gary"], as: "gary", at: "2026-03-02T08:14:01Z")
    #expect(history.stdout.hasSuffix("3  2026-03-02T08:13:00Z  ready  by the system\n"))
    let again = try Self.session(ready: ["gary"])
    defer { again.directory.remove() }
    #expect(
      try again.run(["task", "accept", Self.task], as: "gary", at: "2026-03-02T08:10:05Z").status
        == 0)
    _ = try again.run(
      ["task", "complete", Self.task, "--outcome", "refused"], as: "gary",
      at: "2026-03-02T08:11:00Z")
    let early = try again.run(["presence", "set", "ready"], as: "gary", at: "2026-03-02T08:11:30Z")
    #expect(early.stdout == "gary  ready  since 2026-03-02T08:11:30Z  holds 0 of 1\n")
  }

  @Test("a user who becomes ready receives the backlog until full, most urgent first")
  func backlogDrains() throws {
    let session = try Self.session(ready: [])
    defer { session.directory.remove() }
    for minute in 1...2 {
      let created = try session.run(
        ["case", "create", "finance", "--fields", "samples/fields/finance.json"], as: "tina",
        at: "2026-03-02T08:1\(minute):00Z")
      #expect(created.status == 0, "\(created.stderr)")
    }
    #expect(
      try session.run(
        ["task", "set", "FIN-2026-000003.1", "--priority", "90"], as: "tina",
        at: "2026-03-02T08:13:00Z"
      ).status == 0)
    let ready = try session.run(
      ["presence", "set", "ready"], as: "fiona", at: "2026-03-02T08:14:00Z")
    #expect(ready.stdout == "fiona  ready  since 2026-03-02T08:14:00Z  holds 2 of 2\n")
    let offers = try #require(
      try session.json(["task", "offers"], as: "fiona", at: "2026-03-02T08:14:01Z")
        as? [[String: Any]])
    #expect(offers.map { $0["id"] as? String } == ["FIN-2026-000003.1", "FIN-2026-000001.1"])
  }

  /// audit33 finding 1, its commands: gary, the only ready member, declines; the tick after
  /// the decline's end (`decline_end`) offers the task to him again. (Before, every tick left
  /// it queued until its OLA escalated it.)
  @Test("a declined task is offered again at the first tick after the decline's end")
  func offeredAgainWhenTheDeclineEnds() throws {
    let session = try Session()
    defer { session.directory.remove() }
    #expect(try session.run(["deploy", "definitions"], at: "2026-03-02T08:00:00Z").status == 0)
    #expect(try session.run(["presence", "set", "ready"], as: "gary", at: "2026-03-02T08:00:00Z").status == 0)
    let created = try session.run(
      ["case", "create", "finance", "--fields", "samples/fields/finance.json"], as: "gary", at: "2026-03-02T08:01:00Z")
    #expect(created.stdout.contains("offered  finances_group  to gary"), "\(created.stdout)\(created.stderr)")
    let declined = try session.run(
      ["task", "decline", Self.task, "--reason", "busy"], as: "gary", at: "2026-03-02T08:01:10Z")
    #expect(declined.status == 0 && declined.stdout.contains("  queued  "), "\(declined.stdout)\(declined.stderr)")
    // The decline stands until 08:01:55: a tick before then changes nothing.
    let early = try session.run(["tick"], at: "2026-03-02T08:01:50Z")
    #expect(early.status == 0 && early.stdout.contains("0 cases changed"), "\(early.stdout)")
    #expect(try session.run(["task", "offers"], as: "gary", at: "2026-03-02T08:01:50Z").stdout == "")
    let tick = try session.run(["tick"], at: "2026-03-02T08:02:00Z")
    #expect(tick.status == 0 && tick.stdout.contains("1 case changed"), "\(tick.stdout)\(tick.stderr)")
    let offers = try #require(
      try session.json(["task", "offers"], as: "gary", at: "2026-03-02T08:02:01Z") as? [[String: Any]])
    #expect(offers.map { $0["id"] as? String } == [Self.task])
    #expect(offers.first?["offer_expires"] as? String == "2026-03-02T08:02:45Z")
    let history = try session.run(["case", "history", "FIN-2026-000001"], as: "tina", at: "2026-03-02T08:02:01Z")
    #expect(history.stdout.contains("timer.fired  timer=decline_end"), "\(history.stdout)")
    let verify = try session.run(["store", "verify"], at: "2026-03-02T08:02:02Z")
    #expect(verify.status == 0 && verify.stdout.contains("no damage"), "\(verify.stdout)\(verify.stderr)")
  }

  /// Stop 35: an offer does not outlive its user's readiness. Gary, offered the task, goes on
  /// a break: his offer is withdrawn at once (`task.offer_withdrawn`, saying where he went) and
  /// the task offered to fiona, the next ready user; his reason stays `break`, and a tick past
  /// his offer's time-out finds nothing to expire (no RONA). Before, the offer stood 45 s.
  @Test("a break withdraws the user's offer and the task goes to the next ready user at once")
  func aBreakWithdrawsTheOffer() throws {
    let session = try Self.session(ready: ["gary", "fiona"])
    defer { session.directory.remove() }
    let set = try session.run(
      ["presence", "set", "not_ready", "--reason", "break"], as: "gary", at: "2026-03-02T08:10:10Z")
    #expect(set.status == 0 && set.stdout == "gary  not_ready (break)  since 2026-03-02T08:10:10Z  holds 0 of 1\n",
      "\(set.stdout)\(set.stderr)")
    #expect(try session.run(["task", "offers"], as: "gary", at: "2026-03-02T08:10:11Z").stdout == "")
    let offers = try #require(
      try session.json(["task", "offers"], as: "fiona", at: "2026-03-02T08:10:11Z") as? [[String: Any]])
    #expect(offers.map { $0["id"] as? String } == [Self.task])
    #expect(offers.first?["offer_expires"] as? String == "2026-03-02T08:10:55Z")
    let history = try session.run(["case", "history", "FIN-2026-000001"], as: "tina", at: "2026-03-02T08:10:11Z")
    #expect(
      history.stdout.contains("task.offer_withdrawn  task=\(Self.task) user=gary reason=not_ready (break)"),
      "\(history.stdout)")
    #expect(try session.run(["tick"], at: "2026-03-02T08:10:50Z").status == 0)
    let list = try session.run(
      ["presence", "list", "--workgroup", "finances_group"], as: "tina", at: "2026-03-02T08:10:51Z")
    #expect(
      list.stdout == """
        fiona  ready  since 2026-03-02T08:01:00Z  holds 1 of 2
        gary  not_ready (break)  since 2026-03-02T08:10:10Z  holds 0 of 1

        """)
    let report = try session.run(
      ["report", "presence", "--from", "2026-03-02", "--to", "2026-03-03", "--zone", "UTC", "--format", "csv"],
      as: "tina", at: "2026-03-02T08:11:00Z")
    #expect(report.status == 0 && !report.stdout.contains("offers,gary"), "\(report.stdout)\(report.stderr)")
  }

  /// Stop 36: an offer that times out takes its user out of `ready` (RONA), and their other
  /// standing offer with it. Fiona (capacity 2) is offered two cases, the second a gold
  /// customer's; gary becomes ready after. The tick past the first offer's time-out withdraws
  /// the second (`task.offer_withdrawn`, `not_ready (RONA)`) and offers it to gary; the report
  /// counts one RONA. Before, the second offer stood to fiona, not ready, until its own
  /// time-out counted a second RONA, and gary was offered the first case instead.
  @Test("an offer timing out withdraws its user's other offer, which goes to the next ready user")
  func aTimeOutWithdrawsTheOtherOffer() throws {
    let session = try Self.session(ready: ["fiona"])
    defer { session.directory.remove() }
    let gold = try session.run(
      ["case", "create", "finance", "--fields", "samples/fields/finance.json", "--field", "Customer_Segment=gold"],
      as: "tina", at: "2026-03-02T08:10:05Z")
    #expect(gold.status == 0, "\(gold.stderr)")
    #expect(try session.run(["presence", "set", "ready"], as: "gary", at: "2026-03-02T08:10:10Z").status == 0)
    #expect(try session.run(["tick"], at: "2026-03-02T08:10:46Z").status == 0)
    let history = try session.run(["case", "history", "FIN-2026-000002"], as: "tina", at: "2026-03-02T08:10:47Z")
    #expect(
      history.stdout.contains("task.offer_withdrawn  task=FIN-2026-000002.1 user=fiona reason=not_ready (RONA)"),
      "\(history.stdout)")
    let offers = try #require(
      try session.json(["task", "offers"], as: "gary", at: "2026-03-02T08:10:47Z") as? [[String: Any]])
    #expect(offers.map { $0["id"] as? String } == ["FIN-2026-000002.1"])
    let list = try session.run(
      ["presence", "list", "--workgroup", "finances_group"], as: "tina", at: "2026-03-02T08:10:47Z")
    #expect(
      list.stdout == """
        fiona  not_ready (RONA)  since 2026-03-02T08:10:45Z  holds 0 of 2
        gary  ready  since 2026-03-02T08:10:10Z  holds 1 of 1

        """)
    // Past the second offer's own time-out (08:10:50): no second RONA.
    #expect(try session.run(["tick"], at: "2026-03-02T08:11:00Z").status == 0)
    let report = try session.run(
      ["report", "presence", "--from", "2026-03-02", "--to", "2026-03-03", "--zone", "UTC", "--format", "csv"],
      as: "tina", at: "2026-03-02T08:11:01Z")
    #expect(
      report.status == 0 && report.stdout.split(whereSeparator: \.isNewline).contains("offers,fiona,0,0,1"),
      "\(report.stdout)\(report.stderr)")
  }

  /// Stop 37: the same scene, but the gold case has an event (an interaction linked at
  /// 08:10:48) after the instant of the tick that finds the first offer timed out (`tick --at
  /// 08:10:46`, in the past). That withdrawal is refused and said on standard error, with
  /// `--json` too (whose output stays the list of cases changed), and the tick goes on: the
  /// first case, queued again by its expiry, is offered to gary. Before, the refusal stopped
  /// the tick's follow-up silently and gary was offered nothing.
  @Test("a withdrawal refused at a tick is reported and the tick still offers the expired task")
  func aRefusedWithdrawalIsReportedAndTheTickGoesOn() throws {
    let session = try Self.session(ready: ["fiona"])
    defer { session.directory.remove() }
    let gold = try session.run(
      ["case", "create", "finance", "--fields", "samples/fields/finance.json", "--field", "Customer_Segment=gold"],
      as: "tina", at: "2026-03-02T08:10:05Z")
    #expect(gold.status == 0, "\(gold.stderr)")
    #expect(try session.run(["presence", "set", "ready"], as: "gary", at: "2026-03-02T08:10:10Z").status == 0)
    let linked = try session.run(
      ["case", "link", "FIN-2026-000002", "--interaction", "phone:call-1"], as: "tina", at: "2026-03-02T08:10:48Z")
    #expect(linked.status == 0, "\(linked.stderr)")
    let tick = try session.run(["tick", "--json"], at: "2026-03-02T08:10:46Z")
    #expect(tick.status == 0)
    #expect(
      tick.stderr == "dcmc: warning: the offer of task 'FIN-2026-000002.1' to 'fiona' (now not_ready (RONA)) was not "
        + "withdrawn: time does not run backwards: case 'FIN-2026-000002' last changed at 2026-03-02T08:10:48Z; "
        + "it stands until its time-out\n")
    let changed = try #require(try JSONSerialization.jsonObject(with: Data(tick.stdout.utf8)) as? [[String: Any]])
    #expect(changed.map { $0["id"] as? String } == ["FIN-2026-000001"])
    let offers = try #require(
      try session.json(["task", "offers"], as: "gary", at: "2026-03-02T08:10:49Z") as? [[String: Any]])
    #expect(offers.map { $0["id"] as? String } == [Self.task])
  }
}
