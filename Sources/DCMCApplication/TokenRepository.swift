public import DCMCCalendar

/// Where a store keeps the API tokens (SPEC section 17): records with a salted hash each,
/// added and revoked under the store's lock, never removed (a revoked token stays listed).
public protocol TokenRepository: Sendable {
  /// Every token record, oldest first.
  func tokens() throws(RepositoryError) -> [TokenRecord]
  /// Keeps a new record; its id is not taken (the service draws 64 random bits).
  func addToken(_ record: TokenRecord) throws(RepositoryError)
  /// Marks token `id` revoked at `instant` unless it already is; returns the record as it now
  /// stands, `nil` when there is no such token.
  func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord?
  /// What tells one version of the tokens from the next, for a cache of them
  /// (`CachedTokens`); `nil`: unknown, read them every time.
  func tokensVersion() throws(RepositoryError) -> String?
  /// Every token record, as `tokens`, for a caller that has read the tokens' `version`
  /// already (`StoreVersions`): a cache answers at that version without reading it again.
  func tokens(atVersion version: String) throws(RepositoryError) -> [TokenRecord]
  /// The record of `token` as `check` finds it and checks its secret, for a caller that read
  /// the tokens' `version` (`nil`: not read); a cache answers a token checked already at that
  /// version without checking it again (`CachedTokens`). Whether the record acts (revoked,
  /// expired) is the caller's to decide.
  func verifiedRecord(
    of token: String, atVersion version: String?, by check: (String) throws(TokenRefusal) -> TokenRecord
  ) throws(TokenRefusal) -> TokenRecord
}

extension TokenRepository {
  /// A store that cannot tell its versions apart cheaply: the tokens are read every time.
  public func tokensVersion() throws(RepositoryError) -> String? { nil }
  /// A store without a cache: the records, read.
  public func tokens(atVersion version: String) throws(RepositoryError) -> [TokenRecord] { try tokens() }
  /// A store without a cache: every token checked.
  public func verifiedRecord(
    of token: String, atVersion version: String?, by check: (String) throws(TokenRefusal) -> TokenRecord
  ) throws(TokenRefusal) -> TokenRecord { try check(token) }
}
