import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Testing
import _DCMCTestSupport

/// A page of the open cases (`CaseFilter.open` with a `limit`) walks the cases by creation
/// and reads only the open cases it passes; it is the page a read of every case gives, for
/// every filter and cursor, also when the open cases are few and the walk gives up for a read
/// of every open one.
@Suite struct OpenCasePageTests {
  static let filters = [
    CaseFilter(open: true), CaseFilter(type: "technical", open: true), CaseFilter(type: "none", open: true),
    CaseFilter(status: .pending, open: true), CaseFilter(status: .cancelled, open: true),
    CaseFilter(unidentified: true, open: true),
  ]

  @Test(arguments: [5, 6] as [UInt64]) func pagesOfTheOpenCasesAreThePagesOfEveryCase(seed: UInt64) throws {
    let store = try CreatedCaseIndexTests.seeded(count: 1200, seed: seed)
    let all = try store.repository.cases(CaseFilter()).cases
    let open = all.filter { $0.status != .cancelled && $0.status != .closed }
    #expect(open.count > 900 && open.count < all.count)
    for filter in Self.filters {
      for size in [1, 7, 100, 1000, 1200] where size > 1 || filter == CaseFilter(status: .cancelled, open: true) {
        #expect(
          try CreatedCaseIndexTests.pages(store.repository, filter, size: size)
            == CreatedCaseIndexTests.reference(all, filter, size: size), "\(filter) by \(size)")
      }
    }
    // Cursors inside a crowded second, at an id no case has, before every case.
    let crowded = Dictionary(grouping: open, by: \.createdAt).values.max { $0.count < $1.count }!
    for after in [
      CasePosition(crowded[0]), CasePosition(createdAt: crowded[0].createdAt, id: "TEC-0005"),
      CasePosition(createdAt: CreatedCaseIndexTests.start.adding(seconds: -6 * 86_400), id: ""),
    ] {
      let filter = CaseFilter(open: true, after: after, limit: 50)
      #expect(try store.repository.cases(filter).cases == filter.page(all.filter(filter.matches)))
    }
  }

  /// Few open cases among many finished ones: the walk passes over more than it may and the
  /// page reads every open case instead; the pages are the same.
  @Test func aFewOpenCasesAmongManyArePagedAsAReadOfEveryCaseGives() throws {
    let store = try CreatedCaseIndexTests.seeded(count: 400, seed: 7)
    var all = try store.repository.cases(CaseFilter()).cases
    for (number, state) in all.enumerated() where number % 25 != 0 && state.status != .cancelled {
      _ = try store.execute(.cancel, onCase: state.id, by: "sam", at: state.createdAt.adding(seconds: 120))
    }
    all = try store.repository.cases(CaseFilter()).cases
    #expect(all.filter { $0.status != .cancelled }.count < 20)
    for filter in Self.filters {
      for size in [2, 3, 100] {
        #expect(
          try CreatedCaseIndexTests.pages(store.repository, filter, size: size)
            == CreatedCaseIndexTests.reference(all, filter, size: size), "\(filter) by \(size)")
      }
    }
  }

  /// A page of 10 open cases after the 700th case reads 10 cases, not the 1,000 open ones; a
  /// status filter reads the open cases it passes.
  @Test func aPageOfOpenCasesReadsTheOpenCasesItPasses() throws {
    let counting = LogReads(base: MemoryFileSystem())
    let store = try CreatedCaseIndexTests.seeded(count: 1200, seed: 8, counting)
    let all = try store.repository.cases(CaseFilter()).cases
    let open = all.filter { $0.status != .cancelled }
    let middle = CasePosition(all[700])
    counting.reads.withLock { $0 = 0 }
    let page = try store.repository.cases(CaseFilter(open: true, after: middle, limit: 10)).cases
    #expect(page.map(\.id) == Array(open.filter { middle < CasePosition($0) }.prefix(10)).map(\.id))
    #expect(counting.reads.withLock { $0 } == 10)
    counting.reads.withLock { $0 = 0 }
    let pending = try store.repository.cases(CaseFilter(status: .pending, open: true, after: middle, limit: 3)).cases
    let last = try #require(pending.last)
    let passed = open.filter { middle < CasePosition($0) && CasePosition($0) <= CasePosition(last) }.count
    #expect(pending.count == 3 && counting.reads.withLock { $0 } == passed)
  }
}
