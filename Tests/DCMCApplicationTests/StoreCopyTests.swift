import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// `StoreCopy` from every kind of store to every kind: the copy holds what the source does,
/// aggregate by aggregate, reads as the source does, and a second run writes nothing.
@Suite struct StoreCopyTests {
  static let pairs: [(RepositoryKind, RepositoryKind)] = RepositoryKind.allCases.flatMap { source in
    RepositoryKind.allCases.map { (source, $0) }
  }

  @Test(arguments: pairs) func theCopyHoldsWhatTheSourceHolds(from: RepositoryKind, to: RepositoryKind) throws {
    let source = try from.make()
    let target = try to.make()
    defer { source.remove(); target.remove() }
    let cases = try source.fillForCopy()
    let report = try StoreCopy(from: source.copyable, to: target.copyable).run()
    #expect(report.differences == [])
    #expect(report.source == (try StoreTally(of: source.copyable)))
    for aggregate in report.target.aggregates where aggregate.name != "pending ronas" && aggregate.name != "tick" {
      #expect(aggregate.count > 0, "\(aggregate.name)")
    }
    #expect(report.written["cases"] == 2)
    for id in cases {
      #expect(try target.repository.history(of: id) == (try source.repository.history(of: id)))
      #expect(try target.repository.load(id) == (try source.repository.load(id)))
    }
    #expect(try target.repository.caseCreated(byRequest: "web-1") == cases[0])
    #expect(try target.customerRepository?.customerAdded(byRequest: "add-1") != nil)
    #expect(try target.service.cases(CaseFilter()).map(\.id) == (try source.service.cases(CaseFilter()).map(\.id)))
    #expect(try target.repository.deliveryRecords() == (try source.repository.deliveryRecords()))
    let stored = try #require(try target.repository.load(cases[0])?.attachments.first?.stored)
    #expect(try target.copyable.attachment(at: stored) == Array("scanned".utf8))
  }

  @Test(arguments: RepositoryKind.allCases) func aSecondRunWritesNothing(kind: RepositoryKind) throws {
    let source = try RepositoryKind.memory.make()
    let target = try kind.make()
    defer { source.remove(); target.remove() }
    try source.fillForCopy()
    let first = try StoreCopy(from: source.copyable, to: target.copyable).run()
    let again = try StoreCopy(from: source.copyable, to: target.copyable).run()
    #expect(again.written.values.allSatisfy { $0 == 0 }, "\(again.written)")
    #expect(again.target == first.target)
  }

  @Test(arguments: RepositoryKind.allCases)
  func aCopyOfASourceThatMovedOnTakesTheNewEvents(kind: RepositoryKind) throws {
    let source = try RepositoryKind.memory.make()
    let target = try kind.make()
    defer { source.remove(); target.remove() }
    let cases = try source.fillForCopy()
    _ = try StoreCopy(from: source.copyable, to: target.copyable).run()
    _ = try source.at(4 * 86_400).attach(name: "more.pdf", bytes: [1, 2, 3], toCase: cases[1], by: "alice")
    let again = try StoreCopy(from: source.copyable, to: target.copyable).run()
    #expect(again.differences == [])
    #expect(again.written["cases"] == 1)
    #expect(again.written["attachments"] == 1)
    #expect(try target.repository.history(of: cases[1]) == (try source.repository.history(of: cases[1])))
  }

  @Test(arguments: RepositoryKind.allCases) func aTargetHoldingAnotherStoresCaseIsRefusedUntouched(
    kind: RepositoryKind
  ) throws {
    let source = try RepositoryKind.memory.make()
    let target = try kind.make()
    defer { source.remove(); target.remove() }
    try source.fillForCopy()
    _ = try target.technical(0, email: "someone@example.com")
    let before = try StoreTally(of: target.copyable)
    #expect {
      try StoreCopy(from: source.copyable, to: target.copyable).run()
    } throws: { error in
      guard case .foreignTarget(let what) = error as? StoreCopyError else { return false }
      return what == "its case 'TEC-000001' is not the source's"
    }
    #expect(try StoreTally(of: target.copyable) == before)
  }
}
