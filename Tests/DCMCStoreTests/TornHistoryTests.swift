import DCMCApplication
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 14, item 1: a history cut short after its events were acknowledged is damage, found
/// and named, never taken for the truth: the state records how far the history went.
@Suite struct TornHistoryTests {
  static let now = CaseStoreDerivedFileTests.now

  /// One record of a log: where its line starts and ends, its number, whether it ends its command.
  struct Line {
    var start: Int
    var end: Int
    var sequence: Int
    var endsCommand: Bool
  }

  static func lines(of bytes: Data) -> [Line] {
    var lines: [Line] = []
    var start = 0
    for (offset, byte) in bytes.enumerated() where byte == 10 {
      let header = String(decoding: bytes[start..<min(offset, start + 40)], as: UTF8.self).split(separator: " ")
      let place = header[1].split(separator: "/")
      lines.append(Line(start: start, end: offset + 1, sequence: Int(header[0])!, endsCommand: place[0] == place[1]))
      start = offset + 1
    }
    return lines
  }

  /// Two cases; the first has four commands of several records each.
  static func store() throws -> (CaseStoreFixture, FileRuntime, first: CaseState, second: CaseState) {
    let fixture = try CaseStoreFixture()
    let store = try fixture.store()
    let first = try store.create(type: "technical", fields: technicalForm("a"), requestID: nil, by: "alice", at: now)
    let second = try store.create(
      type: "technical", fields: technicalForm("b"), requestID: nil, by: "alice", at: now.adding(seconds: 30))
    let task = first.id + ".1"
    _ = try store.execute(.claim(task: task), onCase: first.id, by: "alice", at: now.adding(seconds: 60))
    _ = try store.execute(.open(task: task), onCase: first.id, by: "alice", at: now.adding(seconds: 120))
    let last = try store.execute(.release(task: task), onCase: first.id, by: "alice", at: now.adding(seconds: 180))
    return (fixture, store, last, second)
  }

  @Test(
    "a log cut at every record boundary and inside every record: verify names the case and the missing events, rebuild refuses to lose them, the other case is served"
  )
  func tornHistoryMatrix() throws {
    let (fixture, store, first, second) = try Self.store()
    defer { fixture.remove() }
    let log = fixture.root + "/streams/\(first.id).log"
    let statePath = fixture.root + "/states/\(first.id).json"
    let full = try Data(contentsOf: URL(fileURLWithPath: log))
    let state = try Data(contentsOf: URL(fileURLWithPath: statePath))
    let lines = Self.lines(of: full)
    #expect(lines.count == first.version)
    var cuts: [(length: Int, kept: Int)] = []
    for (index, line) in lines.enumerated() {
      cuts.append((line.start, index))
      cuts.append((line.start + (line.end - line.start) / 2, index))
    }
    for (length, kept) in cuts {
      try full.prefix(length).write(to: URL(fileURLWithPath: log))
      // The log keeps the commands whose last record is whole; a partial command is torn.
      let end = lines.prefix(kept).last(where: \.endsCommand)?.sequence ?? 0
      let missing = end + 1 == first.version ? "event \(first.version) is" : "events \(end + 1)-\(first.version) are"
      let problem =
        "streams/\(first.id).log ends at event \(end), its state recorded \(first.version): \(missing) missing"
      let context = "cut at byte \(length)"
      #expect(try store.verify().problems == ["case '\(first.id)': \(problem)"], "\(context)")
      let report = try store.rebuild()
      #expect(
        report.refused == [CaseDamage(caseID: first.id, problem: problem + "; rebuilding it would lose them")],
        "\(context)")
      #expect(try Data(contentsOf: URL(fileURLWithPath: statePath)) == state, "\(context): the state was rolled back")
      // The other case is listed and worked on; the damaged one is named, and refused.
      let found = Results()
      var service = store.at(Self.now.adding(seconds: 600))
      service.damageFound = { found.add("\($0)") }
      #expect(try service.cases(CaseFilter()).map(\.id) == [second.id], "\(context)")
      #expect(try service.tasks(inWorkbin: nil).map(\.task.id) == [second.id + ".1"], "\(context)")
      #expect(found.values == ["case '\(first.id)': \(problem)", "case '\(first.id)': \(problem)"], "\(context)")
      #expect(throws: ServiceError.self) {
        try service.execute(.claim(task: first.id + ".1"), onCase: first.id, by: "bob")
      }
      #expect(try Data(contentsOf: URL(fileURLWithPath: log)) == full.prefix(length), "\(context): the log changed")
      try full.write(to: URL(fileURLWithPath: log))
    }
    #expect(try store.verify().problems == [])
  }

  @Test(
    "a torn tail beyond what the state recorded is a crash's unacknowledged write: no damage, and the next append cuts it"
  )
  func anUnacknowledgedTornTailIsNoDamage() throws {
    let (fixture, store, first, _) = try Self.store()
    defer { fixture.remove() }
    let log = URL(fileURLWithPath: fixture.root + "/streams/\(first.id).log")
    let full = try Data(contentsOf: log)
    let torn = Data("\(first.version + 1) 1/2 40 0badf00d {\"type\":".utf8)
    try (full + torn).write(to: log)
    #expect(try store.verify().problems == [])
    let claimed = try store.execute(
      .claim(task: first.id + ".1"), onCase: first.id, by: "alice", at: Self.now.adding(seconds: 240))
    #expect(claimed.version > first.version)
    let after = try Data(contentsOf: log)
    #expect(after.prefix(full.count) == full)
    #expect(!after.contains(torn))
    #expect(try store.verify().problems == [])
  }

  @Test(
    "a log cut at a record boundary with its state gone: its customer's case summaries recorded how far it went, so verify names the missing events, rebuild refuses and keeps the line, --accept-loss rolls back (audit36 H3)"
  )
  func theSummariesLineIsEvidenceOfAShortLog() throws {
    let (fixture, store, first, _) = try Self.store()
    defer { fixture.remove() }
    let customer = try #require(first.customer)
    let log = URL(fileURLWithPath: fixture.root + "/streams/\(first.id).log")
    let full = try Data(contentsOf: log)
    let kept = try #require(Self.lines(of: full).dropLast().filter(\.endsCommand).last)
    try full.prefix(kept.end).write(to: log)
    try FileManager.default.removeItem(atPath: fixture.root + "/states/\(first.id).json")
    let summaries = URL(fileURLWithPath: fixture.root + "/by-customer/.\(customer).summaries")
    let evidence = try Data(contentsOf: summaries)
    let missing =
      kept.sequence + 1 == first.version ? "event \(first.version) is" : "events \(kept.sequence + 1)-\(first.version) are"
    let problem =
      "streams/\(first.id).log ends at event \(kept.sequence), its customer's case summaries recorded \(first.version): "
      + "\(missing) missing"
    #expect(try store.verify().problems == ["case '\(first.id)': \(problem)"])
    let report = try store.rebuild()
    #expect(report.refused == [CaseDamage(caseID: first.id, problem: problem + CaseDamage.lossRefusal)])
    #expect(try Data(contentsOf: summaries) == evidence, "rebuild rewrote the evidence")
    #expect(try store.verify().problems == ["case '\(first.id)': \(problem)"])
    let accepted = try store.rebuild(acceptingLoss: true)
    #expect(accepted.refused.isEmpty)
    #expect(accepted.repaired.contains("states/\(first.id).json (\(problem), accepted)"), "\(accepted.repaired)")
    #expect(try store.verify().problems == [])
    #expect(try store.readCase(StoreID(first.id))?.version == kept.sequence)
  }

  @Test("rebuild --accept-loss rolls the case back to its log, and says what was lost")
  func acceptingTheLossRebuildsFromTheLog() throws {
    let (fixture, store, first, _) = try Self.store()
    defer { fixture.remove() }
    let log = URL(fileURLWithPath: fixture.root + "/streams/\(first.id).log")
    let lines = Self.lines(of: try Data(contentsOf: log))
    let commandEnds = lines.dropLast().filter(\.endsCommand)
    let kept = try #require(commandEnds.last)
    try Data(contentsOf: log).prefix(kept.end).write(to: log)
    let report = try store.rebuild(acceptingLoss: true)
    #expect(report.refused.isEmpty)
    #expect(
      report.repaired.contains { $0.hasPrefix("states/\(first.id).json (") && $0.hasSuffix("missing, accepted)") })
    #expect(try store.verify().problems == [])
    #expect(try store.readCase(StoreID(first.id))?.version == kept.sequence)
  }

  @Test("the state cache records the history's chain, extended at each append without rehashing the log")
  func theStateRecordsTheChain() throws {
    let (fixture, store, first, _) = try Self.store()
    defer { fixture.remove() }
    let bytes = try Data(contentsOf: URL(fileURLWithPath: fixture.root + "/states/\(first.id).json"))
    let cached = try #require(StateCache.read(Array(bytes)) as StateCache.Contents?)
    let history = try #require(try store.store.history(of: StoreID(first.id)))
    #expect(cached.history == HistoryChain(history.records))
    #expect(cached.history?.sequence == first.version)
    #expect(HistoryChain(history.records.dropLast()) != cached.history)
  }
}
