public import DCMCCalendar

/// A stretch of report facts (a UTC day, or the part of one inside a period) reduced to what
/// the reports count (`docs/reports.md`, "Rollups"): facts that differ only in their history,
/// event and instants are one `Group` with its `Figures` (a count, a sum of seconds, the sorted
/// durations quantiles need). The file store keeps a day's rollup beside its day file, so a
/// month's report merges about 30 rollups instead of decoding every fact; every figure stays
/// exact, because what a group cannot add up (the closures' instants for business time, the
/// escalated cases, the handling of tasks that cross the rollup's bounds) is kept whole.
public struct FactsRollup: Sendable, Equatable {
  /// The facts' columns the reports read, but for the history, event and instants.
  public struct Group: Hashable, Sendable {
    public var kind: ReportFact.Kind
    public var type: String?
    /// Whether the facts are a task's (`ReportFact.task` not `nil`): only those are filtered by workbin.
    public var isTask: Bool
    public var definition: String?
    public var target: String?
    public var user: String?
    public var state: String?
    public var reason: String?
    public var met: Bool?
    /// The user whose presence it is, for `presence`; `nil` for every other kind.
    public var subject: String?

    public init(
      _ kind: ReportFact.Kind, type: String?, isTask: Bool, definition: String?, target: String?, user: String?,
      state: String?, reason: String?, met: Bool?, subject: String?
    ) {
      (self.kind, self.type, self.isTask, self.definition, self.target) = (kind, type, isTask, definition, target)
      (self.user, self.state, self.reason, self.met, self.subject) = (user, state, reason, met, subject)
    }

    init(_ fact: ReportFact) {
      self.init(
        fact.kind, type: fact.type, isTask: fact.task != nil, definition: fact.definition, target: fact.target,
        user: fact.user, state: fact.state, reason: fact.reason, met: fact.met,
        subject: fact.kind == .presence ? fact.subject : nil)
    }
  }

  /// What a group's facts add up to.
  public struct Figures: Sendable, Equatable {
    public var count: Int64 = 0
    /// The sum of the facts' `seconds` (0 for a fact without `since`).
    public var seconds: Int64 = 0
    /// `seconds` of each `closed`, `taken` and unassigned `taskEnded` fact with a `since`, ascending.
    public var durations: [Int64] = []
    /// `since` and `at` of each `closed` fact with a `since`, in the order written: business
    /// time needs both ends, on the calendar deployed when the report runs.
    public var spans: [Span] = []
    /// The cases of `escalated` facts, ascending, each once.
    public var cases: [String] = []
    /// Of `taskEnded` facts of completed tasks with a user: each task's seconds assigned or
    /// working in the rollup, ascending, but for the tasks in `FactsRollup.tasks`.
    public var handleTimes: [Int64] = []

    public init(
      count: Int64 = 0, seconds: Int64 = 0, durations: [Int64] = [], spans: [Span] = [], cases: [String] = [],
      handleTimes: [Int64] = []
    ) {
      (self.count, self.seconds, self.durations) = (count, seconds, durations)
      (self.spans, self.cases, self.handleTimes) = (spans, cases, handleTimes)
    }
  }

  /// A closure's creation (`since`) and closing instants.
  public struct Span: Sendable, Hashable {
    public var since: Instant
    public var at: Instant

    public init(since: Instant, at: Instant) { (self.since, self.at) = (since, at) }
  }

  /// A task whose handling (seconds assigned or working, `AdvisorsReport`) a rollup cannot add
  /// to its end's group: one active at `from`, not ended in the rollup, or handled in another
  /// workbin than the one it ended in. The reports carry its seconds from rollup to rollup.
  public struct Handling: Sendable, Equatable {
    /// `case#number`.
    public var task: String
    public var type: String?
    /// Seconds assigned or working in the rollup, by the workbin of each stay (`""` for none).
    public var seconds: [String: Int64]
    /// Its `taskEnded` facts' group, when it ended in the rollup.
    public var end: Group?

    public init(task: String, type: String?, seconds: [String: Int64], end: Group?) {
      (self.task, self.type, self.seconds, self.end) = (task, type, seconds, end)
    }
  }

  /// The start of the stretch: a stay entered before it began before the rollup.
  public var from: Instant
  public var groups: [Group: Figures]
  /// Ordered by `task`.
  public var tasks: [Handling]

  public init(from: Instant, groups: [Group: Figures], tasks: [Handling]) {
    (self.from, self.groups, self.tasks) = (from, groups, tasks)
  }
}

extension FactsRollup {
  /// The rollup of `facts` (in the order written), a stretch that starts at `from`.
  public init(from: Instant, facts: some Sequence<ReportFact>) {
    var groups: [Group: Figures] = [:]
    var stays: [String: (type: String?, seconds: [String: Int64], crosses: Bool)] = [:]
    var ends: [(task: String, group: Group)] = []
    for fact in facts {
      let group = Group(fact)
      let seconds = Int64(fact.seconds ?? 0)
      var figures = groups[group] ?? Figures()
      figures.count += 1
      figures.seconds += seconds
      switch fact.kind {
      case .closed:
        if let since = fact.since {
          figures.durations.append(seconds)
          figures.spans.append(Span(since: since, at: fact.at))
        }
      case .taken where fact.since != nil, .taskEnded where fact.since != nil && fact.user == nil:
        figures.durations.append(seconds)
      case .escalated: figures.cases.append(fact.subject)
      default: break
      }
      groups[group] = figures
      guard let number = fact.task else { continue }
      let task = fact.subject + "#" + String(number)
      switch fact.kind {
      case .taskStatus:
        var stay = stays[task] ?? (fact.type, [:], false)
        if let since = fact.since, since < from { stay.crosses = true }
        if fact.state == "assigned" || fact.state == "working" { stay.seconds[fact.target ?? "", default: 0] += seconds }
        stays[task] = stay
      case .taskEnded: ends.append((task, group))
      default: break
      }
    }
    var tasks: [Handling] = []
    for (task, group) in ends {
      let stay = stays.removeValue(forKey: task)
      let handled = stay?.seconds ?? [:]
      if stay?.crosses == true || handled.keys.contains(where: { $0 != group.target ?? "" }) {
        tasks.append(Handling(task: task, type: group.type, seconds: handled, end: group))
      } else if group.state == "completed", group.user != nil {
        groups[group]?.handleTimes.append(handled.values.reduce(0, +))
      }
    }
    for (task, stay) in stays where !stay.seconds.isEmpty {
      tasks.append(Handling(task: task, type: stay.type, seconds: stay.seconds, end: nil))
    }
    for group in groups.keys {
      groups[group]?.durations.sort()
      groups[group]?.handleTimes.sort()
      if let cases = groups[group]?.cases, !cases.isEmpty { groups[group]?.cases = Array(Set(cases)).sorted() }
    }
    self.init(from: from, groups: groups, tasks: tasks.sorted { $0.task < $1.task })
  }
}
