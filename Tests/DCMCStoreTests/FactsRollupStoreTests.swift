import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The port's facts alone: rollups made from them day by day (the default `rollups(in:)`),
/// as a store that keeps none gives them.
struct FactsOnly: ReportFacts {
  let base: any ReportFacts

  func facts(in period: Range<Instant>, _ visit: (ReportFact) -> Void) throws(RepositoryError) {
    try base.facts(in: period, visit)
  }
}

/// The day files' rollups (`facts/YYYY/MM/DD.rollup`): a report reads the rollup of a whole
/// day instead of its facts when the rollup still covers the day file, and decodes the day
/// file otherwise; `store verify` names a rollup that is damaged or disagrees with its day
/// file, `store rebuild` rewrites them, and a power cut during their write leaves none wrong.
@Suite struct FactsRollupStoreTests {
  static let week = ReportFactsStoreTests.week
  static let monday = ReportFactsStoreTests.monday

  static func rollups(_ facts: any ReportFacts) throws -> [FactsRollup] {
    var found: [FactsRollup] = []
    try facts.rollups(in: week) { found.append($0) }
    return found
  }

  @Test func aReportReadsTheRollupOfAWholeDayItKept() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try ReportFactsStoreTests.filled(fixture)
    let truth = try Self.rollups(FactsOnly(base: store.repository))
    #expect(truth.count == 9 && truth.contains { !$0.groups.isEmpty })
    let path = fixture.root + "/facts/2026/03/"
    #expect(!FileManager.default.fileExists(atPath: path + "02.rollup"))
    // The first report decodes the days and keeps the rollups of the whole ones with facts.
    #expect(try Self.rollups(store.repository) == truth)
    #expect(try FileManager.default.contentsOfDirectory(atPath: path).sorted() == [
      "02.facts", "02.rollup", "03.facts", "03.rollup",
    ])
    #expect(try Self.rollups(store.repository) == truth)
    #expect(try store.verify().problems == [])
    // A rollup that covers its day file is what is read: one made to disagree is counted,
    // and verify names it; rebuild writes it again.
    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path + "02.rollup")))
    var (rollup, cover) = try #require(RollupFile.decode(bytes))
    let group = try #require(rollup.groups.first { $0.key.kind == .opened }?.key)
    rollup.groups[group]?.count += 1
    try Data(RollupFile.encode(rollup, cover: cover)).write(to: URL(fileURLWithPath: path + "02.rollup"))
    #expect(try Self.rollups(store.repository) != truth)
    #expect(try store.verify().problems == [
      "facts/2026/03/02.rollup differs from its day file (reports would count other figures): store rebuild rewrites it"
    ])
    #expect(try store.repository.rebuild().repaired == [])
    #expect(try store.verify().problems == [])
    #expect(try Self.rollups(store.repository) == truth)
  }

  @Test func aDamagedOrStaleRollupIsIgnored() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try ReportFactsStoreTests.filled(fixture)
    let truth = try Self.rollups(FactsOnly(base: store.repository))
    #expect(try Self.rollups(store.repository) == truth)
    let url = URL(fileURLWithPath: fixture.root + "/facts/2026/03/02.rollup")
    var bytes = try Data(contentsOf: url)
    bytes[bytes.count / 2] ^= 0x10
    try bytes.write(to: url)
    #expect(try Self.rollups(store.repository) == truth)
    // The report wrote it again.
    #expect(try store.verify().problems == [])
    try bytes.write(to: url)
    #expect(try store.verify().problems == [
      "facts/2026/03/02.rollup: damaged rollup (reports decode the day file): store rebuild rewrites it"
    ])
    #expect(try store.repository.rebuild().repaired == [])
    #expect(try store.verify().problems == [])
    // A change that day appends to its file: the rollup no longer covers it, and is not used.
    _ = try store.create(
      type: "technical", fields: technicalForm("c"), requestID: nil, by: "alice", at: Self.monday.adding(seconds: 3600))
    let grown = try Self.rollups(FactsOnly(base: store.repository))
    #expect(grown != truth)
    #expect(try store.verify().problems == [])
    #expect(try Self.rollups(store.repository) == grown)
    #expect(try Self.rollups(store.repository) == grown)
  }

  /// Every state a power cut during a report's write of the rollups can leave reads the
  /// figures of the day files, and `store verify` names no rollup.
  @Test func everyStateAPowerCutDuringTheRollupsWriteLeavesReadsTheFacts() throws {
    let root = "/store"
    let fileSystem = MemoryFileSystem()
    let prepared = try FileRuntime.openOrCreate(at: root, fileSystem: fileSystem)
    _ = try prepared.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    let first = try prepared.create(
      type: "technical", fields: technicalForm("a"), requestID: nil, by: "alice", at: Self.monday)
    _ = try prepared.execute(
      .claim(task: first.id + ".1"), onCase: first.id, by: "alice", at: Self.monday.adding(seconds: 60))
    _ = try prepared.execute(
      .complete(task: first.id + ".1", outcome: "resolved", data: [:]), onCase: first.id, by: "alice",
      at: Self.monday.adding(seconds: 86_400))
    let truth = try Self.rollups(FactsOnly(base: prepared.repository))
    fileSystem.checkpoint()
    #expect(try Self.rollups(FileRuntime.open(at: root, fileSystem: fileSystem).repository) == truth)
    let written = fileSystem.tree().keys.filter { $0.hasSuffix(".rollup") }
    #expect(written.count == 2)
    let states = fileSystem.crashStates()
    #expect(states.count > 2)
    for state in states {
      let store = try FileRuntime.open(at: root, fileSystem: MemoryFileSystem(tree: state))
      #expect(try store.verify().problems.filter { $0.contains("rollup") } == [])
      #expect(try Self.rollups(store.repository) == truth, "a cut left a rollup that counts other figures")
    }
  }
}
