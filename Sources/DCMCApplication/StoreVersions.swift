/// What a request of `dcmc serve` reads of the store before it acts, read together where the
/// store can answer both in one read (PostgreSQL: one statement, one round trip, one snapshot;
/// `CaseRepository.storeVersions`): the tokens' version (`TokenRepository.tokensVersion`),
/// which its bearer token is checked at, and the deployed bundle's hash
/// (`CaseRepository.deployedBundle`), which a case it creates starts on. A token revoked or a
/// bundle deployed before the read counts for the request, as when each was read on its own.
///
/// Where the store keeps a version row that every change of the tokens or the deployment
/// moves (PostgreSQL, migration 9), `fence` is it: a write decided on these versions names
/// it (`CaseChangeSet.fence`), and the store refuses the write's whole transaction
/// (`VersionsMoved`) when the row moved, so the server may decide a write on versions it read
/// earlier and still count every revocation or deployment committed before the write's commit.
public struct StoreVersions: Sendable, Equatable {
  /// The tokens' version; `nil`: unknown (the tokens are read as without it).
  public var tokens: String?
  /// The hash of the bundle new cases start on; `nil` before the first deployment.
  public var deployed: String?
  /// The store's version row (moved by every change of the tokens or the deployment); `nil`:
  /// the store keeps none, and a write is decided on versions read for it.
  public var fence: Int?

  public init(tokens: String?, deployed: String?, fence: Int? = nil) {
    self.tokens = tokens
    self.deployed = deployed
    self.fence = fence
  }
}

/// The store refused a write decided on versions (`StoreVersions.fence`) that are no longer
/// its own: a token was added or revoked, or a bundle deployed, since they were read. Nothing
/// of the write's transaction was written; the caller reads the versions again and decides
/// again. Thrown as `RepositoryError.unavailable`.
public struct VersionsMoved: Error, Sendable, Equatable, CustomStringConvertible {
  public init() {}

  public var description: String { "the tokens or the deployment changed while the request was decided" }
}

extension RepositoryError {
  /// Whether the store refused the write because its versions moved (`VersionsMoved`), also
  /// when it wrote a round's changes one at a time and each was refused so (`PartialAppend`).
  public var versionsMoved: Bool {
    guard case .unavailable(let reason) = self else { return false }
    if reason is VersionsMoved { return true }
    if let partial = reason as? PartialAppend { return (partial.reason as? RepositoryError)?.versionsMoved == true }
    return false
  }
}

extension ServiceError {
  /// Whether the store refused the use case's write because its versions moved.
  public var versionsMoved: Bool {
    if case .repository(let error) = self { return error.versionsMoved }
    return false
  }
}
