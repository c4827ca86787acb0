public import DCMCDiagnostics

public enum TaskKind: String, Sendable, Hashable, CaseIterable {
  case work, approval, form
}

/// A task of a stage: who does it, by when, how it reaches them, and what each outcome does.
public struct TaskDefinition: Sendable {
  /// A task's weight when none is written.
  public static let defaultWeight = 1
  /// The weights a task may have (DC4020).
  public static let weights = 1...100

  public var id: Located<String>
  public var name: String
  public var description: String?
  public var kind: TaskKind
  public var isStart: Bool
  public var target: Target
  public var ola: ServiceLevel?
  public var priority: Priority?
  public var outcomes: [Outcome]
  public var fields: [FieldDefinition]
  /// The skill tiers of `distribution:`; `nil` when it gives none.
  public var distribution: Distribution?
  /// The `mode` and `offer_timeout` of `distribution:`, each `nil` when not written.
  public var dispatch = Dispatch()
  /// How much of a member's capacity the task takes; `nil`: `defaultWeight`.
  public var weight: Located<Int>?
  /// `allow_claim: true`: members may claim it from the workbin, not only take what `task
  /// next` gives.
  public var allowsClaim = false
  /// The whole task mapping.
  public var range: SourceRange
  /// Whether part of its routing failed its shape check and was left out: `outcomes` or one
  /// of them, an action of one, `start`, or a key that is not a task key (perhaps one of
  /// these misspelt). Where the task leads, and whether it starts its stage, are unknown.
  public var isPartial = false

  public init(
    id: Located<String>, name: String?, description: String?, kind: TaskKind, isStart: Bool, target: Target,
    ola: ServiceLevel?, priority: Priority?, outcomes: [Outcome], fields: [FieldDefinition],
    distribution: Distribution?, range: SourceRange
  ) {
    self.id = id
    self.name = name ?? id.value
    self.description = description
    self.kind = kind
    self.isStart = isStart
    self.target = target
    self.ola = ola
    self.priority = priority
    self.outcomes = outcomes
    self.fields = fields
    self.distribution = distribution
    self.range = range
  }
}

/// Where a task goes: one workgroup, or the first entry whose condition holds.
public enum Target: Sendable {
  case fixed(Located<String>)
  case conditional([ConditionalTarget])

  /// Every workgroup the task may go to.
  public var workgroups: [Located<String>] {
    switch self {
    case .fixed(let id): [id]
    case .conditional(let entries): entries.map(\.to)
    }
  }
}

public struct ConditionalTarget: Sendable {
  /// `nil` for the unconditional default.
  public var when: Condition?
  public var to: Located<String>

  public init(when: Condition?, to: Located<String>) {
    self.when = when
    self.to = to
  }
}

/// A wrap-up code and what choosing it does.
public struct Outcome: Sendable {
  public var code: Located<String>
  public var close: Located<String>?
  public var start: [Located<String>]
  public var assign: Located<String>?
  public var escalate: SourceRange?
  public var stage: Located<String>?
  public var pend: SourceRange?
  public var set: [FieldAssignment]
  /// The action mapping (or the null value) of the outcome.
  public var range: SourceRange

  public init(
    code: Located<String>, close: Located<String>?, start: [Located<String>], assign: Located<String>?,
    escalate: SourceRange?, stage: Located<String>?, pend: SourceRange?, set: [FieldAssignment], range: SourceRange
  ) {
    self.code = code
    self.close = close
    self.start = start
    self.assign = assign
    self.escalate = escalate
    self.stage = stage
    self.pend = pend
    self.set = set
    self.range = range
  }

  /// `assign: original`: the started task goes to whoever handled the escalated task.
  public static let originalAssignee = "original"
}

/// Skills-based distribution: offered to members at or above the first tier, widening to
/// each next tier after `expandAfter` unassigned.
public struct Distribution: Sendable {
  public var skill: Located<String>
  public var tiers: [Located<Int>]
  public var expandAfter: Located<Duration>

  public init(skill: Located<String>, tiers: [Located<Int>], expandAfter: Located<Duration>) {
    self.skill = skill
    self.tiers = tiers
    self.expandAfter = expandAfter
  }
}
