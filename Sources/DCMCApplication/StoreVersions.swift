/// What a request of `dcmc serve` reads of the store before it acts, read together where the
/// store can answer both in one read (PostgreSQL: one statement, one round trip, one snapshot;
/// `CaseRepository.storeVersions`): the tokens' version (`TokenRepository.tokensVersion`),
/// which its bearer token is checked at, and the deployed bundle's hash
/// (`CaseRepository.deployedBundle`), which a case it creates starts on. A token revoked or a
/// bundle deployed before the read counts for the request, as when each was read on its own.
public struct StoreVersions: Sendable, Equatable {
  /// The tokens' version; `nil`: unknown (the tokens are read as without it).
  public var tokens: String?
  /// The hash of the bundle new cases start on; `nil` before the first deployment.
  public var deployed: String?

  public init(tokens: String?, deployed: String?) {
    self.tokens = tokens
    self.deployed = deployed
  }
}
