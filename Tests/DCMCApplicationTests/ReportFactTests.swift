import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Issue 17 item 2, the pure part: the facts the reports read, derived from a case's events
/// (`ReportFact.facts(of:)`), for whole lives run through the use cases.
@Suite struct ReportFactTests {
  /// A fact as seconds after Monday 09:00, for a readable expectation.
  struct Row: Equatable, CustomStringConvertible {
    var kind: ReportFact.Kind
    var at: Int
    var task: Int?
    var user: String?
    var state: String?
    var since: Int?

    init(_ kind: ReportFact.Kind, _ at: Int, task: Int? = nil, user: String? = nil, state: String? = nil, since: Int? = nil) {
      (self.kind, self.at, self.task, self.user, self.state, self.since) = (kind, at, task, user, state, since)
    }

    init(_ fact: ReportFact) {
      let base = RepositoryUnderTest.monday.secondsSinceEpoch
      self.init(
        fact.kind, fact.at.secondsSinceEpoch - base, task: fact.task, user: fact.user, state: fact.state,
        since: fact.since.map { $0.secondsSinceEpoch - base })
    }

    var description: String { "\(kind) @\(at) task \(task ?? 0) \(user ?? "-") \(state ?? "-") since \(since ?? -1)" }
  }

  /// A technical case claimed, opened, pended and resumed, escalated by its advisor's outcome,
  /// then resolved by an expert: every status it and its tasks were in is timed, and the
  /// closure carries the SLA due time the pause moved.
  @Test func aCaseWholeLifeGivesItsFacts() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let created = try store.technical()
    let task = created.id + ".1"
    _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: "alice")
    _ = try store.at(120).execute(.open(task: task), onCase: created.id, by: "alice")
    _ = try store.at(180).execute(.pend, onCase: created.id, by: "alice")
    _ = try store.at(240).execute(.resume, onCase: created.id, by: "alice")
    let escalated = try store.at(300).execute(
      .complete(task: task, outcome: "escalate", data: [:]), onCase: created.id, by: "alice")
    let review = try #require(escalated.tasks.last).id
    _ = try store.at(360).execute(.claim(task: review), onCase: created.id, by: "frank")
    let closed = try store.at(420).execute(
      .complete(task: review, outcome: "resolved", data: [:]), onCase: created.id, by: "frank")
    let history = try #require(try store.repository.history(of: created.id))
    let facts = ReportFact.facts(of: history, after: nil)
    #expect(
      facts.map(Row.init) == [
        Row(.opened, 0),
        Row(.taken, 60, task: 1, user: "alice", since: 0),
        Row(.taskStatus, 60, task: 1, state: "queued", since: 0),
        Row(.caseStatus, 60, state: "open", since: 0),
        Row(.taskStatus, 120, task: 1, user: "alice", state: "assigned", since: 60),
        Row(.caseStatus, 180, state: "in_progress", since: 60),
        Row(.caseStatus, 240, state: "pending", since: 180),
        Row(.escalated, 300, task: 1, user: "alice", state: "escalate"),
        Row(.taskStatus, 300, task: 1, user: "alice", state: "working", since: 120),
        Row(.taskEnded, 300, task: 1, user: "alice", state: "escalated", since: 0),
        Row(.caseStatus, 300, state: "in_progress", since: 240),
        Row(.taken, 360, task: 2, user: "frank", since: 300),
        Row(.taskStatus, 360, task: 2, state: "queued", since: 300),
        Row(.taskStatus, 420, task: 2, user: "frank", state: "assigned", since: 360),
        Row(.taskEnded, 420, task: 2, user: "frank", state: "completed", since: 300),
        Row(.closed, 420, user: "frank", state: "resolved", since: 0),
        Row(.caseStatus, 420, state: "escalated", since: 300),
      ])
    let closure = try #require(facts.first { $0.kind == .closed })
    #expect(closure.seconds == 420 && closure.type == "technical")
    // The pause moved the SLA (16 business hours, Tuesday 17:00) by its business minute.
    #expect(closure.due == closed.slaDue && closure.due != created.slaDue && closure.met == true)
    #expect(facts.first { $0.kind == .opened }?.due == created.slaDue)
    let review1 = try #require(facts.first { $0.kind == .taskEnded && $0.task == 2 })
    #expect(review1.reason == "resolved" && review1.target == "expert_group_x" && review1.met == true)
    // Each fact is keyed by the event that produced it: one change's facts, derived again from
    // its change set, are the same.
    let last = history.count
    let before = CaseState.replay(Array(history.prefix(last - 3)))
    let change = CaseChangeSet(before: before, events: Array(history.suffix(3)), after: closed)
    #expect(ReportFact.facts(of: change) == facts.filter { $0.seq > last - 3 })
  }

  /// audit33 finding 2: an OLA breach while bob has the task open escalates it when he
  /// releases it; that escalation is the breach's (no user: `escalations`' "on an OLA breach",
  /// not bob's by hand), and the task ends from `working`, last held by bob.
  @Test func anEscalationDeferredUntilTheReleaseIsTheBreachs() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let created = try store.technical()
    let task = created.id + ".1"
    _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: "bob")
    _ = try store.at(120).execute(.open(task: task), onCase: created.id, by: "bob")
    // Tuesday 13:30, past the OLA's 13:00.
    let breach = 28 * 3600 + 1800
    _ = try store.at(breach).tick(by: nil)
    let after = try store.at(breach + 600).execute(.release(task: task), onCase: created.id, by: "bob")
    #expect(after.task(task)?.assignee == "bob")
    let history = try #require(try store.repository.history(of: created.id))
    let released = RepositoryUnderTest.monday.adding(seconds: breach + 600)
    let facts = ReportFact.facts(of: history, after: nil).filter {
      $0.task == 1 && $0.at == released && [.escalated, .taskStatus, .taskEnded].contains($0.kind)
    }
    #expect(
      facts.map(Row.init) == [
        Row(.escalated, breach + 600, task: 1),
        Row(.taskStatus, breach + 600, task: 1, user: "bob", state: "working", since: 120),
        Row(.taskEnded, breach + 600, task: 1, user: "bob", state: "escalated", since: 0),
      ])
  }

  /// audit38 HIGH 1: a new OLA given after the breach that deferred the escalation cancels
  /// it: the release is bob's release, and the reports count no escalation (`escalations`
  /// would have counted one on an OLA breach while `sla` counted the OLA met).
  @Test func aNewOLAAfterADeferredBreachLeavesNoEscalationToCount() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let created = try store.technical()
    let task = created.id + ".1"
    _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: "bob")
    _ = try store.at(120).execute(.open(task: task), onCase: created.id, by: "bob")
    let breach = 28 * 3600 + 1800
    _ = try store.at(breach).tick(by: nil)
    _ = try store.at(breach + 60).execute(.setOLA(task: task, days: 0, seconds: 8 * 3600), onCase: created.id, by: "sam")
    let after = try store.at(breach + 600).execute(.release(task: task), onCase: created.id, by: "bob")
    #expect(after.task(task)?.status == .queued)
    let history = try #require(try store.repository.history(of: created.id))
    let facts = ReportFact.facts(of: history, after: nil)
    #expect(!facts.contains { $0.kind == .escalated || $0.kind == .taskEnded })
    let released = RepositoryUnderTest.monday.adding(seconds: breach + 600)
    #expect(
      facts.filter { $0.task == 1 && $0.at == released }.map(Row.init) == [
        Row(.taskStatus, breach + 600, task: 1, user: "bob", state: "working", since: 120)
      ])
  }

  /// A push task declined by one advisor and left unanswered by another (RONA, dated by the
  /// tick that withdrew it): each is a fact.
  @Test func declinesAndRONAsAreFacts() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let created = try store.at(0).create(type: "finance", fields: PullRuleTests.finance, request: nil, by: "fiona")
    let task = try #require(created.tasks.first).id
    _ = try store.at(0).execute(.offer(task: task, to: "gary"), onCase: created.id, by: nil)
    _ = try store.at(10).execute(.declineOffer(task: task, reason: "on_call"), onCase: created.id, by: "gary")
    _ = try store.at(20).execute(.offer(task: task, to: "fiona"), onCase: created.id, by: nil)
    _ = try store.at(70).tick(by: nil)
    let history = try #require(try store.repository.history(of: created.id))
    let facts = ReportFact.facts(of: history, after: nil).filter { $0.kind == .declined || $0.kind == .rona }
    #expect(facts.map(Row.init) == [Row(.declined, 10, task: 1, user: "gary"), Row(.rona, 70, task: 1, user: "fiona")])
    #expect(facts.first?.reason == "on_call")
  }

  /// Each presence change ends the state before it: the user, the state and its reason, from
  /// when to when, and who changed it.
  @Test func presenceChangesEndTheirStates() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    _ = try store.presenceAt(0).set(.ready, reason: nil, by: "gary")
    _ = try store.presenceAt(60).set(.notReady, reason: "break", user: "gary", by: "tina")
    _ = try store.presenceAt(90).set(.loggedOff, reason: nil, by: "gary")
    let events = try #require(try store.presenceRepository.presenceHistory(of: "gary"))
    let change = PresenceChangeSet(
      before: PresenceState(user: "gary"), events: events, after: try #require(PresenceState.replay(events)))
    let facts = ReportFact.facts(of: change)
    #expect(facts.map(Row.init) == [Row(.presence, 60, user: "tina", state: "ready", since: 0), Row(.presence, 90, user: "gary", state: "not_ready", since: 60)])
    #expect(facts.map(\.reason) == [nil, "break"] && facts.allSatisfy { $0.subject == "gary" })
  }

  /// Every fact reads back from its CSV line, texts with commas, quotes and empty texts too.
  @Test func aCSVLineReadsBackAsTheFact() {
    let fact = ReportFact(
      .taskEnded, at: Instant(secondsSinceEpoch: 1_772_438_400), subject: "TEC-000001", seq: 12, type: "technical",
      task: 1, definition: "handle", target: "employees_group", user: "", state: "completed",
      reason: "said \"no\", twice", since: Instant(secondsSinceEpoch: 1_772_400_000), due: nil, met: false)
    let line = fact.csvLine
    #expect(String(decoding: line, as: UTF8.self).hasSuffix(#",employees_group,"",completed,"said ""no"", twice",1772400000,,0"#))
    #expect(ReportFact(csvLine: line[...]) == fact)
    #expect(ReportFact(csvLine: Array("opened,1,TEC-1".utf8)[...]) == nil)
    #expect(ReportFact.csvHeader.split(separator: ",").count == ReportFact.columns.count)
  }
}
