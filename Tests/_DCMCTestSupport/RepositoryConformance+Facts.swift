public import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Testing

/// The report-facts port's contract (`ReportFacts`), run against every adapter.
extension RepositoryConformance {
  /// What a store keeps as each change is appended are the facts the histories give, read by
  /// period: a fact is in a period when its instant is, whichever day file holds it.
  public static func reportFactsAreTheHistoriesFacts(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let facts = store.reportFacts
    let monday = RepositoryUnderTest.monday
    let created = try store.technical()
    let task = created.id + ".1"
    _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: "alice")
    _ = try store.at(120).execute(.pend, onCase: created.id, by: "alice")
    // The next day (UTC), the case is resumed and closed; another is opened.
    _ = try store.at(86_400).execute(.resume, onCase: created.id, by: "alice")
    _ = try store.at(86_460).execute(
      .complete(task: task, outcome: "resolved", data: [:]), onCase: created.id, by: "alice")
    let other = try store.technical(86_500)
    _ = try store.presenceAt(0).set(.ready, reason: nil, by: "gary")
    _ = try store.presenceAt(90).set(.notReady, reason: "break", user: "gary", by: "tina")
    var expected: [ReportFact] = []
    for id in [created.id, other.id] {
      expected += ReportFact.facts(of: try #require(try store.repository.history(of: id)), after: nil)
    }
    let presence = try #require(try store.presenceRepository.presenceHistory(of: "gary"))
    expected += ReportFact.facts(
      of: PresenceChangeSet(
        before: PresenceState(user: "gary"), events: presence, after: try #require(PresenceState.replay(presence))))
    func read(_ period: Range<Instant>) throws -> [ReportFact] {
      var found: [ReportFact] = []
      try facts.facts(in: period) { found.append($0) }
      return found
    }
    func sorted(_ list: [ReportFact]) -> [String] { list.map { String(decoding: $0.csvLine, as: UTF8.self) }.sorted() }
    let week = monday.adding(seconds: -86_400)..<monday.adding(seconds: 7 * 86_400)
    #expect(sorted(try read(week)) == sorted(expected))
    #expect(expected.contains { $0.kind == .closed } && expected.contains { $0.kind == .presence })
    // A period ends before its upper bound; facts of the first hour only, from both days' files.
    let hour = monday..<monday.adding(seconds: 120)
    #expect(sorted(try read(hour)) == sorted(expected.filter { hour.contains($0.at) }))
    #expect(try read(monday..<monday).isEmpty)
    var csv: [UInt8] = []
    try facts.exportCSV(in: week) { csv += $0 }
    let lines = csv.split(separator: 10)
    #expect(lines.count == expected.count + 1 && String(decoding: lines[0], as: UTF8.self) == ReportFact.csvHeader)
  }
}

extension RepositoryUnderTest {
  /// The report-facts port of this store: every adapter implements it.
  public var reportFacts: any ReportFacts {
    guard let facts = repository as? any ReportFacts else {
      preconditionFailure("the \(type(of: repository)) has no report-facts port")
    }
    return facts
  }
}
