public import DCMCApplication
import DCMCBundle
public import DCMCRuntime

/// The name index of the customer records (`customers/names/`, `CustomerNameEntry`): one
/// empty file per record in use, in a directory per byte of its name's first eight, so a
/// name-prefix search follows the prefix's bytes down, then walks the directories under it
/// in order and stops at `limit` records: it lists the levels it passes through and the
/// buckets it answers from, not every name the prefix matches, and opens only the records
/// it answers.
///
/// As with email and phone, a record's entry under its new name is added before its append
/// and the entry under its old name dropped after it: a crash leaves an entry too many,
/// which the lookup drops (the record it names must have that very entry now), never one too
/// few.
extension FileCaseRepository {
  var nameIndex: EntryIndex {
    EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/customers/names")
  }

  public func customers(namePrefix prefix: String, limit: Int) throws(RepositoryError) -> [CustomerState] {
    guard limit > 0 else { return [] }
    var found: [CustomerState] = []
    try collect(under: [], prefix: CustomerNameKey(prefix).bytes, limit: limit, into: &found)
    return Array(found.prefix(limit))
  }

  /// Before a change's append: the entry of the record's name after it, when it had another.
  func addNameEntry(_ change: CustomerChangeSet) throws(StoreError) {
    guard let entry = change.after.nameEntry, entry != change.before?.nameEntry else { return }
    try nameIndex.add([EntryIndex.Addition(entry: entry.name, key: entry.bucket)])
  }

  /// After a change's append: the entry of the record's name before it, when it has another
  /// now (or none, merged). A failure leaves an entry too many, and is reported.
  func dropNameEntry(_ change: CustomerChangeSet) {
    guard let entry = change.before?.nameEntry, entry != change.after.nameEntry else { return }
    do throws(StoreError) { try nameIndex.remove(entry.name, under: entry.bucket) } catch { derivedFileFailed?(error) }
  }

  /// Walks the buckets under `bucket` in order, those `prefix` names, until `found` holds
  /// `limit` records: below the prefix's length the one bucket of its next byte, past it
  /// every bucket.
  private func collect(under bucket: [StoreID], prefix: [UInt8], limit: Int, into found: inout [CustomerState])
    throws(RepositoryError)
  {
    guard bucket.count < CustomerNameEntry.depth else {
      return try collect(entries: bucket, prefix: prefix, limit: limit, into: &found)
    }
    if bucket.count < prefix.count {
      let next = CustomerNameEntry.bucket(of: prefix.dropFirst(bucket.count))[0]
      return try collect(under: bucket + [next], prefix: prefix, limit: limit, into: &found)
    }
    for child in try wrap({ () throws(StoreError) in try nameIndex.names(under: bucket) })
    where CustomerNameEntry.isBucket(child.rawValue) {
      guard found.count < limit else { return }
      try collect(under: bucket + [child], prefix: prefix, limit: limit, into: &found)
    }
  }

  /// The records of one bucket whose name starts with `prefix`, in order, until `found` holds
  /// `limit`. Entries that share a capped key are read together and put in order by their
  /// records' whole names.
  private func collect(entries bucket: [StoreID], prefix: [UInt8], limit: Int, into found: inout [CustomerState])
    throws(RepositoryError)
  {
    let wanted = SHA256.hex(prefix)
    // Names are read only where their text may match: the hex of the prefix, or a part of it.
    let entries = try wrap { () throws(StoreError) in try nameIndex.names(under: bucket) }
      .filter {
        $0.rawValue.utf8.starts(with: wanted.utf8) || wanted.utf8.starts(with: $0.rawValue.utf8.prefix { $0 != 0x2D })
      }
      .compactMap { CustomerNameEntry(bucket: bucket, name: $0) }
      .filter { $0.hex.hasPrefix(wanted) || ($0.isCapped && wanted.hasPrefix($0.hex)) }
      .sorted { $0.name.rawValue.utf8.lexicographicallyPrecedes($1.name.rawValue.utf8) }
    var index = entries.startIndex
    while index < entries.endIndex, found.count < limit {
      let hex = entries[index].hex
      let run = entries[index...].prefix { $0.hex == hex }
      index = run.endIndex
      // A run of whole keys is one name, in order of id: it is read only as far as needed.
      let whole = !run.contains(where: \.isCapped)
      var records: [CustomerState] = []
      for entry in run {
        guard let state = try loadCustomer(entry.id), state.nameEntry == entry,
          CustomerNameKey(state.name).bytes.starts(with: prefix)
        else { continue }
        records.append(state)
        if whole && found.count + records.count == limit { break }
      }
      found += records.sorted(by: CustomerNameKey.areInOrder)
    }
  }
}

extension CustomerState {
  /// The record's entry in the file store's name index; `nil` when it is in none.
  var nameEntry: CustomerNameEntry? { CustomerNameEntry(self) }
}
