public import DCMCApplication
public import DCMCCalendar
public import DCMCRuntime
import DCMCPostgres
import DCMCStore
import Foundation
import Testing

/// A repository adapter the conformance suite runs against: each test gets a fresh, empty
/// store with the reference definitions deployed, and the service over it.
public enum RepositoryKind: String, CaseIterable, Sendable, CustomStringConvertible {
  case memory
  case files
  /// A fresh database on the server `DCMC_TEST_POSTGRES` names (`PostgresTestDatabase`).
  case postgres

  public var description: String { rawValue }

  /// The stores the application's tests run on: the PostgreSQL store too when a server is
  /// given, or on CI, where it must be (`PostgresTestDatabase.suitesRun`). Without one,
  /// DCMCPostgresTests' suites are shown skipped, saying why.
  public static let allCases: [RepositoryKind] =
    PostgresTestDatabase.suitesRun ? [.memory, .files, .postgres] : [.memory, .files]

  /// The adapters that implement the customer port.
  public static let withCustomers: [RepositoryKind] = allCases

  /// A fresh store of this kind; call `remove()` when done.
  public func make() throws -> RepositoryUnderTest {
    switch self {
    case .memory:
      let repository = InMemoryCaseRepository()
      return try RepositoryUnderTest(repository: repository, queries: repository, customers: repository, directory: nil)
    case .files:
      let directory = try TemporaryDirectory()
      let repository = try FileCaseRepository.openOrCreate(at: directory.url.path + "/store")
      return try RepositoryUnderTest(
        repository: repository, queries: repository, customers: repository, directory: directory)
    case .postgres:
      let database = try PostgresTestDatabase()
      let pool = PostgresPool(url: database.url)
      _ = try PostgresSchema.migrate(pool)
      let repository = try PostgresCaseRepository.open(url: database.url)
      return try RepositoryUnderTest(
        repository: repository, queries: repository, customers: repository, directory: nil, database: database)
    }
  }
}

/// One store under test, with the use cases over it.
public struct RepositoryUnderTest: Sendable {
  public let repository: any CaseRepository
  public let queries: any CaseQueries
  public let service: CaseService
  /// The customer port and its use cases, for an adapter that implements it.
  public let customerRepository: (any CustomerRepository)?
  public let customers: CustomerService?
  let directory: TemporaryDirectory?
  let database: PostgresTestDatabase?
  /// The URL of the PostgreSQL store's database; `nil` for the other kinds.
  public var databaseURL: String? { database?.url }
  /// The directory of a file store; `nil` for the other kinds.
  public var storePath: String? { directory.map { $0.url.path + "/store" } }

  init(
    repository: any CaseRepository, queries: any CaseQueries, customers: (any CustomerRepository)?,
    directory: TemporaryDirectory?, database: PostgresTestDatabase? = nil
  ) throws {
    self.repository = repository
    self.queries = queries
    self.directory = directory
    self.database = database
    let definitions = DefinitionsLoader(repository: repository, zone: TimeZoneDatabase.rules(named:))
    var service = CaseService(
      repository: repository, queries: queries, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: FixedClock(Self.monday))
    service.customers = customers
    // Every adapter implements the presence port: offers follow the changes.
    service.presence = repository as? any PresenceRepository
    self.service = service
    customerRepository = customers
    self.customers = customers.map {
      CustomerService(
        repository: $0, definitions: definitions, directory: DeployedDirectory(definitions),
        clock: FixedClock(Self.monday))
    }
    _ = try service.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes, by: nil)
  }

  /// Monday 2 March 2026, 09:00 in Brussels: the reference calendars' office is open.
  public static let monday = Timestamp("2026-03-02T09:00:00+01:00")!.instant

  /// The service at `seconds` after Monday 09:00.
  public func at(_ seconds: Int) -> CaseService { service.with(clock: FixedClock(Self.monday.adding(seconds: seconds))) }

  /// The customer use cases at `seconds` after Monday 09:00; a store without the customer port
  /// has none (a test that asks is a broken test).
  public func customersAt(_ seconds: Int) -> CustomerService {
    guard let customers else { preconditionFailure("the \(type(of: repository)) has no customer port") }
    return CustomerService(
      repository: customers.repository, definitions: customers.definitions, directory: customers.directory,
      clock: FixedClock(Self.monday.adding(seconds: seconds)))
  }

  /// The presence port of this store: every adapter implements it.
  public var presenceRepository: any PresenceRepository {
    guard let presence = repository as? any PresenceRepository else {
      preconditionFailure("the \(type(of: repository)) has no presence port")
    }
    return presence
  }

  /// The presence use cases at `seconds` after Monday 09:00.
  public func presenceAt(_ seconds: Int) -> PresenceService {
    PresenceService(
      repository: presenceRepository, queries: queries, definitions: service.definitions, directory: service.directory,
      clock: FixedClock(Self.monday.adding(seconds: seconds)))
  }

  /// The bytes of the attachment copy kept at `place` (as `storeAttachment` answered it),
  /// read back through the port.
  public func storedAttachment(at place: String) -> [UInt8]? { try? repository.attachment(at: place) }

  /// A Technical case created by `alice`, `seconds` after Monday 09:00, from `email`, linked
  /// to `customer` when given (`--customer`).
  public func technical(
    _ seconds: Int = 0, request: String? = nil, customer: String? = nil, email: String = "jane@example.com"
  ) throws -> CaseState {
    try at(seconds).create(
      type: "technical",
      fields: [
        "Customer_Name": "Jane Doe", "Customer_Email": email, "Product": "internet",
        "Problem_Description": "no signal",
      ], request: request, customer: customer, by: "alice")
  }

  /// Damages case `id` as this kind of store can be damaged: the file store loses the last
  /// record of the case's log (acknowledged, so its state recorded it); the in-memory store
  /// marks it; the PostgreSQL store's state row no longer reads. Returns what the store then
  /// says is wrong with it.
  public func damage(_ id: String) throws -> String {
    if let database {
      try PostgresConnection(url: database.url).query(
        "UPDATE dcmc_cases SET state = '{\"id\":' WHERE id = $1", [.string(id)])
      do throws(RepositoryError) {
        _ = try repository.load(id)
      } catch {
        if case .damaged(let damage) = error { return damage.problem }
        throw error
      }
      Issue.record("case '\(id)' reads after its state was cut short")
      return ""
    }
    guard let directory else {
      let problem = "its history is gone"
      (repository as? InMemoryCaseRepository)?.damage(id, problem: problem)
      return problem
    }
    let log = directory.url.appendingPathComponent("store/streams/\(id).log")
    let bytes = try Data(contentsOf: log)
    let end = bytes.dropLast().lastIndex(of: 10).map { $0 + 1 } ?? 0
    try bytes.prefix(end).write(to: log)
    let state = try #require(try repository.history(of: id)).count
    let recorded = bytes.split(separator: 10).count
    let missing = state + 1 == recorded ? "event \(recorded) is" : "events \(state + 1)-\(recorded) are"
    return "streams/\(id).log ends at event \(state), its state recorded \(recorded): \(missing) missing"
  }

  /// Files case `id` under customer `customer` in the store's index of each record's cases,
  /// as a crash between a command's new entry and its append leaves one: the file store gets
  /// an entry file, the in-memory store the same entry. The PostgreSQL store has no such
  /// index to leave behind: its case rows name their customer, written in the append's
  /// transaction.
  public func fileStaleEntry(case id: String, underCustomer customer: String) throws {
    guard let directory else {
      (repository as? InMemoryCaseRepository)?.file(id, underCustomer: customer)
      return
    }
    let folder = directory.url.appendingPathComponent("store/by-customer/\(customer)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    try Data().write(to: folder.appendingPathComponent(id))
  }

  public func remove() {
    directory?.remove()
    database?.drop()
  }
}

extension RepositoryUnderTest {
  /// The use cases over this store with their writes' loads through a `CountingRepository`,
  /// and its `beforeNextWriteLoad`: a test commits another change (through `service`) between
  /// a caller's read of a case and the write of its command, the interleaving a form's
  /// "changed meanwhile" condition is made for (`FormEditConditionTests`).
  public func interleaved() -> (
    service: CaseService, beforeNextWriteLoad: @Sendable (@escaping @Sendable () -> Void) -> Void
  ) {
    func wrap<Inner: CaseRepository>(_ inner: Inner) -> (
      any CaseRepository, @Sendable (@escaping @Sendable () -> Void) -> Void
    ) {
      let wrapped = CountingRepository(inner)
      return (wrapped, { wrapped.beforeNextWriteLoad($0) })
    }
    let (writes, hook) = wrap(repository)
    var hooked = CaseService(
      repository: writes, queries: queries, definitions: service.definitions, directory: service.directory,
      clock: service.clock)
    hooked.customers = service.customers
    hooked.presence = service.presence
    return (hooked, hook)
  }
}
