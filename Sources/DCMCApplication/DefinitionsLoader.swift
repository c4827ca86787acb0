public import DCMCBundle
public import DCMCCalendar
public import DCMCRuntime
import Synchronization

/// Loads deployed bundles from a repository, checked as strictly as YAML, and keeps each
/// once loaded: a bundle never changes under its hash, and a process (a server, a scenario
/// run) uses each many times.
public final class DefinitionsLoader: Sendable {
  let repository: any CaseRepository
  let zone: @Sendable (String) -> ZoneRules?
  private let caches: Caches
  /// The deployed bundle's hash as a request read it (`pinned(to:)`), which `deployed()`
  /// answers without reading the store; `nil`: `deployed()` reads it.
  private let pinned: Pinned?

  /// What the loaders of one store share (a pinned one and the one it came from).
  final class Caches: Sendable {
    let loaded = Mutex<[String: RuntimeDefinitions]>([:])
    /// The deployed bundle's hash and the deployment's version it was read at.
    let deployment = Mutex<(version: String, hash: String)?>(nil)
  }

  /// The deployment a request read; `hash` `nil`: nothing was deployed.
  struct Pinned {
    let hash: String?
  }

  /// `zone` gives a time zone's rules by name (the system's zoneinfo, in shells).
  public convenience init(repository: any CaseRepository, zone: @escaping @Sendable (String) -> ZoneRules?) {
    self.init(repository: repository, zone: zone, caches: Caches(), pinned: nil)
  }

  private init(
    repository: any CaseRepository, zone: @escaping @Sendable (String) -> ZoneRules?, caches: Caches, pinned: Pinned?
  ) {
    self.repository = repository
    self.zone = zone
    self.caches = caches
    self.pinned = pinned
  }

  /// This loader, its bundles shared, answering `deployed()` with the bundle `hash` (`nil`:
  /// none deployed) without reading the store: for a request that read the deployment with
  /// its other reads (`StoreVersions`), so a deployment committed before that read counts.
  public func pinned(to hash: String?) -> DefinitionsLoader {
    DefinitionsLoader(repository: repository, zone: zone, caches: caches, pinned: Pinned(hash: hash))
  }

  /// The definitions of the bundle new cases start on. The deployment is read again only
  /// when the repository's `deploymentVersion` changed (or is unknown): a deployment by
  /// another process counts from the next call, as it did when every call read it. A pinned
  /// loader (`pinned(to:)`) reads nothing.
  public func deployed() throws(ServiceError) -> RuntimeDefinitions {
    let hash: String?
    if let pinned { hash = pinned.hash } else { hash = try read() }
    guard let hash else { throw .refused(.notDeployed) }
    return try definitions(hash)
  }

  /// The deployed bundle's hash, from the cache when the deployment's version did not move.
  private func read() throws(ServiceError) -> String? {
    try ServiceError.wrap { () throws(RepositoryError) -> String? in
      let version = try repository.deploymentVersion()
      if let version, let hit = caches.deployment.withLock({ $0?.version == version ? $0?.hash : nil }) { return hit }
      let hash = try repository.deployedBundle()
      // Kept under the version seen before the read: a deployment between the two makes the
      // next call read again rather than keep the older hash.
      if let version, let hash { caches.deployment.withLock { $0 = (version, hash) } }
      return hash
    }
  }

  /// The definitions of the bundle `hash`, which a case runs on.
  public func definitions(_ hash: String) throws(ServiceError) -> RuntimeDefinitions {
    if let found = caches.loaded.withLock({ $0[hash] }) { return found }
    let bundle = try read(hash)
    let definitions: RuntimeDefinitions
    do {
      definitions = try RuntimeDefinitions(bundle: bundle, zone: zone)
    } catch {
      throw .refused(.bundleUnusable(hash: hash, reason: "\(error)"))
    }
    caches.loaded.withLock { $0[hash] = definitions }
    return definitions
  }

  /// The bundle `hash` for what only names it (the deployments listed or shown): the loaded
  /// definitions' when a case loaded them, else read from the store and checked, and not
  /// kept. A list of the history once loaded every bundle it named, and a server kept each
  /// for good, though no case ran on most of them.
  public func bundle(_ hash: String) throws(ServiceError) -> DefinitionBundle {
    if let found = caches.loaded.withLock({ $0[hash] }) { return found.bundle }
    return try read(hash)
  }

  /// The bundle `hash` read from the store and checked as strictly as YAML.
  private func read(_ hash: String) throws(ServiceError) -> DefinitionBundle {
    guard let bytes = try ServiceError.wrap({ () throws(RepositoryError) in try repository.bundle(hash) }) else {
      throw .refused(.bundleUnusable(hash: hash, reason: "it is not in the store"))
    }
    do {
      return try BundleFile.load(bytes)
    } catch {
      throw .refused(.bundleUnusable(hash: hash, reason: "\(error)"))
    }
  }

  /// Checks that `bundle` can run here (its time zones are known) before it is deployed.
  public static func check(_ bundle: DefinitionBundle, zone: (String) -> ZoneRules?) throws(ServiceError)
    -> RuntimeDefinitions
  {
    do {
      return try RuntimeDefinitions(bundle: bundle, zone: zone)
    } catch {
      throw .refused(.bundleUnusable(hash: bundle.hash, reason: "\(error)"))
    }
  }
}
