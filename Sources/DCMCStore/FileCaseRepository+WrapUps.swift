public import DCMCApplication
public import DCMCCalendar
import DCMCRuntime

/// The wrap-up index of the file store: `wrapups/<yyyymmdd>/<hhmm>/<user>`, an empty file for
/// each user in wrap-up, under the UTC minute their wrap-up ends (the timer index's key). It is
/// added before the presence append that starts the wrap-up and removed after the one that ends
/// it (`FileCaseRepository+PresenceAppend.swift`), so `tick` finds the wrap-ups due by listing
/// the minutes gone by, never by replaying every presence log. A crash may leave a user filed
/// who is in wrap-up no more (readers check each presence, `tick` drops the entries it reads
/// and `store rebuild` all of them; `store verify` takes them for what a crash leaves, not
/// damage), never one in wrap-up who is not filed.
extension FileCaseRepository {
  var wrapUpIndex: EntryIndex { EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/wrapups") }

  /// The key `state` is filed under: its wrap-up's end minute; `nil` out of wrap-up.
  static func wrapUpKey(of state: PresenceState) -> [StoreID]? {
    guard case .wrapUp(let end) = state.status else { return nil }
    return timerKey(end)
  }

  /// The presences filed under the minutes up to `now`'s whose wrap-up has ended. An entry
  /// whose user is in wrap-up no more, or until another minute (a crash between the append that
  /// ended or moved it and the entry's removal leaves one), is removed, so the next tick does
  /// not read it again.
  public func wrapUpsEnded(by now: Instant) throws(RepositoryError) -> [PresenceState] {
    let limit = Self.timerKey(now)
    var filed: [IndexScan.Entry] = []
    try wrap { () throws(StoreError) in
      for day in try wrapUpIndex.names(under: []) where day <= limit[0] {
        for minute in try wrapUpIndex.names(under: [day]) where [day, minute] == limit || [day, minute].lexicographicallyPrecedes(limit) {
          filed += try wrapUpIndex.names(under: [day, minute]).map { IndexScan.Entry(key: [day, minute], name: $0) }
        }
      }
    }
    var ended: [String: PresenceState] = [:]
    var stale: [IndexScan.Entry] = []
    for entry in filed {
      let state = try loadPresence(entry.name.rawValue)
      guard let state, let key = Self.wrapUpKey(of: state), key == entry.key else {
        stale.append(entry)
        continue
      }
      if case .wrapUp(let end) = state.status, end <= now { ended[state.user] = state }
    }
    if !stale.isEmpty { try dropStaleWrapUps(stale) }
    return ended.keys.sorted().compactMap { ended[$0] }
  }

  /// Removes the `stale` entries of the wrap-up index, under the lock, each once its user's
  /// presence, read again there, still does not file them under it.
  private func dropStaleWrapUps(_ stale: [IndexScan.Entry]) throws(RepositoryError) {
    try locked { _ throws(RepositoryError) in
      for entry in stale {
        let state = try loadPresence(entry.name.rawValue)
        if let state, Self.wrapUpKey(of: state) == entry.key { continue }
        try wrap { () throws(StoreError) in try wrapUpIndex.remove(entry.name, under: entry.key) }
      }
    }
  }

  /// The wrap-up index as the presence histories leave it: where each user in wrap-up belongs,
  /// the entries filed, and what does not belong there.
  private func wrapUpScan() throws(RepositoryError) -> (
    expected: Set<IndexScan.Entry>, filed: Set<IndexScan.Entry>, strays: [(path: String, isDirectory: Bool)]
  ) {
    let users = try wrap { () throws(StoreError) in try Self.presenceScan(store) }.users
    var expected: Set<IndexScan.Entry> = []
    for user in users {
      // A history that cannot be read is `presenceProblems`' to report.
      if let state = try? loadPresence(user), let key = Self.wrapUpKey(of: state), let id = try? StoreID(user) {
        expected.insert(IndexScan.Entry(key: key, name: id))
      }
    }
    let scan = try wrap { () throws(StoreError) in
      try IndexScan.byMinute("wrapups", in: store.root, fileSystem: store.fileSystem)
    }
    return (expected, Set(scan.entries), scan.strays)
  }

  /// What `store verify` finds in the wrap-up index: a user in wrap-up not filed under its end,
  /// and strays. An entry of a user in wrap-up no more is no damage (a crash leaves one).
  func wrapUpProblems() throws(RepositoryError) -> [String] {
    let scan = try wrapUpScan()
    return scan.expected.subtracting(scan.filed).sorted { $0.name < $1.name }.map { entry in
      "presence of '\(entry.name)': missing from the wrap-up ends (wrapups/\(Self.path(entry)))"
    } + scan.strays.map { "\($0.path): stray \($0.isDirectory ? "directory" : "file") among the wrap-up ends" }
  }

  /// Files every user in wrap-up under its end and removes every other entry and stray;
  /// returns what it repaired.
  func rebuildWrapUps() throws(RepositoryError) -> [String] {
    let scan = try wrapUpScan()
    let missing = scan.expected.subtracting(scan.filed).sorted { Self.path($0) < Self.path($1) }
    let extra = scan.filed.subtracting(scan.expected).sorted { Self.path($0) < Self.path($1) }
    try wrap { () throws(StoreError) in
      for stray in scan.strays {
        try IndexScan.remove(stray.path, isDirectory: stray.isDirectory, in: store.root, fileSystem: store.fileSystem)
      }
      try wrapUpIndex.add(missing.map { .init(entry: $0.name, key: $0.key, donor: nil) })
      for entry in extra { try wrapUpIndex.remove(entry.name, under: entry.key) }
    }
    return scan.strays.map(\.path) + (missing + extra).map { "wrapups/\(Self.path($0))" }
  }

  private static func path(_ entry: IndexScan.Entry) -> String {
    (entry.key + [entry.name]).map(\.rawValue).joined(separator: "/")
  }
}
