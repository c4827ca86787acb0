public import DCMCCalendar
public import DCMCDiagnostics

/// An executable test of a case type: a start instant and steps.
public struct Scenario: Sendable {
  public var header: DefinitionHeader
  public var caseType: Located<String>
  public var start: Located<Timestamp>
  public var steps: [ScenarioStep]

  public init(header: DefinitionHeader, caseType: Located<String>, start: Located<Timestamp>, steps: [ScenarioStep]) {
    self.header = header
    self.caseType = caseType
    self.start = start
    self.steps = steps
  }
}

/// One step of a scenario.
public struct ScenarioStep: Sendable {
  public enum Action: String, Sendable, CaseIterable {
    case create, advance, at, claim, open, release, complete, escalate, assign, reassign, pend, resume
    /// Claims the most urgent task the user may take, as `task next` does.
    case next
    /// Sets a user's presence (`state`, `reason`, `user`), as `presence set` does.
    case presence
    /// `task reschedule`: the task out of the queue until `until` (`instant`).
    case reschedule
    /// `task set --ola`: the task's OLA planned again, `ola` (`duration`) from now.
    case setOLA = "set_ola"
    /// `case update`: new form values (`fields`), the tasks reclassified.
    case update
    /// `task accept` and `task decline` (with `reason`): answers to an offer, by default as the
    /// user it is offered to.
    case accept, decline
    /// Adds a customer record (`name`, `email`, `phone`), as `customer add` does.
    case customer
    case expect
    case expectNotification = "expect_notification"
    /// `task offers`: the task's latest instance is among those offered to the user `to`.
    case expectOffer = "expect_offer"
    /// `presence list`: the user `user` is in `state` (with `reason`, and holding `load` units
    /// of work, when given).
    case expectPresence = "expect_presence"
    case expectError = "expect_error"

    /// Whether the step acts on the case (a command, which the runtime may refuse): only such a
    /// step can stand inside `expect_error`. Moving the clock and the expectations act on
    /// nothing.
    public var acts: Bool {
      switch self {
      case .advance, .at, .expect, .expectNotification, .expectOffer, .expectPresence, .expectError: false
      case .create, .customer, .claim, .next, .presence, .open, .release, .complete, .escalate, .assign, .reassign,
        .reschedule, .setOLA, .accept, .decline, .update, .pend, .resume:
        true
      }
    }
  }

  /// The values an `expect` of a task checks (after `task`), and those an `expect` of the case
  /// checks: a step gives the keys of one of the two.
  public static let taskExpectationKeys = ["status", "target", "assignee", "priority", "skill"]
  public static let caseExpectationKeys = [
    "case", "resolution", "priority", "customer", "identification", "customer_status",
  ]

  public var action: Located<Action>
  /// The acting user (`as:`), when given.
  public var actor: Located<String>?
  /// The task definition a task step acts on or an expectation checks.
  public var task: Located<String>?
  public var outcome: Located<String>?
  /// `assign.to`, `expect_offer.to`, or the user whose presence a `presence` step sets or an
  /// `expect_presence` step checks.
  public var user: Located<String>?
  /// `presence.state`: ready, not_ready or logged_off.
  public var state: Located<String>?
  /// `reassign.target`, or an expected target.
  public var target: Located<String>?
  /// `create.fields`, `update.fields` or `complete.data`.
  public var fields: [FieldAssignment]
  public var requestID: Located<String>?
  /// `create.customer` and `create.channel`: the `--customer` and `--channel` of `case create`.
  public var customer: Located<String>?
  public var channel: Located<String>?
  /// `advance`, or `set_ola.ola`.
  public var duration: Located<Duration>?
  /// `at`, or `reschedule.until`.
  public var instant: Located<Timestamp>?
  /// `expect` and `expect_notification`: key -> expected text; `expect_presence`: its `load`.
  public var expectations: [(key: Located<String>, value: Located<String>)]
  /// `expect_error`: the step that must be refused, and the text the refusal must contain;
  /// for a `presence` or `expect_presence` step, `reason` is the not-ready reason; for
  /// `decline`, the decline's.
  public var refused: [ScenarioStep]
  public var reason: Located<String>?
  public var range: SourceRange

  public init(action: Located<Action>, range: SourceRange) {
    self.action = action
    self.actor = nil
    self.task = nil
    self.outcome = nil
    self.user = nil
    self.state = nil
    self.target = nil
    self.fields = []
    self.requestID = nil
    self.customer = nil
    self.channel = nil
    self.duration = nil
    self.instant = nil
    self.expectations = []
    self.refused = []
    self.reason = nil
    self.range = range
  }
}
