import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 14, items 2 and 3: `store verify` checks every file the store trusts, and `store
/// rebuild` repairs what is derived, whatever shape the derived files are in.
@Suite struct StoreVerifyTests {
  static let now = CaseStoreDerivedFileTests.now

  struct Store {
    let fixture: CaseStoreFixture
    let runtime: FileRuntime
    let first: CaseState
    let second: CaseState

    init() throws {
      fixture = try CaseStoreFixture()
      runtime = try fixture.store()
      first = try runtime.create(
        type: "technical", fields: technicalForm("a"), requestID: nil, by: "alice", at: StoreVerifyTests.now)
      second = try runtime.create(
        type: "technical", fields: technicalForm("b"), requestID: nil, by: "alice",
        at: StoreVerifyTests.now.adding(seconds: 60))
      #expect(try runtime.verify().problems == [])
    }

    func url(_ path: String) -> URL { URL(fileURLWithPath: fixture.root + "/" + path) }
    var bundle: String { "bundles/" + CaseStoreFixture.compiled.bundle.hash.dropFirst(7) + ".json" }

    func write(_ text: String, to path: String) throws { try Data(text.utf8).write(to: url(path)) }
    func remove(_ path: String) throws { try FileManager.default.removeItem(at: url(path)) }
    func problems(now: Instant? = nil) throws -> [String] { try runtime.repository.verify(now: now).problems }
    func behind() throws -> [String] { try runtime.repository.verify().behind }
  }

  @Test("a deleted history log is named, with the events its state recorded")
  func aDeletedLog() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    try store.remove("streams/\(store.first.id).log")
    let missing = "streams/\(store.first.id).log is missing, its state recorded \(store.first.version)"
    #expect(
      try store.problems() == ["case '\(store.first.id)': \(missing): events 1-\(store.first.version) are missing"])
    // A new case does not take the damaged case's id, even when the numbering points there.
    try store.remove("sequences/technical.json")
    let created = try store.runtime.create(
      type: "technical", fields: technicalForm("c"), requestID: nil, by: "alice",
      at: StoreVerifyTests.now.adding(seconds: 120))
    #expect(created.id == "TEC-000003")
    #expect(try store.problems().count == 1)
    // Rebuild keeps the state unless told to accept the loss.
    #expect(try store.runtime.rebuild().refused.map(\.caseID) == [store.first.id])
    #expect(FileManager.default.fileExists(atPath: store.url("states/\(store.first.id).json").path))
    #expect(try store.runtime.rebuild(acceptingLoss: true).refused.isEmpty)
    #expect(try store.problems() == [])
  }

  /// Named as docs/store.md promises, whose history it holds (before 7 December 2026, audit36
  /// L2, verify said what the first event that did not decode as this case's was, or that the
  /// log differed from what the state recorded); `store rebuild` refuses it in the same words.
  @Test("a log swapped for another case's is named")
  func aSwappedLog() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    try store.remove("streams/\(store.first.id).log")
    try FileManager.default.copyItem(
      at: store.url("streams/\(store.second.id).log"), to: store.url("streams/\(store.first.id).log"))
    let problems = try store.problems()
    let swapped = "case '\(store.first.id)': streams/\(store.first.id).log holds case \(store.second.id)'s history"
    #expect(problems == [swapped])
    #expect(try store.runtime.repository.verify().unmended == [swapped: .history])
    // A read compares the log's chain with the state's: the case is not served from its cache.
    let found = Results()
    var service = store.runtime.at(StoreVerifyTests.now.adding(seconds: 120))
    service.damageFound = { found.add("\($0)") }
    #expect(try service.cases(CaseFilter()).map(\.id) == [store.second.id])
    #expect(
      found.values == [
        "case '\(store.first.id)': streams/\(store.first.id).log differs from the history its state recorded: "
          + "events 1-\(store.first.version) do not match"
      ])
    #expect(throws: ServiceError.self) {
      try service.execute(.claim(task: store.first.id + ".1"), onCase: store.first.id, by: "bob")
    }
    #expect(try store.runtime.rebuild(acceptingLoss: true).refused.map(\.description) == [swapped])
  }

  /// audit36 L3: more bytes after a log's last record than one record can be are not what a
  /// crash leaves; the next append would cut them as a torn tail, so verify names them (they
  /// read as a torn tail, and verify said no damage, before 7 December 2026). A tail of that
  /// size exactly is no damage.
  @Test("a tail longer than a crash leaves is named, with its bytes")
  func anOversizedTail() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    let log = try FileHandle(forWritingTo: store.url("streams/\(store.first.id).log"))
    defer { try? log.close() }
    let end = try log.seekToEnd()
    try log.write(contentsOf: Data(repeating: 0x78, count: History.maximumTornBytes))
    #expect(try store.problems() == [])
    try log.write(contentsOf: Data([0x78]))
    let problem =
      "case '\(store.first.id)': streams/\(store.first.id).log holds \(History.maximumTornBytes + 1) bytes after its "
      + "last record (event \(store.first.version), which ends at byte \(end)), more than a crash leaves "
      + "(\(History.maximumTornBytes) at most): the case's next change would cut them; look at them, then cut the log "
      + "back to \(end) bytes or restore it from a backup"
    #expect(try store.problems() == [problem])
    #expect(try store.runtime.repository.verify().unmended == [problem: .byHand])
  }

  @Test("a deployed bundle edited, or removed, is found by its content hash")
  func anEditedOrMissingBundle() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    let original = try Data(contentsOf: store.url(store.bundle))
    let edited = String(decoding: original, as: UTF8.self).replacingOccurrences(
      of: "\"technical\"", with: "\"technicak\"")
    try store.write(edited, to: store.bundle)
    #expect(
      try store.problems().map { $0.hasPrefix("\(store.bundle) is not the bundle that was deployed: ") } == [true])
    try store.remove(store.bundle)
    #expect(
      try store.problems() == ["\(store.bundle) is missing: cases \(store.first.id), \(store.second.id) run on it"])
  }

  @Test("a garbage deployment.json is found")
  func aGarbageDeployment() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    try store.write("{\"bundle\": \"../../etc\"}\n", to: "deployment.json")
    #expect(try store.problems() == ["deployment.json is not {\"bundle\": \"sha256:...\"} ('dcmc deploy' writes it again)"])
  }

  @Test("an unparsable or future tick state is found, and rebuild recomputes it from the histories")
  func aBadTickState() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    try store.write("{\"last\": \"yesterday\"}\n", to: "tick.json")
    #expect(try store.problems().map { $0.hasPrefix("tick.json is not {\"last\": TIME}") } == [true])
    _ = try store.runtime.rebuild()
    #expect(try store.runtime.repository.lastTick() == StoreVerifyTests.now.adding(seconds: 60))
    // A tick state far after every event (a `tick --at` that fired nothing): verify names
    // it, rebuild brings it back to the histories' latest event.
    let future = StoreVerifyTests.now.adding(seconds: 400 * 86_400)
    try store.write("{\"last\": \"\(future)\"}\n", to: "tick.json")
    let latest = try [store.first.id, store.second.id].flatMap { id in
      try #require(try store.runtime.history(of: StoreID(id))).map(\.at)
    }.max()
    let last = try #require(latest)
    let later = last.adding(seconds: 60)
    #expect(
      try store.problems(now: later).map { $0.hasPrefix("tick.json records a tick at \(future), after now") } == [true])
    let report = try store.runtime.rebuild()
    #expect(report.repaired.contains { $0.hasPrefix("tick.json (last tick \(last)") })
    #expect(try store.runtime.repository.lastTick() == latest)
    _ = try store.runtime.tick(by: nil, at: later)
    #expect(try store.problems(now: later) == [])
  }

  @Test(
    "a tick ahead of the clock that fired timers (their events dated as late) is no damage: verify and rebuild agree, no advice that loops (audit36 M5)"
  )
  func aTickAheadWithItsEvents() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    let ahead = StoreVerifyTests.now.adding(seconds: 30 * 86_400)
    _ = try store.runtime.tick(by: nil, at: ahead)
    let latest = try [store.first.id, store.second.id].flatMap { id in
      try #require(try store.runtime.history(of: StoreID(id))).map(\.at)
    }.max()
    #expect(latest == ahead, "the tick fired no timer: the test needs one")
    #expect(try store.runtime.repository.lastTick() == ahead)
    #expect(try store.problems(now: StoreVerifyTests.now.adding(seconds: 600)) == [])
    #expect(try !store.runtime.rebuild().repaired.contains { $0.hasPrefix("tick.json") })
  }

  @Test("a whole open/ or created/ removed is named as behind, not damage, and rebuild makes it (audit36 L5)")
  func aMissingOpenOrCreatedIndex() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    for name in ["open", "created"] { try FileManager.default.removeItem(at: store.url(name)) }
    #expect(try store.problems() == [])
    #expect(
      try store.behind() == ["open", "created"].map {
        "\($0)/ is missing (a store made before it, or the directory removed): listings read every case "
          + "until 'dcmc store rebuild' makes it"
      })
    _ = try store.runtime.rebuild()
    #expect(try store.behind() == [])
  }

  @Test("stray files in the indexes are found, and rebuild removes them")
  func strayIndexFiles() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    try store.write("notes\n", to: "timers/README")
    try FileManager.default.createDirectory(
      at: store.url("workbins/employees_group/x"), withIntermediateDirectories: true)
    #expect(
      try store.problems() == [
        "timers/README: stray file in the index", "workbins/employees_group/x: stray directory in the index",
      ])
    let report = try store.runtime.rebuild()
    #expect(report.repaired == ["timers/README", "workbins/employees_group/x"])
    #expect(try store.problems() == [])
  }

  @Test("rebuild works when states/ is gone")
  func rebuildWithoutStates() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    try store.remove("states")
    #expect(try store.problems() == [])
    #expect(try store.behind().count == 2)
    let report = try store.runtime.rebuild()
    #expect(report.repaired.sorted() == ["states/\(store.first.id).json", "states/\(store.second.id).json"])
    #expect(try store.problems() == [])
  }

  @Test("an outbox entry that names another case is found")
  func anOutboxEntryWithoutItsCase() throws {
    let store = try Store()
    defer { store.fixture.remove() }
    var state = store.first
    try #require(!state.outbox.isEmpty)
    state.outbox[0].notification.id = "TEC-999999/n1"
    let history = try #require(try store.runtime.store.history(of: StoreID(state.id)))
    try Data(StateCache.encode(state, history: HistoryChain(history.records))).write(
      to: store.url("states/\(state.id).json"))
    #expect(
      try store.problems().contains(
        "case '\(state.id)': states/\(state.id).json holds outbox entry 'TEC-999999/n1' of another case"))
  }
}
