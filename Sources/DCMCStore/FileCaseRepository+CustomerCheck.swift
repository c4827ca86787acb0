import DCMCApplication
import DCMCJSON

/// `store verify` and `store rebuild` of `customers/` (`CustomerScan`): each record's history
/// replayed, the email, phone, name and request files checked against the histories and
/// rewritten from them.
extension FileCaseRepository {
  /// What verify finds under `customers/`, one line each naming the file, besides the damaged
  /// histories (`CustomerScan.damagedLines`): a merge into a record that has none, a file that
  /// does not belong, an unreadable index or request file, an entry too few (a record its
  /// email or phone file does not list or that has no name entry, a request file that does
  /// not name the record its request added).
  func customerProblems(_ scan: CustomerScan) -> [String] {
    var problems: [String] = []
    for (id, state) in scan.records.sorted(by: { $0.key < $1.key }) {
      if let keep = state.mergedInto, scan.records[keep] == nil, !scan.damaged.contains(where: { $0.id == keep }) {
        problems.append("customer '\(id)': merged into '\(keep)', which has no history")
      }
    }
    problems += scan.strays.map { "\($0.path): stray \($0.isDirectory ? "directory" : "file") among the customers" }
    for (path, ids) in scan.indexes.sorted(by: { $0.key.description < $1.key.description }) where ids == nil {
      problems.append("\(path) is not a list of customer ids")
    }
    for (path, id) in scan.requests.sorted(by: { $0.key.description < $1.key.description }) where id == nil {
      problems.append("\(path) is not {\"customer\": ID}")
    }
    var missing: [(String, String)] = []
    for (path, ids) in scan.expectedIndexes {
      guard case .some(let listed) = scan.indexes[path] else {
        missing += ids.map { ($0, "\(path) is missing") }
        continue
      }
      guard let listed else { continue }
      missing += ids.subtracting(listed).map { ($0, "\(path) does not list it") }
    }
    for entry in scan.expectedNames.subtracting(scan.names) { missing.append((entry.id, "\(entry.path) is missing")) }
    for (path, id) in scan.expectedRequests {
      switch scan.requests[path] {
      case .none: missing.append((id, "\(path) is missing"))
      case .some(let named?) where named != id: missing.append((id, "\(path) names '\(named)'"))
      default: break
      }
    }
    problems += missing.sorted { $0 < $1 }.map { "customer '\($0.0)': \($0.1)" }
    return problems
  }

  /// Rewrites the email, phone, name and request files and the heads (`rebuildCustomerHeads`)
  /// from the histories (an entry that names a damaged record is kept, as evidence and so it
  /// stays findable once repaired) and removes the files that do not belong. Returns the files
  /// written or removed, sorted.
  func rebuildCustomers(_ scan: CustomerScan, _ transaction: StoreTransaction) throws(StoreError) -> [String] {
    let kept = Set(scan.damaged.map(\.id))
    var repaired: [String] = []
    let expected = scan.expectedIndexes
    if !expected.isEmpty || !scan.expectedRequests.isEmpty {
      try transaction.makeDirectory(StorePath([Self.customers]))
      for directory in Self.customerDirectories {
        try transaction.makeDirectory(StorePath([Self.customers, directory]))
      }
    }
    for path in Set(expected.keys).union(scan.indexes.keys) {
      let present = scan.indexes[path] ?? nil
      let ids = (expected[path] ?? []).union((present ?? []).filter(kept.contains)).sorted()
      guard present?.sorted() != ids else { continue }
      if ids.isEmpty {
        try transaction.remove(path)
      } else {
        try transaction.replace(path, with: JSONValue.array(ids.map { .string($0) }).compact() + [10])
      }
      repaired.append("\(path)")
    }
    repaired += try rebuildNames(scan, keeping: kept)
    let requests = scan.expectedRequests
    for path in Set(requests.keys).union(scan.requests.keys) {
      let present = scan.requests[path] ?? nil
      let id = requests[path] ?? present.flatMap { kept.contains($0) ? $0 : nil }
      guard present == nil || present != id else { continue }
      if let id {
        try transaction.replace(path, with: Self.json(["customer": id]))
      } else {
        try transaction.remove(path)
      }
      repaired.append("\(path)")
    }
    for stray in scan.strays {
      try IndexScan.remove(stray.path, isDirectory: stray.isDirectory, in: store.root, fileSystem: store.fileSystem)
      repaired.append(stray.path)
    }
    repaired += try rebuildCustomerHeads(scan, transaction)
    return repaired.sorted()
  }

  /// Adds the name entries the records in use need and removes the others, but for those
  /// that name a damaged record.
  private func rebuildNames(_ scan: CustomerScan, keeping kept: Set<String>) throws(StoreError) -> [String] {
    let expected = scan.expectedNames
    let missing = expected.subtracting(scan.names)
    try nameIndex.add(missing.map { EntryIndex.Addition(entry: $0.name, key: $0.bucket) })
    let extra = scan.names.subtracting(expected).filter { !kept.contains($0.id) }
    for entry in extra { try nameIndex.remove(entry.name, under: entry.bucket) }
    return missing.union(extra).map(\.path)
  }
}
