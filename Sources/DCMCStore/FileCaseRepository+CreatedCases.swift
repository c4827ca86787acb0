import DCMCApplication
import DCMCCalendar
import DCMCRuntime

/// The cases in the listing order (`docs/store.md`, "The cases by creation"):
/// `created/<yyyymmdd>/<hhmm>/<ss>/<case id>`, an empty file per case under the UTC second it
/// was created in, added before the append that creates the case and never removed (a case's
/// creation time never changes). A page of the case list (`CaseFilter.limit`) walks the index
/// from its cursor in order and reads only the cases it passes, stopping when the page is
/// full, instead of reading every case of the store.
///
/// Like `open/`, `created/` says that the index is whole: a new store is made with it and
/// `store rebuild` makes it with every entry; an entry never makes it
/// (`EntryIndex.makesDirectory`), so a store made before the index adds none and its pages
/// read every case until it is rebuilt.
extension FileCaseRepository {
  static let createdDirectory = "created"

  var createdIndex: EntryIndex {
    EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/" + Self.createdDirectory, makesDirectory: false)
  }

  /// `["20260303", "1200", "05"]`: the second a case created at `instant` is filed under, in UTC.
  static func createdKey(_ instant: Instant) -> [StoreID] {
    let second = (instant.secondsSinceEpoch % 60 + 60) % 60
    return timerKey(instant) + [StoreID(derived: digits(second, 2))]
  }

  /// The page `filter` asks for (it has a `limit`) walked through the index: from the second
  /// of `filter.after` on, each second's cases in id order, each case read and kept when
  /// `filter` matches it, until `limit` are kept. The cases the page's filter does not match
  /// are read and skipped, so a filter the index cannot answer (a type, a status) costs the
  /// cases it passes over, not the store. An entry whose case is not there (a crash between
  /// the entry and the create's append) or was created in another second is passed over;
  /// a damaged case it passes is named. `nil` when the store keeps no index.
  ///
  /// With `among`, only the cases `isOpen` takes are read (the open cases, `openPage`), and
  /// the walk gives up (`nil`) when `mayPass` refuses the count of the others it passed over.
  func pagedCases(
    _ filter: CaseFilter, limit: Int,
    among: (isOpen: (StoreID) -> Bool, mayPass: (Int) throws(RepositoryError) -> Bool)? = nil
  ) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage])? {
    guard try wrap({ () throws(StoreError) in try createdIndex.exists() }) else { return nil }
    let index = createdIndex
    let start = filter.after.map { Self.createdKey($0.createdAt) } ?? []
    var found: (cases: [CaseState], damaged: [CaseDamage]) = ([], [])
    var skipped = 0
    var gaveUp = false
    /// Walks the keys under `key` from `start` on, depth first; `false` once the page is full.
    func walk(_ key: [StoreID]) throws(RepositoryError) -> Bool {
      guard found.cases.count < limit else { return false }
      let names = try wrap { () throws(StoreError) in try index.names(under: key) }
      let onStart = key == Array(start.prefix(key.count))
      guard key.count == 3 else {
        for name in names where !onStart || key.count >= start.count || name >= start[key.count] {
          guard try walk(key + [name]) else { return false }
        }
        return true
      }
      for name in names.sorted(by: { $0.rawValue.unicodeScalars.lexicographicallyPrecedes($1.rawValue.unicodeScalars) }) {
        if onStart, let after = filter.after,
          !after.id.unicodeScalars.lexicographicallyPrecedes(name.rawValue.unicodeScalars)
        {
          continue
        }
        guard found.cases.count < limit else { return false }
        if let among, !among.isOpen(name) {
          skipped += 1
          gaveUp = try !among.mayPass(skipped)
          guard !gaveUp else { return false }
          continue
        }
        do throws(RepositoryError) {
          if let state = try read(name), Self.createdKey(state.createdAt) == key, filter.matches(state) {
            found.cases.append(state)
          }
        } catch {
          guard let damage = Self.damage(in: error) else { throw error }
          found.damaged.append(damage)
        }
      }
      return true
    }
    _ = try walk([])
    return gaveUp ? nil : found
  }
}
