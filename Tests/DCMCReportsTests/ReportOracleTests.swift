import DCMCApplication
import DCMCCalendar
import DCMCReports
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Every report's figures on seeded random stores (the in-memory adapter, through
/// `CaseService` with a fixed clock) against `ReportOracle`, which computes them from the case
/// and presence histories alone, without the report or fact code.
@Suite struct ReportOracleTests {
  static let employees = ["alice", "bob", "carol"]
  static let experts = ["eve", "frank"]
  /// The finances workbin pushes its tasks to these two, who accept or decline offers or let
  /// them time out (RONA).
  static let pushed = ["fiona", "gary"]
  static var everyone: [String] { employees + experts + pushed }
  static let outcomes = [
    "handle": ["resolved", "escalate"], "expert_review": ["resolved", "send_back"],
    "verify": ["confirmed", "still_failing"], "assess": ["refunded", "refused", "escalate"],
    "process_documents": ["corrected", "refused"],
  ]

  /// A finance request created by `alice`; its tasks go to the pushing finances workbin.
  static let financeForm: [String: String] = [
    "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
    "Request_Type": "refund", "Invoice_Number": "INV-204311",
  ]

  /// The service at `seconds` with the presence port, so push works: readiness and new tasks
  /// make offers, ticks withdraw expired ones (RONA).
  static func pushing(_ store: RepositoryUnderTest, _ seconds: Int) -> CaseService {
    var service = store.at(seconds)
    service.presence = store.presenceRepository
    return service
  }

  /// A random month of work, from Monday 2 March 2026 09:00 in Brussels; the case ids made.
  static func fill(_ store: RepositoryUnderTest, _ generator: inout SeededGenerator, steps: Int) -> (
    cases: [String], end: Int
  ) {
    var cases: [String] = []
    var time = 0
    for _ in 0..<steps {
      time += generator.below(4 * 3600)
      let service = pushing(store, time)
      switch generator.below(12) {
      case 0, 1:
        if let made = try? store.technical(time) { cases.append(made.id) }
      case 10:
        if let made = try? service.create(
          type: "finance", fields: financeForm, request: nil, customer: nil, by: "alice")
        {
          cases.append(made.id)
        }
      case 11:
        // A pushing advisor says ready, then accepts, declines or lets time out an offer.
        let user = pushed[generator.below(pushed.count)]
        _ = try? service.setPresence(.ready, reason: nil, by: user)
        guard let offers = try? service.offers(to: user), let offer = offers.first else { continue }
        switch generator.below(3) {
        case 0:
          _ = try? service.execute(
            .declineOffer(task: offer.task.id, reason: "break"), onCase: offer.of.id, by: user)
        case 1: _ = try? service.execute(.acceptOffer(task: offer.task.id), onCase: offer.of.id, by: user)
        default: _ = try? pushing(store, time + 60).tick(by: nil)
        }
      case 2, 3:
        let users = employees + experts
        _ = try? service.claimNext(by: users[generator.below(users.count)])
      case 4, 5, 6:
        let held = cases.compactMap { try? service.load($0) }.flatMap { state in
          state.activeTasks.filter { $0.assignee != nil }.map { (state.id, $0) }
        }
        guard !held.isEmpty else { continue }
        let (id, task) = held[generator.below(held.count)]
        if generator.below(5) == 0 {
          _ = try? service.execute(.escalate(task: task.id), onCase: id, by: task.assignee)
        } else {
          let choices = outcomes[task.definition] ?? ["resolved"]
          _ = try? service.execute(
            .complete(task: task.id, outcome: choices[generator.below(choices.count)], data: [:]), onCase: id,
            by: task.assignee)
        }
      case 7:
        guard !cases.isEmpty else { continue }
        let id = cases[generator.below(cases.count)]
        // A queued task put aside for a few hours: its service-level wait starts at its return.
        let queued = (try? service.load(id))?.activeTasks.first { $0.status == .queued }
        let until = RepositoryUnderTest.monday.adding(seconds: time + 600 + generator.below(6 * 3600))
        let reschedule = Command.reschedule(task: queued?.id ?? "", until: until)
        // A supervisor's new SLA, shorter or longer than the type's: `sla_set` in the histories.
        let sla = Command.setSLA(days: generator.below(3), seconds: 3600 * (1 + generator.below(8)))
        let command: Command = [.cancel, .pend, .resume, reschedule, sla][generator.below(5)]
        _ = try? service.execute(command, onCase: id, by: "sam")
      case 8:
        _ = try? service.tick(by: nil)
      default:
        let users = everyone
        let choice = PresenceStatus.Choice.allCases[generator.below(3)]
        _ = try? service.setPresence(
          choice, reason: choice == .notReady ? "break" : nil, by: users[generator.below(users.count)])
      }
    }
    return (cases, time)
  }

  /// The stores and seeds: twelve in memory, four on each durable store (slower to fill).
  static let runs: [(RepositoryKind, UInt64)] = RepositoryKind.allCases.flatMap { kind in
    (0..<(kind == .memory ? 12 : 4) as Range<UInt64>).map { (kind, $0) }
  }

  /// On every store: the file store and PostgreSQL keep the rollups of the whole days the
  /// first dashboard rolls up, and the second reads them, so both are checked.
  @Test(arguments: runs)
  func everyFigureEqualsTheOneTheHistoriesGive(_ kind: RepositoryKind, seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed &* 7919 &+ 17)
    let store = try kind.make()
    defer { store.remove() }
    let (cases, end) = Self.fill(store, &generator, steps: 160 + generator.below(120))
    let monday = RepositoryUnderTest.monday
    let from = monday.adding(seconds: generator.below(max(1, end / 2)) - 3600)
    let to = from.adding(seconds: generator.below(end) + 1)
    let now = monday.adding(seconds: end + generator.below(86_400))
    let definitions = try store.service.definitions.deployed()
    let histories = try cases.map { try store.service.history(of: $0) }
    let states = try cases.map { try store.service.load($0) }
    let presence = try Self.everyone.map {
      try store.presenceRepository.presenceHistory(of: $0) ?? []
    }
    let oracle = ReportOracle(
      period: from..<to, now: now, histories: histories, states: states, presence: presence,
      calendar: try #require(definitions.calendar("office_brussels")))
    let scope = ReportScope(
      period: ReportPeriod(from: from, to: to, zone: .utc), now: now, definitions: definitions)
    var expectations = oracle.figures()
    var levels: [String: (seconds: Int64, percent: Int64)] = [:]
    for workgroup in definitions.bundle.workgroups {
      if let level = workgroup.serviceLevel {
        levels[workgroup.id] = (Int64(level.answerWithinSeconds), Int64(level.targetPercent))
      }
    }
    #expect(!levels.isEmpty, "the reference workgroups have service levels")
    expectations["service-level"] = oracle.serviceLevels(levels)
    #expect(expectations.count == ReportCatalog.names.count - 1, "every report but the dashboard")
    #expect(expectations.values.map(\.count).reduce(0, +) > 40, "seed \(seed) checks few figures")
    for round in ["first", "second"] {
      let computed = try ReportCatalog.compute(
        try #require(ReportCatalog.selection(named: ReportCatalog.dashboard)), scope: scope, facts: store.reportFacts,
        now: ReportNow(store.queries, scope: scope))
      guard case .dashboard(let dashboard) = computed else {
        throw ReportBuilderTests.UnexpectedResult(name: "dashboard")
      }
      for (name, expected) in expectations {
        let report = try #require(dashboard.reports.first { $0.name == name })
        #expect(Self.figures(report, keys: expected) == expected, "report \(name), \(kind), seed \(seed), \(round) run")
      }
    }
  }

  /// The report's cells at the places `keys` names (`section|row labels|column`), the rows
  /// the oracle does not name too, so a row the oracle lacks is a difference.
  static func figures(_ report: Report, keys expected: [String: ReportCell]) -> [String: ReportCell] {
    let asked = Set(expected.keys.map { $0.split(separator: "|").first.map(String.init) ?? "" })
    let columns = Set(expected.keys.map { String($0.split(separator: "|").last ?? "") })
    var found: [String: ReportCell] = [:]
    for section in report.sections where asked.contains(section.key) {
      for row in section.rows {
        let labels = zip(section.columns, row).filter { $0.0.kind == .text }.map { column, cell in
          if case .text(let text) = cell { text } else { "" }
        }
        for (column, cell) in zip(section.columns, row) where columns.contains(column.key) && column.kind != .text {
          found[([section.key] + labels + [column.key]).joined(separator: "|")] = cell
        }
      }
    }
    return found.filter { key, cell in expected[key] != nil || !isNothing(cell) }
  }

  /// A cell that says "none": what a row the oracle does not name holds.
  static func isNothing(_ cell: ReportCell) -> Bool {
    switch cell {
    case .count(0), .empty, .percentage(_, 0): true
    default: false
    }
  }
}
