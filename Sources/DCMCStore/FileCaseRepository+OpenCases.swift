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
  /// index.
  ///
  /// A page (`CaseFilter.limit`) of more open cases than it holds walks the cases by creation
  /// (`pagedCases`) from its cursor, reading only the open cases it passes until the page is
  /// full: the names of `open/` give no creation order (case types number apart, and a
  /// case's time is its command's). When the walk passes more than
  /// `openPageSkips` times as many cases that are not open as `open/` names (the open cases
  /// are few and far between), it gives up and every open case is read, so a page costs at
  /// most that walk more than reading them all.
  func openCases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage])? {
    let names = try wrap { () throws(StoreError) -> [StoreID]? in
      try openIndex.exists() ? try openIndex.names(under: []) : nil
    }
    guard let names else { return nil }
    if let limit = filter.limit, names.count > limit,
      let page = try pagedCases(filter, limit: limit, among: (Set(names), names.count * Self.openPageSkips))
    {
      return page
    }
    return try cases(names, filter)
  }

  /// How many cases that are not open a page of open cases may pass over for each open one,
  /// before it reads the open cases instead: listing a second of `created/` costs about a
  /// tenth of reading a case (`Benchmarks/PageBenchmark`).
  static let openPageSkips = 8
}
