import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCStore
import _DCMCTestSupport

/// The same lookups called on the application's services in this process: what an operation
/// costs without a process start, a bundle load or output. `find` and `cases` read the stores
/// as the CLI does; `create` writes through `NoSyncFileSystem` (no flush, so the figure is the
/// work of identifying, deciding and writing, not the disk's flush), linking the case to the
/// customer its email identifies, as `case create` does.
struct InProcessMeasurement {
  /// One operation on one store, run `run`.
  struct Operation: Sendable {
    var label: String
    /// The most runs, for an operation too slow to run as often as the others.
    var maximumRuns = Int.max
    var body: @Sendable (Services, Int) throws -> Void
  }

  /// A store's services, and what its runs ask about.
  struct Services {
    var lookups: Lookups
    var customers: CustomerService
    var cases: CaseService
    /// `cases` over `NoSyncFileSystem`, for the creates.
    var writer: CaseService

    init(_ lookups: Lookups) throws {
      self.lookups = lookups
      let zone: @Sendable (String) -> ZoneRules? = TimeZoneDatabase.rules(named:)
      let clock = FixedClock(StoreGenerator.start.adding(seconds: 86_400))
      let repository = try FileCaseRepository.open(at: lookups.store.path)
      customers = repository.customerService(zone: zone, clock: clock)
      cases = repository.service(zone: zone, clock: clock)
      writer = try FileCaseRepository.open(at: lookups.store.path, fileSystem: NoSyncFileSystem())
        .service(zone: zone, clock: clock)
    }
  }

  let runs: Int
  static let user = StoreGenerator.user

  static let operations = [
    Operation(label: "find EMAIL") { services, run in
      let found = try services.customers.find(services.lookups.person(run).email.uppercased(), limit: 20, by: user)
      try expect(found.map(\.id) == [services.lookups.ids[run]], "find by email", run)
    },
    Operation(label: "find PHONE") { services, run in
      let found = try services.customers.find(
        Population.nationalPhone(services.lookups.number(run)), limit: 20, by: user)
      try expect(found.map(\.id) == [services.lookups.ids[run]], "find by phone", run)
    },
    Operation(label: "find Mar, limit 20", maximumRuns: 21) { services, run in
      try expect(services.customers.find("Mar", limit: 20, by: user).count == 20, "find by name", run)
    },
    Operation(label: "create, no flush") { services, run in
      let fields = StoreGenerator.form(services.lookups.person(run))
      let state = try services.writer.create(type: "technical", fields: fields, request: nil, by: user)
      try expect(state.customer == services.lookups.ids[run], "identification", run)
    },
    Operation(label: "customer cases BUSY") { services, run in
      let store = services.lookups.store
      let page = try services.cases.customerCases(store.busy, by: user, from: .newest, limit: .max)
      try expect(page.views.count == store.busyCases, "cases", run)
    },
  ]

  /// Each operation's samples, small store first.
  func measure(small: Lookups, large: Lookups) throws -> [[Samples]] {
    let stores = [try Services(small), try Services(large)]
    // The first lookup of a process loads the deployed bundle: not part of any figure.
    for store in stores { try Self.operations[0].body(store, 0) }
    var results = Array(repeating: [Samples(), Samples()], count: Self.operations.count)
    let clock = ContinuousClock()
    for (index, operation) in Self.operations.enumerated() {
      for run in 0..<min(runs, operation.maximumRuns) {
        for side in run % 2 == 0 ? [0, 1] : [1, 0] {
          let start = clock.now
          try operation.body(stores[side], run)
          results[index][side].append((clock.now - start).seconds)
        }
      }
    }
    return results
  }

  private static func expect(_ condition: Bool, _ what: String, _ run: Int) throws {
    guard condition else {
      throw BenchmarkFailure(message: "in process, \(what) of run \(run) found the wrong records")
    }
  }
}
