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

  /// The cases `filter` (with `open`) finds among those the index names, read one by one; an
  /// entry left behind by a crash (its case finished) is dropped by the filter. `nil` when
  /// the store keeps no index.
  func openCases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage])? {
    let names = try wrap { () throws(StoreError) -> [StoreID]? in
      try openIndex.exists() ? try openIndex.names(under: []) : nil
    }
    guard let names else { return nil }
    return try cases(names, filter)
  }
}
