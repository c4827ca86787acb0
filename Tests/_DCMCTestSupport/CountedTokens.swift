import DCMCApplication
import DCMCCalendar
import Synchronization

/// A store's tokens that count the reads of the records, for the tests of the server's cache
/// (`CachedTokens`) and of their version: the version is `base`'s, or one the test sets
/// (`version`).
public final class CountedTokens: TokenRepository {
  public let base: any TokenRepository
  public let reads = Atomic<Int>(0)
  /// The reads of the version (`tokensVersion`).
  public let versionReads = Atomic<Int>(0)
  /// The version the test sets, when it was given one at `init`; else `base`'s own.
  public let version: Mutex<String?>
  let versionSet: Bool

  public init(_ base: any TokenRepository, version: String?? = nil) {
    self.base = base
    self.version = Mutex(version ?? nil)
    versionSet = version != nil
  }

  public var readCount: Int { reads.load(ordering: .sequentiallyConsistent) }

  public func tokens() throws(RepositoryError) -> [TokenRecord] {
    reads.add(1, ordering: .sequentiallyConsistent)
    return try base.tokens()
  }
  public func addToken(_ record: TokenRecord) throws(RepositoryError) { try base.addToken(record) }
  public func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord? {
    try base.revokeToken(id, at: instant)
  }
  public func tokensVersion() throws(RepositoryError) -> String? {
    versionReads.add(1, ordering: .sequentiallyConsistent)
    guard versionSet else { return try base.tokensVersion() }
    return version.withLock { $0 }
  }
}
