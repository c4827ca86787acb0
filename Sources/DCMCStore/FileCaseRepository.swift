public import DCMCApplication
import DCMCJSON
public import DCMCCalendar
public import DCMCFiles
import DCMCRuntime

/// The file store as the application's repository: each case a history stream of
/// `CaseEvent`s (the commit point), the deployed bundles by hash, and files derived from the
/// histories: each case's state (`states/<id>.json`), the request-id index, the numbering of
/// each case type, and the timer and workbin indexes.
///
/// Reads take no lock. Every change runs under the store's write lock, which `append` holds
/// from its version check through the last derived file; nothing here reads the clock.
public struct FileCaseRepository: CaseRepository, CaseQueries {
  public let store: Store
  /// Told when a derived file could not be written after a command's append: the command
  /// has happened (the history is the commit point) and the file is left behind its history
  /// (the CLI prints a warning).
  public var derivedFileFailed: (@Sendable (StoreError) -> Void)?
  /// How many times a claim tries its user's lock before it is refused (`+ClaimLock`).
  public var claimLockTries = FileCaseRepository.defaultClaimLockTries
  /// The facts journal and day files this process's last write lock used, kept open for the
  /// next (`HeldFactsFiles`); shared by the copies of this repository.
  let heldFacts = HeldFactsFiles()
  /// Customer records and the ids of customer index files this process read, each kept with
  /// its file's identity (`FileReadCache`): a create's customer lookup by email makes two
  /// `lstat`s where it opened and read two files. Shared by the copies of this repository.
  let customerStates = FileReadCache<CustomerState>()
  let customerIndexFiles = FileReadCache<[String]>()
  /// The index file of each email address looked up (`emailIndexFile`), named by the address's
  /// SHA-256: computed once an address, where each create's lookup computed it.
  let emailIndexFiles = KeptValues<CustomerIndexFile>()
  /// The second thread of the lock's holder (`insertEntries`), shared by the copies of this
  /// repository. Tests give one whose thread cannot be made.
  var helperThread = HelperThread()

  static let directories = [
    "bundles", "states", "requests", "sequences", "timers", "workbins", customerCaseDirectory, openDirectory,
    createdDirectory,
  ]
  /// The indexes whose directory says that they are whole (`open/`, `created/`): made with a
  /// store that has no case yet, and by `store rebuild` with every entry, never empty beside
  /// cases (a store made before them, opened by `deploy`, would read as having none).
  static let wholeIndexes: Set<String> = [openDirectory, createdDirectory]
  static let deployment = StorePath([StoreID(derived: "deployment.json")])

  /// Opens an existing store. Tests pass another `fileSystem` to fail or crash its calls.
  /// `copying`: a `store copy`'s target, opened though a copy into it has not ended
  /// (`Store.open`).
  public static func open(at root: String, fileSystem: any FileSystem = PosixFileSystem(), copying: Bool = false)
    throws(StoreError) -> FileCaseRepository
  {
    FileCaseRepository(store: try Store.open(at: root, fileSystem: fileSystem, copying: copying))
  }

  /// Opens the store at `root`, creating it (with the runtime's directories) when missing;
  /// `copying`: as a `store copy`'s target, marked unfinished from its creation
  /// (`Store.create`).
  public static func openOrCreate(
    at root: String, fileSystem: any FileSystem = PosixFileSystem(), copying: Bool = false
  ) throws(StoreError) -> FileCaseRepository {
    let store = try Store.create(at: root, fileSystem: fileSystem, copying: copying)
    try store.write { transaction throws(StoreError) in
      let hasCases = try !store.streams().isEmpty
      for directory in directories where !hasCases || !wholeIndexes.contains(directory) {
        try transaction.makeDirectory(StorePath([StoreID(derived: directory)]))
      }
      // A new store keeps the report facts from its first change.
      try transaction.makeDirectory(StorePath([factsDirectory]))
      if try store.contents(of: pendingFactsPath) == nil { try transaction.replace(pendingFactsPath, with: []) }
    }
    return FileCaseRepository(store: store)
  }

  public func deployedBundle() throws(RepositoryError) -> String? {
    guard let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.deployment) }) else {
      return nil
    }
    return Self.strings(bytes)?["bundle"]
  }

  /// `deployment.json`'s identity (`FileSystem.identity`: device, inode, size and times; each
  /// deployment replaces the file whole), so the server reads it again only when it changed.
  public func deploymentVersion() throws(RepositoryError) -> String? {
    try fileIdentity(Self.deployment.absolute(in: store.root))
  }

  /// `FileSystem.identity` of the file at `path`: `nil` when there is none or the file system
  /// cannot tell (then a cache of it reads it every time).
  func fileIdentity(_ path: String) throws(RepositoryError) -> String? {
    try wrap { () throws(StoreError) in try io(store.fileSystem.identity(path)) }
  }

  public func bundle(_ hash: String) throws(RepositoryError) -> [UInt8]? {
    guard let path = Self.bundlePath(hash) else { return nil }
    return try wrap { () throws(StoreError) in try store.contents(of: path) }
  }

  /// `bundles/<hex digest>.json`, or `nil` when `hash` (read from a store file or given by a
  /// caller) leaves no digest that can name a file: no bundle is kept under it.
  static func bundlePath(_ hash: String) -> StorePath? {
    let digest = hash.hasPrefix("sha256:") ? String(hash.dropFirst(7)) : hash
    guard let file = try? StoreID(digest.filter(\.isHexDigit) + ".json") else { return nil }
    return StorePath([StoreID(derived: "bundles"), file])
  }

  static func statePath(_ id: StoreID) -> StorePath {
    StorePath([StoreID(derived: "states"), StoreID(derived: id.rawValue + ".json")])
  }

  static func requestPath(_ id: StoreID) -> StorePath {
    StorePath([StoreID(derived: "requests"), StoreID(derived: id.rawValue + ".json")])
  }

  /// `sequences/<type>.json`, or `nil` for a type as typed that no case type can have
  /// (nothing left of it, or too long for a name): it has no sequence, and creating a case
  /// of it is refused as an unknown case type.
  static func sequencePath(_ type: String) -> StorePath? {
    guard let file = try? StoreID(type.filter { $0.isLetter || $0.isNumber || $0 == "_" } + ".json") else {
      return nil
    }
    return StorePath([StoreID(derived: "sequences"), file])
  }

  static let tickPath = StorePath([StoreID(derived: "tick.json")])

  /// A small derived file: a JSON object of strings, keys sorted, one line.
  static func json(_ object: [String: String]) -> [UInt8] {
    object.json.compact() + [10]
  }

  /// The strings of a small derived file; `nil` when it is not such an object.
  static func strings(_ bytes: [UInt8]) -> [String: String]? {
    try? [String: String](json: JSONValue.parse(bytes, limits: .store))
  }

  /// A user-supplied id as a store id, or why it cannot be one.
  static func id(_ text: String) throws(RepositoryError) -> StoreID {
    do { return try StoreID(text) } catch { throw .invalidID(text, reason: "\(error)") }
  }

  /// Runs a store call, its failure as the repository's.
  func wrap<T>(_ body: () throws(StoreError) -> T) throws(RepositoryError) -> T {
    do { return try body() } catch { throw .unavailable(error) }
  }
}

extension FileCaseRepository {
  /// The application's use cases on this store: its own queries, the definitions it holds,
  /// the directory of its latest deployment. `zone` gives a time zone's rules.
  public func service(zone: @escaping @Sendable (String) -> ZoneRules?, clock: any Clock) -> CaseService {
    let definitions = DefinitionsLoader(repository: self, zone: zone)
    var service = CaseService(
      repository: self, queries: self, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: clock)
    service.customers = self
    service.presence = self
    return service
  }

  /// The customer use cases on this store, on the definitions it holds and the directory of
  /// its latest deployment, as `service(zone:clock:)` composes the case use cases.
  public func customerService(zone: @escaping @Sendable (String) -> ZoneRules?, clock: any Clock) -> CustomerService {
    let definitions = DefinitionsLoader(repository: self, zone: zone)
    return CustomerService(
      repository: self, definitions: definitions, directory: DeployedDirectory(definitions), clock: clock)
  }

  /// The presence use cases on this store, composed as `customerService(zone:clock:)` is.
  public func presenceService(zone: @escaping @Sendable (String) -> ZoneRules?, clock: any Clock) -> PresenceService {
    let definitions = DefinitionsLoader(repository: self, zone: zone)
    return PresenceService(
      repository: self, queries: self, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: clock)
  }
}
