import BenchmarkSupport
import DCMCExpressions
import DCMCStore

/// The customers a measurement asks about, and what it must find: run `run` of a measurement
/// on a store of `customers` asks about customer `number(run)`, a different one each run,
/// spread over the whole store.
struct Lookups: Sendable {
  let store: GeneratedStore
  /// The ids of the customers asked about, by run.
  let ids: [String]

  init(_ store: GeneratedStore, runs: Int) throws {
    self.store = store
    let repository = try FileCaseRepository.open(at: store.path)
    var ids: [String] = []
    for run in 0..<runs {
      let email = EmailAddress(
        Population.person(Self.number(run, runs: runs, customers: store.customers)).email)!
      guard let id = try repository.customers(withEmail: email.key).first else {
        throw BenchmarkFailure(message: "customer \(email.text) is not in \(store.path)")
      }
      ids.append(id)
    }
    self.ids = ids
  }

  func number(_ run: Int) -> Int { Self.number(run, runs: ids.count, customers: store.customers) }

  func person(_ run: Int) -> Population.Person { Population.person(number(run)) }

  static func number(_ run: Int, runs: Int, customers: Int) -> Int {
    1 + (run * max(1, customers / runs)) % customers
  }
}
