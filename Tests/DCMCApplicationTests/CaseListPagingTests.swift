import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// `case list --limit/--after` and `GET /api/v1/cases?limit&after` on every store: pages in
/// the listing order (`CasePosition`: creation time, then id), each starting after the
/// previous page's last case, so cases made while a client pages neither repeat nor push an
/// earlier one off a page.
@Suite struct CaseListPagingTests {
  /// The ids of every page of `filter` read `size` at a time, with `between` run after each page.
  static func pages(
    _ store: RepositoryUnderTest, _ filter: CaseFilter = CaseFilter(), size: Int, between: (Int) throws -> Void = { _ in }
  ) throws -> [[String]] {
    var pages: [[String]] = []
    var query = filter
    query.limit = size
    for page in 0..<100 {
      let found = try store.service.cases(query)
      guard let last = found.last else { break }
      pages.append(found.map(\.id))
      query.after = CasePosition(last)
      try between(page)
    }
    return pages
  }

  @Test(arguments: RepositoryKind.allCases) func pagesFollowTheListingOrderAndRepeatNoCase(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    // Two cases in one second: the id orders them.
    for seconds in [0, 0, 60, 120, 120, 180, 240] { _ = try store.technical(seconds) }
    let all = try store.service.cases(CaseFilter()).map(\.id)
    #expect(all.count == 7)
    #expect(try Self.pages(store, size: 3) == [Array(all[0..<3]), Array(all[3..<6]), [all[6]]])
    #expect(try Self.pages(store, size: 7) == [all])
    // A filter pages the cases it matches.
    let opened = try store.service.cases(CaseFilter(status: .open, limit: 2)).map(\.id)
    #expect(opened == Array(all.prefix(2)))
  }

  @Test(arguments: RepositoryKind.allCases) func casesMadeWhileOnePagesAreNeitherSkippedNorRepeated(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    for seconds in [0, 60, 120, 180, 240] { _ = try store.technical(seconds) }
    let before = try store.service.cases(CaseFilter()).map(\.id)
    var made: [String] = []
    let pages = try Self.pages(store, size: 2) { page in
      // Another client creates two cases after each page, later than every case so far.
      for second in 0..<2 { made.append(try store.technical(1000 + page * 10 + second).id) }
    }
    let seen = pages.flatMap { $0 }
    #expect(Set(seen).count == seen.count, "a case came twice: \(pages)")
    #expect(before.allSatisfy(seen.contains), "a case there from the start was skipped: \(pages)")
    #expect(seen == before + made.filter(seen.contains))
  }

  @Test func aCursorNamesItsPositionAndNothingElseIsOne() throws {
    let position = CasePosition(createdAt: Instant(secondsSinceEpoch: 1_772_438_400), id: "TEC-000042")
    #expect(position.cursor == "1772438400.5445432d303030303432")
    #expect(CasePosition(cursor: position.cursor) == position)
    let odd = CasePosition(createdAt: Instant(secondsSinceEpoch: -5), id: "é.1 x")
    #expect(CasePosition(cursor: odd.cursor) == odd)
    for bad in ["", "TEC-000042", "1772438400.", "1772438400.544", "1772438400.54zz", "x.5445", ".5445", "1772438400.ff",
      "99999999999999.5445", "1772438400.5445" + String(repeating: "41", count: 300)]
    {
      #expect(CasePosition(cursor: bad) == nil, "\(bad)")
    }
  }
}
