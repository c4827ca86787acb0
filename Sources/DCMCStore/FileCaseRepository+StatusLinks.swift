public import DCMCApplication
public import DCMCCalendar
import DCMCFiles
import DCMCJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The customers' status page links (`StatusLinkRepository`): one small file per link,
/// `status-links/<id>.json`, written durably under the store's lock, so the page reads one
/// file whatever the number of links. Not derived from anything: `store rebuild` leaves them
/// alone, `store verify` reads each (`statusLinkProblems`). Revoking a customer's links reads
/// every link file (a rare command).
extension FileCaseRepository: StatusLinkRepository {
  static let statusLinksPath = StorePath([StoreID(derived: "status-links")])

  public func statusLink(_ id: String) throws(RepositoryError) -> StatusLinkRecord? {
    guard StoredSecret.isID(id) else { return nil }
    let path = Self.statusLinksPath.appending(StoreID(derived: "\(id).json"))
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: path) }
    guard let bytes else { return nil }
    guard let record = Self.statusLinkRecord(bytes), record.id == id else {
      throw .unavailable(StoreError.malformedRecord(path: path.description, reason: "is not a status link record"))
    }
    return record
  }

  public func addStatusLink(_ record: StatusLinkRecord) throws(RepositoryError) {
    try wrap { () throws(StoreError) in
      try store.write { transaction throws(StoreError) in
        try transaction.makeDirectory(Self.statusLinksPath)
        try write(record, in: transaction)
      }
    }
  }

  public func revokeStatusLinks(of customers: Set<String>, at instant: Instant) throws(RepositoryError) -> Int {
    try wrap { () throws(StoreError) in
      try store.write { transaction throws(StoreError) in
        let entries: [DirectoryEntry]
        do throws(StoreError) {
          entries = try io(store.fileSystem.list(Self.statusLinksPath.absolute(in: store.root)))
        } catch where error.code == ENOENT {
          return 0
        }
        var revoked = 0
        for entry in entries where entry.name.hasSuffix(".json") && !entry.name.hasPrefix(".") {
          let path = Self.statusLinksPath.appending(StoreID(derived: entry.name))
          guard let bytes = try store.contents(of: path), var record = Self.statusLinkRecord(bytes) else {
            throw .malformedRecord(path: path.description, reason: "is not a status link record")
          }
          guard customers.contains(record.customer), record.revoked == nil else { continue }
          record.revoked = instant
          try write(record, in: transaction)
          revoked += 1
        }
        return revoked
      }
    }
  }

  /// What `store verify` finds in `status-links/`: a file that is not a link record named by
  /// its id (its page answers 404, and a revoke refuses to run, until it is restored).
  func statusLinkProblems() throws(RepositoryError) -> [String] {
    try wrap { () throws(StoreError) in
      let entries: [DirectoryEntry]
      do throws(StoreError) {
        entries = try io(store.fileSystem.list(Self.statusLinksPath.absolute(in: store.root)))
      } catch where error.code == ENOENT {
        return []
      }
      var problems: [String] = []
      for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
        let path = Self.statusLinksPath.appending(StoreID(derived: entry.name))
        let isRecord = !entry.isDirectory && entry.name.hasSuffix(".json")
        let record = isRecord ? try store.contents(of: path).flatMap(Self.statusLinkRecord) : nil
        if record.map({ "\($0.id).json" }) != entry.name {
          problems.append("\(path): not a status link record: its page answers 404 and revoking fails until it is restored")
        }
      }
      return problems
    }
  }

  private func write(_ record: StatusLinkRecord, in transaction: StoreTransaction) throws(StoreError) {
    let path = Self.statusLinksPath.appending(StoreID(derived: "\(record.id).json"))
    try transaction.replace(path, with: record.storedJSON.compact() + [10])
  }

  private static func statusLinkRecord(_ bytes: [UInt8]) -> StatusLinkRecord? {
    (try? JSONValue.parse(bytes, limits: .store)).flatMap(StatusLinkRecord.init(stored:))
  }
}
