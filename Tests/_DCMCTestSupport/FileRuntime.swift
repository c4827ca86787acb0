public import DCMCApplication
public import DCMCBundle
public import DCMCCalendar
public import DCMCFiles
public import DCMCRuntime
public import DCMCStore

/// The use cases on a file store, each at an instant the test gives: what the CLI composes
/// for one command, kept for many (the bundle is parsed once).
public struct FileRuntime: Sendable {
  public let repository: FileCaseRepository
  public let service: CaseService

  public init(_ repository: FileCaseRepository) {
    self.repository = repository
    service = repository.service(zone: TimeZoneDatabase.rules(named:), clock: FixedClock(Instant(secondsSinceEpoch: 0)))
  }

  public static func open(at root: String, fileSystem: any FileSystem = PosixFileSystem()) throws -> FileRuntime {
    FileRuntime(try FileCaseRepository.open(at: root, fileSystem: fileSystem))
  }

  public static func openOrCreate(at root: String, fileSystem: any FileSystem = PosixFileSystem()) throws
    -> FileRuntime
  {
    FileRuntime(try FileCaseRepository.openOrCreate(at: root, fileSystem: fileSystem))
  }

  public var store: Store { repository.store }

  public func at(_ now: Instant) -> CaseService { service.with(clock: FixedClock(now)) }

  public func deploy(_ bundle: DefinitionBundle, bytes: [UInt8]) throws(ServiceError) -> Bool {
    try service.deploy(bundle, bytes: bytes, by: nil)
  }

  public func create(type: String, fields: [String: String], requestID: String?, by user: String?, at now: Instant)
    throws(ServiceError) -> CaseState
  {
    try at(now).create(type: type, fields: fields, request: requestID, by: user)
  }

  public func execute(_ command: Command, onCase id: String, by user: String?, at now: Instant) throws(ServiceError)
    -> CaseState
  {
    try at(now).execute(command, onCase: id, by: user)
  }

  public func attach(name: String, bytes: [UInt8], toCase id: String, by user: String?, at now: Instant)
    throws(ServiceError) -> CaseState
  {
    try at(now).attach(name: name, bytes: bytes, toCase: id, by: user)
  }

  public func tick(by user: String?, at now: Instant) throws(ServiceError) -> [CaseState] {
    try at(now).tick(by: user)
  }

  public func cases() throws(ServiceError) -> [CaseState] { try service.cases(CaseFilter()) }

  public func readCase(_ id: StoreID) throws(RepositoryError) -> CaseState? { try repository.load(id.rawValue) }

  public func history(of id: StoreID) throws(RepositoryError) -> [CaseEvent]? {
    try repository.history(of: id.rawValue)
  }

  public func verify() throws(RepositoryError) -> (
    cases: Int, customers: Int, presences: Int, problems: [String], behind: [String]
  ) {
    let found = try repository.verify()
    return (found.cases, found.customers, found.presences, found.problems, found.behind)
  }

  public func rebuild(acceptingLoss: Bool = false) throws(RepositoryError) -> RebuildReport {
    try repository.rebuild(acceptingLoss: acceptingLoss)
  }
}
