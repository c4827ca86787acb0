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
  private let loaded = Mutex<[String: RuntimeDefinitions]>([:])
  /// The deployed bundle's hash and the deployment's version it was read at.
  private let deployment = Mutex<(version: String, hash: String)?>(nil)

  /// `zone` gives a time zone's rules by name (the system's zoneinfo, in shells).
  public init(repository: any CaseRepository, zone: @escaping @Sendable (String) -> ZoneRules?) {
    self.repository = repository
    self.zone = zone
  }

  /// The definitions of the bundle new cases start on. The deployment is read again only
  /// when the repository's `deploymentVersion` changed (or is unknown): a deployment by
  /// another process counts from the next call, as it did when every call read it.
  public func deployed() throws(ServiceError) -> RuntimeDefinitions {
    let hash = try ServiceError.wrap { () throws(RepositoryError) -> String? in
      let version = try repository.deploymentVersion()
      if let version, let hit = deployment.withLock({ $0?.version == version ? $0?.hash : nil }) { return hit }
      let hash = try repository.deployedBundle()
      // Kept under the version seen before the read: a deployment between the two makes the
      // next call read again rather than keep the older hash.
      if let version, let hash { deployment.withLock { $0 = (version, hash) } }
      return hash
    }
    guard let hash else { throw .refused(.notDeployed) }
    return try definitions(hash)
  }

  /// The definitions of the bundle `hash`, which a case runs on.
  public func definitions(_ hash: String) throws(ServiceError) -> RuntimeDefinitions {
    if let found = loaded.withLock({ $0[hash] }) { return found }
    guard let bytes = try ServiceError.wrap({ () throws(RepositoryError) in try repository.bundle(hash) }) else {
      throw .refused(.bundleUnusable(hash: hash, reason: "it is not in the store"))
    }
    let definitions: RuntimeDefinitions
    do {
      definitions = try RuntimeDefinitions(bundle: try BundleFile.load(bytes), zone: zone)
    } catch {
      throw .refused(.bundleUnusable(hash: hash, reason: "\(error)"))
    }
    loaded.withLock { $0[hash] = definitions }
    return definitions
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
