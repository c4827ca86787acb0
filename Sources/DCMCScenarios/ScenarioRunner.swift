import DCMCApplication
public import DCMCBundle
public import DCMCCalendar
public import DCMCModel
import DCMCRuntime

/// Every port a scenario's steps use: the cases and their queries, the customers, presence.
/// The in-memory, file and PostgreSQL repositories each implement them all.
public typealias ScenarioRepository = CaseQueries & CaseRepository & CustomerRepository & PresenceRepository

/// Runs scenarios (SPEC section 9) through the application's `CaseService`, so `dcmc test` runs
/// the use cases the CLI runs: each step is a command, a move of the clock (which ticks, as
/// `dcmc tick` would), or an expectation. `dcmc test` runs each on a fresh in-memory store;
/// `run(_:on:)` runs one on a store it is given (the tests run the reference scenarios on the
/// file and PostgreSQL stores too, `docs/postgres.md` "Testing").
public struct ScenarioRunner: Sendable {
  let bundle: DefinitionBundle
  let bytes: [UInt8]
  let zone: @Sendable (String) -> ZoneRules?

  /// `bytes` is the sealed bundle `bundle` was read from; `zone` gives a time zone's rules.
  public init(bundle: DefinitionBundle, bytes: [UInt8], zone: @escaping @Sendable (String) -> ZoneRules?) {
    self.bundle = bundle
    self.bytes = bytes
    self.zone = zone
  }

  /// `scenario` run on a fresh in-memory store.
  public func run(_ scenario: Scenario) -> ScenarioResult {
    run(scenario, on: InMemoryCaseRepository())
  }

  /// `scenario` run on `repository`, a fresh store (nothing deployed, no case, customer or
  /// presence). A step that is several commands (`complete` claims and opens the task first)
  /// is one step: on memory a refusal of any takes the store back to before the step
  /// (`InMemoryCaseRepository.snapshot()`). Another store cannot go back, so the scenario is
  /// also run on memory, a step ahead (`Rehearsal`): a step that memory refused is not tried
  /// on the store and fails with memory's refusal, and every other step is carried out on the
  /// store, where its expectations are checked.
  public func run(_ scenario: Scenario, on repository: any ScenarioRepository) -> ScenarioResult {
    let result = { (failures: [ScenarioResult.Failure]) in
      ScenarioResult(scenario: scenario.header.id.value, file: scenario.header.range.file, failures: failures)
    }
    guard Instant.supported.contains(scenario.start.value.instant) else {
      return result([
        ScenarioResult.Failure(
          range: scenario.start.range, step: 0, expected: "a start in the years 1 to 9999",
          found: scenario.start.value.description)
      ])
    }
    var run: ScenarioRun
    do throws(ServiceError) {
      run = try start(scenario, on: repository)
      if !(repository is InMemoryCaseRepository) {
        run.rehearsal = Rehearsal(try start(scenario, on: InMemoryCaseRepository()))
      }
    } catch {
      return result([
        ScenarioResult.Failure(
          range: scenario.header.range, step: 0, expected: "the definitions to deploy", found: "\(error)")
      ])
    }
    for (index, step) in scenario.steps.enumerated() {
      run.step = index + 1
      run.rehearsal?.run.step = index + 1
      run.perform(step)
      // After a step that could not be carried out, the rest would only cascade.
      if run.stopped { break }
    }
    return result(run.failures)
  }

  /// A run of `scenario` on `repository`, its definitions deployed and its clock at the start.
  private func start(_ scenario: Scenario, on repository: any ScenarioRepository) throws(ServiceError) -> ScenarioRun {
    let definitions = DefinitionsLoader(repository: repository, zone: zone)
    let start = scenario.start.value.instant
    var service = CaseService(
      repository: repository, queries: repository, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: FixedClock(start))
    service.customers = repository
    service.presence = repository
    _ = try service.deploy(bundle, bytes: bytes, by: nil)
    let engine = Engine(definitions: try definitions.deployed())
    return ScenarioRun(scenario: scenario, service: service, repository: repository, engine: engine, now: start)
  }
}

/// The run on memory that goes a step ahead of a run on a store that cannot take a step back
/// (`ScenarioRunner.run(_:on:)`): a class, so that the run it is part of can carry it.
final class Rehearsal {
  var run: ScenarioRun

  init(_ run: ScenarioRun) { self.run = run }
}

/// The state of one scenario being run.
struct ScenarioRun {
  let scenario: Scenario
  var service: CaseService
  let repository: any ScenarioRepository
  /// The engine of the deployed bundle, for what the scenario reads of the definitions.
  let engine: Engine
  var now: Instant
  /// The case the scenario created.
  var caseID: String?
  var step = 0
  var failures: [ScenarioResult.Failure] = []
  var stopped = false
  /// The same scenario on memory, a step ahead, when this store cannot take a step back.
  var rehearsal: Rehearsal?
  /// How the last `complete` step went: what a run that this one rehearses reads.
  var completion: Result<Void, ServiceError>?

  init(scenario: Scenario, service: CaseService, repository: any ScenarioRepository, engine: Engine, now: Instant) {
    self.scenario = scenario
    self.service = service
    self.repository = repository
    self.engine = engine
    self.now = now
  }

  /// The case as the store holds it now.
  var state: CaseState? { caseID.flatMap { try? repository.load($0) } }

  /// The notifications queued so far: the scenario's outbox.
  var outbox: [DCMCRuntime.Notification] { state?.outbox.map(\.notification) ?? [] }

  var caseType: BundleCaseType? { engine.definitions.caseType(scenario.caseType.value) }

  /// `instant` at the offset the scenario's `start` is written with.
  func written(_ instant: Instant) -> String {
    Timestamp(instant, utcOffset: scenario.start.value.utcOffset).description
  }

  mutating func fail(_ step: ScenarioStep, expected: String, found: String) {
    failures.append(ScenarioResult.Failure(range: step.range, step: self.step, expected: expected, found: found))
  }

  mutating func perform(_ step: ScenarioStep) {
    rehearsal?.run.perform(step)
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
    case .expectOffer:
      expectOffer(step)
    case .expectPresence:
      expectPresence(step)
    case .expectError:
      expectError(step)
    default:
      if case .failure(let error) = act(step) {
        fail(step, expected: "the step to succeed", found: "refused: \(error)")
        stopped = true
      }
    }
  }

  /// Moves the clock forward and ticks, firing every timer due on the way. A time before the
  /// clock fails the step; a time past the instants dcmc keeps (`Instant.supported`, which
  /// the command line, the server and a case's history keep to) also stops the run, as a
  /// step that could not be carried out.
  mutating func moveClock(to instant: Instant, _ step: ScenarioStep) {
    // An `at` as written; where `advance` takes the clock, at the offset of `start`.
    let found = step.instant?.value.description ?? written(instant)
    guard Instant.supported.contains(instant) else {
      fail(step, expected: "a time in the years 1 to 9999", found: found)
      stopped = true
      return
    }
    guard instant >= now else {
      fail(step, expected: "a time after \(written(now))", found: found)
      return
    }
    now = instant
    service = service.with(clock: FixedClock(now))
    do throws(ServiceError) {
      _ = try service.tick(by: nil)
    } catch {
      fail(step, expected: "the timers to fire", found: "refused: \(error)")
    }
  }
}
