import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// `ReportFact.facts(of:)` of a change set takes the state after its last event from the
/// change (`after`) instead of applying that event again: on seeded random histories, the
/// facts of every change a history can be cut into equal those of the straightforward
/// derivation, which applies every event to the state before it (`CaseState.evolve`), and
/// those of the whole history from its first event.
@Suite struct ReportFactDeriveOracleTests {
  /// The straightforward derivation, kept here as the oracle: each event applied in turn.
  static func evolvingEach(_ events: ArraySlice<CaseEvent>, after before: CaseState?) -> [ReportFact] {
    ReportFact.facts(of: Array(events), after: before)
  }

  static func evolved(_ state: CaseState, by events: ArraySlice<CaseEvent>) -> CaseState {
    var state = state
    for event in events { state.evolve(event) }
    return state
  }

  @Test(arguments: 0..<6 as Range<UInt64>)
  func aChangeSetGivesTheFactsOfEachEventEvolvedInTurn(seed: UInt64) throws {
    var generator = SeededGenerator(seed: seed &* 104_729 &+ 3)
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let (cases, _) = ReportOracleTests.fill(store, &generator, steps: 160 + generator.below(120))
    var compared = 0
    for id in cases {
      let history = try store.service.history(of: id)
      let whole = ReportFact.facts(of: history, after: nil)
      var before: CaseState?
      var start = 0
      // The history cut into changes of one to four events, as commands and ticks make them.
      while start < history.count {
        let end = min(history.count, start + 1 + generator.below(4))
        let events = history[start..<end]
        let after = try #require(before.map { Self.evolved($0, by: events) } ?? CaseState.replay(Array(events)))
        let derived = ReportFact.facts(of: CaseChangeSet(before: before, events: Array(events), after: after))
        #expect(derived == Self.evolvingEach(events, after: before), "case \(id), events \(start)..<\(end), seed \(seed)")
        let sequences = Set(events.map(\.seq))
        #expect(derived == whole.filter { sequences.contains($0.seq) }, "case \(id), events \(start)..<\(end), seed \(seed)")
        compared += derived.count
        (before, start) = (after, end)
      }
    }
    #expect(compared > 100, "seed \(seed) compares few facts")
  }

  /// The last event's state is the one given: the fact carries its type, not a replay's.
  @Test func theLastEventsStateIsTheChangesAfter() throws {
    var generator = SeededGenerator(seed: 11)
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let (cases, _) = ReportOracleTests.fill(store, &generator, steps: 40)
    let history = try store.service.history(of: try #require(cases.first))
    var marked = try #require(CaseState.replay([history[0]]))
    marked.type = "marked"
    let facts = ReportFact.facts(of: CaseChangeSet(before: nil, events: [history[0]], after: marked))
    #expect(!facts.isEmpty && facts.allSatisfy { $0.type == "marked" })
  }
}
