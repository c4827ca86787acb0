public import DCMCBundle
public import DCMCCalendar
public import DCMCRuntime

/// The runtime's store: each case a history stream of `CaseEvent`s (the commit point),
/// the deployed bundles by hash, and derived files rebuilt from the histories: each case's
/// state (`states/<id>.json`), the request-id index and the sequence of each case type.
///
/// Every change runs under the store's write lock, from the read of the history through its
/// append; nothing below reads the clock.
public struct CaseStore: Sendable {
  public let store: Store
  let zone: @Sendable (String) -> ZoneRules?
  /// Told when a derived file could not be written after a command's append: the command
  /// has happened (the history is the commit point) and the file is left behind its history
  /// (the CLI prints a warning).
  public var derivedFileFailed: (@Sendable (StoreError) -> Void)?
  /// The bundles this value has loaded, by hash (a bundle never changes under its hash), so
  /// a process that runs many commands parses each once.
  private let loaded = LoadedBundles()

  static let directories = ["bundles", "states", "requests", "sequences", "timers", "workbins"]
  static let deployment = StorePath([StoreID(derived: "deployment.json")])

  /// Opens an existing store; `zone` gives a time zone's rules (the system's zoneinfo).
  /// Tests pass another `fileSystem` to fail or crash its calls.
  public static func open(
    at root: String, zone: @escaping @Sendable (String) -> ZoneRules?, fileSystem: any FileSystem = PosixFileSystem()
  ) throws(StoreError) -> CaseStore {
    CaseStore(store: try Store.open(at: root, fileSystem: fileSystem), zone: zone)
  }

  /// Opens the store at `root`, creating it (with the runtime's directories) when missing.
  public static func openOrCreate(
    at root: String, zone: @escaping @Sendable (String) -> ZoneRules?, fileSystem: any FileSystem = PosixFileSystem()
  ) throws(StoreError) -> CaseStore {
    let store = try Store.create(at: root, fileSystem: fileSystem)
    try store.write { transaction throws(StoreError) in
      for directory in directories { try transaction.makeDirectory(StorePath([StoreID(derived: directory)])) }
    }
    return CaseStore(store: store, zone: zone)
  }

  /// Keeps `bytes` (a sealed bundle) under its hash and makes it the bundle new cases start
  /// on. Running cases keep theirs. Returns whether the bundle was new to the store.
  public func deploy(_ bundle: DefinitionBundle, bytes: [UInt8]) throws(StoreError) -> Bool {
    try store.write { transaction throws(StoreError) in
      let path = Self.bundlePath(bundle.hash)
      let isNew = try store.contents(of: path) == nil
      if isNew { try transaction.replace(path, with: bytes) }
      try transaction.replace(Self.deployment, with: Self.json(["bundle": bundle.hash]))
      return isNew
    }
  }

  /// The hash of the deployed bundle, or `nil` before the first deployment.
  public func deployedHash() throws(StoreError) -> String? {
    guard let bytes = try store.contents(of: Self.deployment),
      let object = Self.strings(bytes)
    else { return nil }
    return object["bundle"]
  }

  /// The definitions of a deployed bundle, checked by the bundle loader.
  public func definitions(bundle hash: String) throws(CaseStoreError) -> RuntimeDefinitions {
    if let definitions = loaded.mutex.withLock({ loaded.byHash[hash] }) { return definitions }
    let definitions = try load(bundle: hash)
    loaded.mutex.withLock { loaded.byHash[hash] = definitions }
    return definitions
  }

  private func load(bundle hash: String) throws(CaseStoreError) -> RuntimeDefinitions {
    let found: [UInt8]?
    do { found = try store.contents(of: Self.bundlePath(hash)) } catch { throw .store(error) }
    guard let bytes = found else { throw .notDeployed("bundle '\(hash)' is not in the store") }
    let bundle: DefinitionBundle
    do { bundle = try BundleFile.load(bytes) } catch { throw .notDeployed("bundle '\(hash)' cannot be loaded: \(error)") }
    do {
      return try RuntimeDefinitions(bundle: bundle, zone: zone)
    } catch {
      throw .notDeployed("bundle '\(hash)' cannot be used: \(error)")
    }
  }

  /// `bundles/<hex digest>.json`.
  static func bundlePath(_ hash: String) -> StorePath {
    let digest = hash.hasPrefix("sha256:") ? String(hash.dropFirst(7)) : hash
    return StorePath([StoreID(derived: "bundles"), StoreID(derived: digest.filter(\.isHexDigit) + ".json")])
  }

  static func statePath(_ id: StoreID) -> StorePath {
    StorePath([StoreID(derived: "states"), StoreID(derived: id.rawValue + ".json")])
  }
}

/// The definitions a `CaseStore` has loaded, shared by its copies.
///
/// `@unchecked Sendable`: `byHash` is read and written only with `mutex` held.
final class LoadedBundles: @unchecked Sendable {
  let mutex = SystemMutex()
  var byHash: [String: RuntimeDefinitions] = [:]
}

/// Why a runtime command on the store failed.
public enum CaseStoreError: Error, Sendable, CustomStringConvertible {
  /// The file system or the store's files: exit 2.
  case store(StoreError)
  /// The engine refused the command; nothing changed: exit 1.
  case refused(Refusal)
  /// No bundle is deployed, or a case's bundle is missing: exit 1.
  case notDeployed(String)

  public var description: String {
    switch self {
    case .store(let error): "\(error)"
    case .refused(let refusal): "\(refusal)"
    case .notDeployed(let reason): reason
    }
  }
}

extension CaseStore {
  /// The engine on the bundle a case runs on.
  public func engine(for state: CaseState) throws(CaseStoreError) -> Engine {
    Engine(definitions: try definitions(bundle: state.bundle))
  }
}
