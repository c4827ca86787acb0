public import DCMCApplication
public import DCMCCalendar
import Synchronization

/// The tokens as the server reads them for each request: the records of `base`, read again
/// only when its `tokensVersion` changes (the file store's: device, inode, size and times of
/// `tokens.json`, which every change replaces whole), so a `dcmc token revoke` by another
/// process takes effect at the next request without each request parsing the file. A version
/// of `nil` (unknown) reads every time. Changes go to `base` unchanged.
public final class CachedTokens: TokenRepository {
  public let base: any TokenRepository
  private let cached = Mutex<(version: String, records: [TokenRecord])?>(nil)
  /// The records of the bearer tokens verified under `version`, by the token's text: only a
  /// token whose secret matched gets in, all go when the version changes (or at `verifiedLimit`).
  private let verified = Mutex<(version: String, records: [String: TokenRecord])?>(nil)

  /// The most verified tokens kept for one version; one more starts the list again.
  static let verifiedLimit = 1024

  public init(_ base: any TokenRepository) { self.base = base }

  public func tokens() throws(RepositoryError) -> [TokenRecord] {
    guard let current = try base.tokensVersion() else { return try base.tokens() }
    return try tokens(atVersion: current)
  }

  /// The records at `version`, read by the caller before this call (`StoreVersions`, the
  /// request's one read on PostgreSQL): from the cache when it holds that version.
  public func tokens(atVersion version: String) throws(RepositoryError) -> [TokenRecord] {
    if let hit = cached.withLock({ $0?.version == version ? $0?.records : nil }) { return hit }
    let records = try base.tokens()
    // Stored under the version seen before the read: a change between the two makes the
    // next request read again rather than keep a stale list.
    cached.withLock { $0 = (version, records) }
    return records
  }

  /// The record of `token`: found and its secret checked by `check` once for each version of
  /// the tokens, then found here by its text (what a token's check cost each request was a
  /// SHA-256 and the list's search). `version`: the tokens' version the caller read already
  /// (`StoreVersions`); without it, it is read here. A version of `nil` (unknown) checks every
  /// time. Whether the record acts (revoked, expired) is the caller's to decide, at its instant.
  public func verifiedRecord(
    of token: String, atVersion version: String? = nil, by check: (String) throws(TokenRefusal) -> TokenRecord
  ) throws(TokenRefusal) -> TokenRecord {
    let current: String?
    if let version {
      current = version
    } else {
      do { current = try base.tokensVersion() } catch { throw .unavailable("\(error)") }
    }
    guard let current else { return try check(token) }
    if let hit = verified.withLock({ $0?.version == current ? $0?.records[token] : nil }) { return hit }
    let record = try check(token)
    // Under the version seen before the check, as `tokens()` stores its list.
    verified.withLock { verified in
      if verified?.version != current || verified?.records.count ?? 0 >= Self.verifiedLimit {
        verified = (current, [:])
      }
      verified?.records[token] = record
    }
    return record
  }

  public func addToken(_ record: TokenRecord) throws(RepositoryError) { try base.addToken(record) }

  public func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord? {
    try base.revokeToken(id, at: instant)
  }
}
