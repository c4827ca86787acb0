import DCMCApplication
import DCMCRuntime

/// `store verify` and `store rebuild` of the ready index (`ready/<user>`,
/// `FileCaseRepository+Presence.swift`): derived from the presence histories like the case
/// indexes from theirs.
extension FileCaseRepository {
  /// The ready index as the presence histories leave it: the users who are ready, the users
  /// filed, and what does not belong there (a directory, a name that is not an id).
  /// The users `skipping` (histories proven short: `shortPresence`) are neither ready nor
  /// filed here: their entries are evidence, left as they are.
  private func readyScan(skipping: Set<String>) throws(RepositoryError) -> (
    ready: Set<StoreID>, filed: Set<StoreID>, strays: [(path: String, isDirectory: Bool)]
  ) {
    let users = try wrap { () throws(StoreError) in try Self.presenceScan(store) }.users
    var ready: Set<StoreID> = []
    for user in users where !skipping.contains(user) {
      // A history that cannot be read is `presenceProblems`' to report.
      if let state = try? loadPresence(user), state.status == .ready, let id = try? StoreID(user) { ready.insert(id) }
    }
    let scan = try wrap { () throws(StoreError) in
      try IndexScan("ready", keyDepth: 0, in: store.root, fileSystem: store.fileSystem) { _, _ in false }
    }
    return (ready, Set(scan.entries.map(\.name).filter { !skipping.contains($0.rawValue) }), scan.strays)
  }

  /// What `store verify` finds in the ready index: a ready user not filed, and strays. A user
  /// filed who is ready no more is no damage (a crash after their append leaves one; readers
  /// check).
  func readyProblems(skipping: Set<String> = []) throws(RepositoryError) -> [String] {
    let scan = try readyScan(skipping: skipping)
    return scan.ready.subtracting(scan.filed).sorted().map { "presence of '\($0)': missing from the ready users (ready/\($0))" }
      + scan.strays.map { "\($0.path): stray \($0.isDirectory ? "directory" : "file") among the ready users" }
  }

  /// Files every ready user and removes every other entry and stray; returns what it repaired.
  func rebuildReady(keeping: Set<String> = []) throws(RepositoryError) -> [String] {
    let scan = try readyScan(skipping: keeping)
    let missing = scan.ready.subtracting(scan.filed).sorted()
    let extra = scan.filed.subtracting(scan.ready).sorted()
    try wrap { () throws(StoreError) in
      for stray in scan.strays {
        try IndexScan.remove(stray.path, isDirectory: stray.isDirectory, in: store.root, fileSystem: store.fileSystem)
      }
      try readyIndex.add(missing.map { .init(entry: $0, key: [], donor: nil) })
      for user in extra { try readyIndex.remove(user, under: []) }
    }
    return scan.strays.map(\.path) + (missing + extra).map { "ready/\($0)" }
  }
}
