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
/// file whatever the number of links. Not derived from anything: `store verify` reads each and
/// checks its checksum (`RecordCheck`, `statusLinkProblems`), `store rebuild` only writes again,
/// with one, a record written before records carried it (`sealStatusLinks`). A record that
/// does not hold its checksum is refused (the store failed, naming the file), never read as
/// another customer's link. Revoking a customer's links reads every link file (a rare command).
extension FileCaseRepository: StatusLinkRepository {
  static let statusLinksPath = StorePath([StoreID(derived: "status-links")])

  public func statusLink(_ id: String) throws(RepositoryError) -> StatusLinkRecord? {
    guard StoredSecret.isID(id) else { return nil }
    let path = Self.statusLinksPath.appending(StoreID(derived: "\(id).json"))
    let bytes = try wrap { () throws(StoreError) in try store.contents(of: path) }
    guard let bytes else { return nil }
    return try wrap { () throws(StoreError) in try Self.trustedLink(bytes, at: path, id: id) }
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
          guard let bytes = try store.contents(of: path) else {
            throw .malformedRecord(path: path.description, reason: "is not a status link record")
          }
          var record = try Self.trustedLink(bytes, at: path, id: nil)
          guard customers.contains(record.customer), record.revoked == nil else { continue }
          record.revoked = instant
          try write(record, in: transaction)
          revoked += 1
        }
        return revoked
      }
    }
  }

  /// What `store verify` finds in `status-links/`: damage, a file that is not a link record
  /// named by its id (its page answers 404, and a revoke refuses to run, until it is restored)
  /// or one that does not hold its checksum (its page fails, as a revoke does); behind, the
  /// records written before records carried a checksum (`store rebuild` adds it). A missing
  /// link is not found: nothing else in the store records one (docs/store.md).
  func statusLinkProblems() throws(RepositoryError) -> (damaged: [String], behind: [String]) {
    try wrap { () throws(StoreError) in
      let entries: [DirectoryEntry]
      do throws(StoreError) {
        entries = try io(store.fileSystem.list(Self.statusLinksPath.absolute(in: store.root)))
      } catch where error.code == ENOENT {
        return ([], [])
      }
      var problems: [String] = []
      var unchecked = 0
      for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.name.hasPrefix(".") {
        let path = Self.statusLinksPath.appending(StoreID(derived: entry.name))
        let isRecord = !entry.isDirectory && entry.name.hasSuffix(".json")
        let read = isRecord ? try store.contents(of: path).map(Self.statusLinkRead) : nil
        switch read {
        case .broken?:
          problems.append("\(path): \(Self.brokenLink)")
        case .record(let record, let checked)? where "\(record.id).json" == entry.name:
          if !checked { unchecked += 1 }
        default:
          problems.append("\(path): not a status link record: its page answers 404 and revoking fails until it is restored")
        }
      }
      let behind = unchecked > 0 ? ["status-links/: \(RecordCheck.unchecked(unchecked)): 'dcmc store rebuild' adds it"] : []
      return (problems, behind)
    }
  }

  /// Each status link written before records carried a checksum, written again with one
  /// (`store rebuild`); what it repaired. A file that is no record, or does not hold its
  /// checksum, or is not a regular file, is left as it is (verify names it): nothing derives
  /// a link.
  func sealStatusLinks(_ transaction: StoreTransaction) throws(RepositoryError) -> [String] {
    try wrap { () throws(StoreError) in
      let entries: [DirectoryEntry]
      do throws(StoreError) {
        entries = try io(store.fileSystem.list(Self.statusLinksPath.absolute(in: store.root)))
      } catch where error.code == ENOENT || error.code == ENOTDIR || error.isNotRegularFile {
        return []
      }
      var repaired: [String] = []
      for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.isDirectory && !entry.name.hasPrefix(".") {
        let path = Self.statusLinksPath.appending(StoreID(derived: entry.name))
        let read: [UInt8]?
        do throws(StoreError) {
          read = try store.contents(of: path)
        } catch where error.isNotRegularFile {
          continue
        }
        guard let bytes = read, case .record(let record, checked: false) = Self.statusLinkRead(bytes),
          "\(record.id).json" == entry.name
        else { continue }
        try write(record, in: transaction)
        repaired.append("\(path) (written before records carried a checksum, now with one)")
      }
      return repaired
    }
  }

  private func write(_ record: StatusLinkRecord, in transaction: StoreTransaction) throws(StoreError) {
    let path = Self.statusLinksPath.appending(StoreID(derived: "\(record.id).json"))
    try transaction.replace(path, with: RecordCheck.sealed(record.storedJSON).compact() + [10])
  }

  /// A status link file as read: a record (`checked` when it holds its checksum, false when it
  /// was written before records carried one), one that does not hold its checksum, or none.
  private enum LinkRead {
    case record(StatusLinkRecord, checked: Bool)
    case broken
    case unreadable
  }

  private static let brokenLink =
    "the status link record does not hold its checksum (edited, or damaged on the disk): its page fails, "
    + "as does revoking its customer's links, until it is restored from a backup"

  private static func statusLinkRead(_ bytes: [UInt8]) -> LinkRead {
    guard let value = try? JSONValue.parse(bytes, limits: .store) else { return .unreadable }
    switch RecordCheck.read(value) {
    case .broken: return .broken
    case .checked(let record): return StatusLinkRecord(stored: record).map { .record($0, checked: true) } ?? .unreadable
    case .unchecked(let record): return StatusLinkRecord(stored: record).map { .record($0, checked: false) } ?? .unreadable
    }
  }

  /// The record `bytes` (the file at `path`) hold, of link `id` when given; refused, naming the
  /// file, when it is none or does not hold its checksum.
  private static func trustedLink(_ bytes: [UInt8], at path: StorePath, id: String?) throws(StoreError)
    -> StatusLinkRecord
  {
    switch statusLinkRead(bytes) {
    case .record(let record, _) where id == nil || record.id == id: return record
    case .broken: throw .malformedRecord(path: path.description, reason: brokenLink)
    default: throw .malformedRecord(path: path.description, reason: "is not a status link record")
    }
  }
}
