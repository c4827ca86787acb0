import DCMCApplication
import DCMCCalendar
import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

extension FileCaseRepository {
  /// What a file named as a day's under `facts/YYYY/MM/` holds.
  enum FactFileKind {
    /// `DD.facts`: `FactRecord`s (`factsPath`).
    case facts
    /// `DD.csv`: `FactLine`s an earlier dcmc wrote (`legacyFactsPath`).
    case legacy
    /// `DD.rollup`: the day's rollup (`rollupPath`).
    case rollup
  }

  /// Walks `facts/YYYY/MM/`, in the order of the names: each file named as a day's file is
  /// handed to `file` with its UTC day (`ReportFact.day(of:)`) and kind, every other name to
  /// `stray` with its path and whether it is a directory (`facts/pending` is neither). `years`
  /// limits the walk to those years' directories. What it reads is what the directories hold,
  /// not every day of a period: a history with an event in 9999 makes a period of three
  /// million days, of which a store holds a few hundred day files.
  func eachFactFile(
    years: ClosedRange<Int>? = nil, _ file: (_ day: Int, _ kind: FactFileKind) throws(StoreError) -> Void,
    stray: (_ path: String, _ isDirectory: Bool) -> Void = { _, _ in }
  ) throws(StoreError) {
    func entries(_ relative: String) throws(StoreError) -> [DirectoryEntry] {
      do throws(StoreError) {
        return try io(store.fileSystem.list(store.root + "/" + relative)).filter { !$0.name.hasPrefix(".") }
          .sorted { $0.name < $1.name }
      } catch where error.code == ENOENT {
        return []
      }
    }
    for year in try entries("facts") where year.name != "pending" || year.isDirectory {
      guard year.isDirectory, year.name.count == 4, let y = Int(year.name), (1...9999).contains(y) else {
        stray("facts/\(year.name)", year.isDirectory)
        continue
      }
      if let years, !years.contains(y) { continue }
      for month in try entries("facts/\(year.name)") {
        guard month.isDirectory, month.name.count == 2, let m = Int(month.name), (1...12).contains(m) else {
          stray("facts/\(year.name)/\(month.name)", month.isDirectory)
          continue
        }
        for entry in try entries("facts/\(year.name)/\(month.name)") {
          let kind: FactFileKind? =
            entry.name.hasSuffix(".csv") && entry.name.count == 6 ? .legacy
            : entry.name.hasSuffix(".rollup") && entry.name.count == 9 ? .rollup
            : entry.name.hasSuffix(".facts") && entry.name.count == 8 ? .facts : nil
          guard !entry.isDirectory, let kind, entry.name.utf8.prefix(2).allSatisfy({ (48...57).contains($0) }),
            let d = Int(entry.name.prefix(2)),
            (1...LocalDate.daysIn(month: m, year: y)).contains(d)
          else {
            stray("facts/\(year.name)/\(month.name)/\(entry.name)", entry.isDirectory)
            continue
          }
          try file(LocalDate(year: y, month: m, day: d).dayNumber, kind)
        }
      }
    }
  }
}
