public import DCMCApplication
import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `store copy` lists and writes beside the other ports (`StoreInventory`), read from the
/// directories that hold each aggregate: `streams/`, `customers/streams/`, `presence/`,
/// `bundles/`, `sequences/` and `status-links/`.
extension FileCaseRepository: StoreInventory {
  public func bundleHashes() throws(RepositoryError) -> [String] {
    try names(in: ["bundles"], ending: ".json").map { "sha256:" + $0 }
  }

  public func caseIDs() throws(RepositoryError) -> [String] {
    try wrap { () throws(StoreError) in try store.streams() }.map(\.rawValue)
  }

  public func customerIDs() throws(RepositoryError) -> [String] {
    try names(in: ["customers", "streams"], ending: ".log")
  }

  public func presenceUsers() throws(RepositoryError) -> [String] {
    try names(in: [Self.presence.rawValue], ending: ".log")
  }

  public func caseSequences() throws(RepositoryError) -> [String: Int] {
    var sequences: [String: Int] = [:]
    for type in try names(in: ["sequences"], ending: ".json") {
      sequences[type] = try lastSequence(of: type)
    }
    return sequences
  }

  public func markCopying(from source: String?) throws(RepositoryError) {
    try wrap { () throws(StoreError) in try store.markCopying(from: source) }
  }

  public func markCopied() throws(RepositoryError) {
    try wrap { () throws(StoreError) in try store.markCopied() }
  }

  public func statusLinks() throws(RepositoryError) -> [StatusLinkRecord] {
    var links: [StatusLinkRecord] = []
    for id in try names(in: [Self.statusLinksPath.description], ending: ".json") {
      guard let link = try statusLink(id) else {
        let path = "status-links/\(id).json"
        throw .unavailable(StoreError.malformedRecord(path: path, reason: "is not a status link record"))
      }
      links.append(link)
    }
    return links
  }

  /// `rebuild`: a derived file a failed or interrupted append left behind is rewritten.
  public func rebuildDerived() throws(RepositoryError) -> [String] {
    let report = try rebuild()
    return report.refused.map(\.description) + report.refusedCustomers + report.refusedPresence
  }

  public func replaceDeliveryRecords(_ records: [String: DeliveryRecord]) throws(RepositoryError) {
    try changingDeliveries { ledger throws(RepositoryError) in ledger.records = records }
  }

  /// The names under `directory` (relative to the root) that end with `suffix` and are ids
  /// without it, sorted; none when the directory is missing.
  private func names(in directory: [String], ending suffix: String) throws(RepositoryError) -> [String] {
    let path = ([store.root] + directory).joined(separator: "/")
    let entries: [DirectoryEntry]
    do throws(StoreError) {
      entries = try io(store.fileSystem.list(path))
    } catch where error.code == ENOENT {
      return []
    } catch {
      throw .unavailable(error)
    }
    return entries.compactMap { entry in
      guard !entry.isDirectory, entry.name.hasSuffix(suffix) else { return nil }
      let name = String(entry.name.dropLast(suffix.count))
      return (try? StoreID(name)) == nil ? nil : name
    }.sorted()
  }
}
