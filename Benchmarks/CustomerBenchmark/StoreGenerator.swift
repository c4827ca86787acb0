import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCExpressions
import DCMCRuntime
import DCMCStore
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A generated store: where it is, and the customer with many cases.
struct GeneratedStore: Sendable {
  var path: String
  var customers: Int
  /// The id of the customer with many cases, and how many.
  var busy: String
  var busyCases: Int
}

/// Makes stores of seeded customers (`Population`) through the store's own code: `dcmc
/// deploy` of `definitions/`, then `CustomerService.add` for each customer and
/// `CaseService.create` for each case of the customer with many cases, over the file
/// repository on `NoSyncFileSystem`, so every file is what `customer add` and `case create`
/// write, without a flush per record. One `sync` makes the store durable at the end.
struct StoreGenerator {
  let dcmc: String
  /// Where the children's output goes.
  let outputPath: String
  /// The cases of the busy customer, the one with many cases.
  let busyCases: Int

  static let user = "alice"
  static let start = Timestamp("2026-03-02T09:00:00+01:00")!.instant
  static let busy = Population.Person(
    name: "Hélène Busycaller", email: "helene.busycaller@example.be", phone: "+32 2 555 00 00",
    fields: ["Segment": "gold", "Language": "fr"])

  /// The form of a `technical` case from `person`, whose email identifies them.
  static func form(_ person: Population.Person) -> [String: String] {
    [
      "Customer_Name": person.name, "Customer_Email": person.email, "Product": "internet",
      "Problem_Description": "The modem drops every evening",
    ]
  }

  /// The store at `path`, with `customers` customers: the one found there when a previous run
  /// left it complete (its last customer there, not one more, and the customer with many
  /// cases), else one generated into `path`, which must not exist then.
  func store(at path: String, customers: Int) throws -> GeneratedStore {
    if access(path, F_OK) == 0 {
      guard let found = try existing(at: path, customers: customers) else {
        throw BenchmarkFailure(
          message: "'\(path)' is not a store of \(customers) generated customers and \(busyCases) cases; remove it")
      }
      print("reusing the store of \(customers) customers at \(path)")
      return found
    }
    return try generate(at: path, customers: customers)
  }

  /// The store at `path` when it holds exactly `customers` generated customers and the busy
  /// customer with `busyCases` cases.
  func existing(at path: String, customers: Int) throws -> GeneratedStore? {
    let repository = try FileCaseRepository.open(at: path)
    let has = { (person: Population.Person) throws -> String? in
      try EmailAddress(person.email).flatMap { try repository.customers(withEmail: $0.key).first }
    }
    guard try has(Population.person(customers)) != nil, try has(Population.person(customers + 1)) == nil,
      let busy = try has(Self.busy), try repository.cases(CaseFilter(customer: busy)).cases.count == busyCases
    else { return nil }
    return GeneratedStore(path: path, customers: customers, busy: busy, busyCases: busyCases)
  }

  /// Generates the store at `path` and prints how long each part took.
  func generate(at path: String, customers: Int) throws -> GeneratedStore {
    let clock = ContinuousClock()
    let began = clock.now
    let deployed = try ChildProcess(
      executable: dcmc, arguments: ["deploy", "definitions", "--store", path],
      outputPath: outputPath
    ).run()
    guard deployed.status == 0 else {
      throw BenchmarkFailure(
        message: "dcmc deploy definitions exited \(deployed.status); run from the repository root")
    }
    let repository = try FileCaseRepository.open(at: path, fileSystem: NoSyncFileSystem())
    let zone: @Sendable (String) -> ZoneRules? = TimeZoneDatabase.rules(named:)
    let adder = repository.customerService(zone: zone, clock: FixedClock(Self.start))
    let busy = try add(Self.busy, with: adder)
    for number in 1...customers {
      _ = try add(Population.person(number), with: adder)
      if number % 100_000 == 0 {
        print(
          "  \(number) customers in \(Figure.decimal((clock.now - began).seconds, digits: 1)) s")
      }
    }
    let added = clock.now
    let cases = repository.service(zone: zone, clock: FixedClock(Self.start))
    for index in 0..<busyCases {
      _ = try cases.with(clock: FixedClock(Self.start.adding(seconds: 60 * index))).create(
        type: "technical", fields: Self.form(Self.busy), request: nil, customer: busy,
        by: Self.user)
    }
    let created = clock.now
    sync()
    let synced = clock.now
    print(
      "generated \(customers) customers in \(Figure.decimal((added - began).seconds, digits: 1)) s, "
        + "\(busyCases) cases of \(busy) in \(Figure.decimal((created - added).seconds, digits: 1)) s, "
        + "sync \(Figure.decimal((synced - created).seconds, digits: 1)) s: \(path)")
    return GeneratedStore(path: path, customers: customers, busy: busy, busyCases: busyCases)
  }

  private func add(_ person: Population.Person, with service: CustomerService) throws -> String {
    try service.add(
      name: person.name, email: person.email, phone: person.phone, fields: person.fields,
      request: nil, by: Self.user
    ).id
  }

  /// Runs `dcmc store verify` on `store`: a generated store must be what the commands write.
  func verify(_ store: GeneratedStore) throws {
    let outcome = try ChildProcess(
      executable: dcmc, arguments: ["store", "verify", "--store", store.path],
      outputPath: outputPath
    ).run()
    guard outcome.status == 0 else {
      throw BenchmarkFailure(
        message:
          "dcmc store verify found damage in the generated store of \(store.customers) customers "
          + "(\(store.path), exit \(outcome.status)); see \(outputPath)", status: 1)
    }
    print(
      "dcmc store verify: clean on a generated store of \(store.customers) customers and \(store.busyCases) cases "
        + "(\(Figure.decimal(outcome.wallSeconds, digits: 2)) s)")
  }
}
