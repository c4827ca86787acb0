import DCMCApplication
import DCMCRuntime

/// The index of the cases not finished (`docs/store.md`, "Derived indexes"): `open/<case id>`,
/// an empty file while the case is neither closed nor cancelled, added before the append that
/// opens it and removed after the one that finishes it, like the workbins' entries (`IndexEntries`).
/// The reports' "now" figures (`ReportNow`) read the open cases through it
/// (`CaseFilter.open`), not every case of the store.
///
/// `open/` says that the index is whole: a new store is made with it and `store rebuild` makes
/// it with every entry; an entry never makes it (`EntryIndex.makesDirectory`), so a store made
/// before the index adds none and is read case by case until it is rebuilt.
extension FileCaseRepository {
  static let openDirectory = "open"

  var openIndex: EntryIndex {
    EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/" + Self.openDirectory, makesDirectory: false)
  }

  /// The cases `filter` (with `open`) finds among those the index names; an entry left behind
  /// by a crash (its case finished) is dropped by the filter. `nil` when the store keeps no
  /// index. A page (`CaseFilter.limit`) is walked through `created/` (`openPage`).
  func openCases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage])? {
    if let limit = filter.limit, let page = try openPage(filter, limit: limit) { return page }
    let names = try wrap { () throws(StoreError) -> [StoreID]? in
      try openIndex.exists() ? try openIndex.names(under: []) : nil
    }
    guard let names else { return nil }
    return try cases(names, filter)
  }

  /// A page of the open cases walked through the cases by creation (`pagedCases`) from its
  /// cursor, reading only the cases with an entry in `open/` (one lookup each) until the page
  /// is full: the names of `open/` give no listing order (case types number apart, and a
  /// case's time is its command's), and listing them all costs in proportion to the open
  /// cases. When the walk has passed over `openPageSkips` times `limit` cases that are not
  /// open, it counts the names of `open/`, and gives up (`nil`: every open case is read) once
  /// it has passed over `openPageSkips` times as many: the open cases are few and far between,
  /// so a page costs at most that walk more than reading them all. `nil` as well when the
  /// store keeps either index.
  private func openPage(_ filter: CaseFilter, limit: Int) throws(RepositoryError)
    -> (cases: [CaseState], damaged: [CaseDamage])?
  {
    guard let directory = try? store.fileSystem.openDirectory(store.root + "/" + Self.openDirectory) else {
      return nil
    }
    store.fileSystem.close(directory)
    let index = openIndex
    var open: Int?
    return try pagedCases(
      filter, limit: limit,
      among: (
        isOpen: { index.holds([$0]) },
        mayPass: { skipped throws(RepositoryError) in
          guard skipped > limit * Self.openPageSkips else { return true }
          if open == nil { open = try wrap { () throws(StoreError) in try index.names(under: []).count } }
          return skipped <= (open ?? 0) * Self.openPageSkips
        }
      ))
  }

  /// How many cases that are not open a page of open cases may pass over for each case of the
  /// page, and then for each open case, before it reads the open cases instead. Passing one
  /// costs the lookup of its `open/` entry (and its share of a `created/` directory's
  /// listing), reading one the open, read and decoding of its log and state: a bound chosen,
  /// not measured apart, so that giving up costs a small multiple of the read it falls back to.
  static let openPageSkips = 8
}
