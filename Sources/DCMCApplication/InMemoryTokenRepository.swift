public import DCMCCalendar
import Synchronization

/// Tokens in memory, for the server's handler tests: the contract of the file store's.
public final class InMemoryTokenRepository: TokenRepository {
  private let records = Mutex<[TokenRecord]>([])

  public init() {}

  public func tokens() throws(RepositoryError) -> [TokenRecord] { records.withLock { $0 } }

  public func addToken(_ record: TokenRecord) throws(RepositoryError) { records.withLock { $0.append(record) } }

  public func revokeToken(_ id: String, at instant: Instant) throws(RepositoryError) -> TokenRecord? {
    records.withLock { records in
      guard let index = records.firstIndex(where: { $0.id == id }) else { return nil }
      if records[index].revoked == nil { records[index].revoked = instant }
      return records[index]
    }
  }
}
