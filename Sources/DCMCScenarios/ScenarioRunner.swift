public import DCMCModel
public import DCMCRuntime
import DCMCBundle
import DCMCCalendar

/// Runs scenarios (SPEC section 9) on the engine with an injected clock and an in-memory
/// case: each step is a command, a move of the clock (which fires due timers as `tick`
/// would), or an expectation.
public struct ScenarioRunner: Sendable {
  public let engine: Engine

  public init(engine: Engine) { self.engine = engine }

  public func run(_ scenario: Scenario) -> ScenarioResult {
    var run = ScenarioRun(engine: engine, scenario: scenario)
    for (index, step) in scenario.steps.enumerated() {
      run.step = index + 1
      run.perform(step)
      // After a step that could not be carried out, the rest would only cascade.
      if run.stopped { break }
    }
    return ScenarioResult(scenario: scenario.header.id.value, file: scenario.header.range.file, failures: run.failures)
  }
}

/// The state of one scenario being run.
struct ScenarioRun {
  let engine: Engine
  let scenario: Scenario
  var state: CaseState?
  var now: Instant
  var step = 0
  var failures: [ScenarioResult.Failure] = []
  var stopped = false
  /// The notifications queued so far: the scenario's outbox.
  var outbox: [DCMCRuntime.Notification] = []

  init(engine: Engine, scenario: Scenario) {
    self.engine = engine
    self.scenario = scenario
    now = scenario.start.value.instant
  }

  var caseType: BundleCaseType? { engine.definitions.caseType(scenario.caseType.value) }

  mutating func fail(_ step: ScenarioStep, expected: String, found: String) {
    failures.append(ScenarioResult.Failure(range: step.range, step: self.step, expected: expected, found: found))
  }

  mutating func perform(_ step: ScenarioStep) {
    switch step.action.value {
    case .advance:
      let duration = step.duration?.value ?? Duration()
      moveClock(to: now.adding(seconds: duration.totalSeconds(dayLength: 86_400)), step)
    case .at:
      moveClock(to: step.instant?.value.instant ?? now, step)
    case .expect:
      expect(step)
    case .expectNotification:
      expectNotification(step)
    case .expectError:
      expectError(step)
    default:
      switch act(step) {
      case .success: break
      case .failure(let refusal):
        fail(step, expected: "the step to succeed", found: "refused: \(refusal)")
        stopped = true
      }
    }
  }

  /// Moves the clock forward, firing every timer due on the way.
  mutating func moveClock(to instant: Instant, _ step: ScenarioStep) {
    guard instant >= now else {
      fail(step, expected: "a time after \(now)", found: "\(instant)")
      return
    }
    now = instant
    guard state != nil else { return }
    if case .failure(let refusal) = apply(.tick, as: nil) {
      fail(step, expected: "the timers to fire", found: "refused: \(refusal)")
    }
  }

  /// Decides a command and applies its events.
  mutating func apply(_ command: Command, as user: String?) -> Result<Void, Refusal> {
    engine.decide(command, on: state, by: user, at: now).map { events in
      for event in events {
        if state == nil { state = CaseState.replay([event]) } else { state!.evolve(event) }
        if case .notificationQueued(let notification) = event.change { outbox.append(notification) }
      }
    }
  }
}
