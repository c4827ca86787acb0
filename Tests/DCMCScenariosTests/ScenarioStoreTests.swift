import DCMCApplication
import DCMCCalendar
import DCMCPostgres
import DCMCScenarios
import DCMCStore
import Testing
import _DCMCTestSupport

/// The reference scenarios (`definitions/scenarios/`, those `dcmc test` runs) on the durable
/// stores (issue 20): each on a fresh file store and, when `DCMC_TEST_POSTGRES` gives a server
/// (or on CI, where it must), on a fresh PostgreSQL database, ending as it ends on memory.
/// `dcmc test` itself runs on memory (`ScenarioRunner.run(_:)`).
@Suite struct ScenarioStoreTests {
  static let runner = ScenarioRunner(
    bundle: ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, zone: TimeZoneDatabase.rules(named:))

  /// The scenarios by id, in `dcmc test`'s order.
  static let scenarios = ReferenceBundle.scenarios.map(\.header.id.value)

  /// The durable stores under test.
  enum Store: String, CaseIterable, CustomStringConvertible {
    case files
    case postgres

    var description: String { rawValue }

    static let tested: [Store] = PostgresTestDatabase.suitesRun ? [.files, .postgres] : [.files]

    /// A fresh store of this kind, and what removes it.
    func make() throws -> (repository: any ScenarioRepository, remove: () -> Void) {
      switch self {
      case .files:
        let directory = try TemporaryDirectory()
        return (try FileCaseRepository.openOrCreate(at: directory.url.path + "/store"), directory.remove)
      case .postgres:
        let database = try PostgresTestDatabase()
        _ = try PostgresSchema.migrate(PostgresPool(url: database.url))
        return (try PostgresCaseRepository.open(url: database.url), database.drop)
      }
    }
  }

  @Test func everyReferenceScenarioIsRun() {
    #expect(Self.scenarios.count >= 29)
    #expect(Self.scenarios.contains("technical_refusals"))
  }

  @Test(arguments: Store.tested, scenarios)
  func aScenarioEndsOnTheStoreAsOnMemory(_ store: Store, _ id: String) throws {
    let scenario = try #require(ReferenceBundle.scenarios.first { $0.header.id.value == id })
    let onMemory = Self.runner.run(scenario)
    #expect(onMemory.passed, "\(onMemory.failures)")
    let made = try store.make()
    defer { made.remove() }
    let onStore = Self.runner.run(scenario, on: made.repository)
    #expect(onStore.failures.map(\.description) == onMemory.failures.map(\.description))
    #expect(onStore.scenario == onMemory.scenario)
  }
}
