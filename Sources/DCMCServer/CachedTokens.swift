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

  public func addToken(_ record: TokenRecord) throws(RepositoryError) { try base.addToken(record) }

  public func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord? {
    try base.revokeToken(id, at: instant)
  }
}
