import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The timer and workbin indexes of the runtime's store: what tick and task next read, and
/// how verify and rebuild deal with damage.
@Suite struct CaseStoreIndexTests {
  let directory: TemporaryDirectory
  let store: FileRuntime

  init() throws {
    directory = try TemporaryDirectory()
    store = try FileRuntime.openOrCreate(
      at: directory.url.appendingPathComponent("store").path)
    let (bundle, bytes) = CaseStoreFixture.compiled
    _ = try store.deploy(bundle, bytes: bytes)
  }

  func at(_ text: String) -> Instant { Timestamp(text)!.instant }

  func create(at time: String) throws -> CaseState {
    try store.create(type: "technical", fields: technicalForm("index"), requestID: nil, by: "alice", at: at(time))
  }

  @Test func tickFiresOnlyTheCasesWhoseTimersAreDue() throws {
    defer { directory.remove() }
    let early = try create(at: "2026-03-02T09:00:00+01:00")  // OLA warning Tuesday 10:00
    let late = try create(at: "2026-03-02T15:00:00+01:00")  // OLA warning Tuesday 16:00
    let changed = try store.tick(by: nil, at: at("2026-03-03T10:30:00+01:00"))
    #expect(changed.map(\.id) == [early.id])
    #expect(try store.readCase(StoreID(late.id)) == late)
    #expect(try store.tick(by: nil, at: at("2026-03-03T10:31:00+01:00")).isEmpty)
    #expect(try store.verify().problems.isEmpty)
  }

  @Test func theWorkbinIndexHoldsTheActiveTasksOfEachTarget() throws {
    defer { directory.remove() }
    let state = try create(at: "2026-03-02T09:00:00+01:00")
    #expect(try store.repository.activeTasks(in: ["employees_group"]).tasks.map(\.task.id) == ["\(state.id).1"])
    #expect(try store.repository.activeTasks(in: ["expert_group_x"]).tasks.isEmpty)
    _ = try store.execute(.escalate(task: "\(state.id).1"), onCase: state.id, by: "alice", at: at("2026-03-02T10:00:00+01:00"))
    #expect(try store.repository.activeTasks(in: ["employees_group"]).tasks.isEmpty)
    #expect(try store.repository.activeTasks(in: ["expert_group_x"]).tasks.map(\.task.definition) == ["expert_review"])
  }

  @Test func aLostTimerEntryIsReportedAndRebuiltFromTheHistories() throws {
    defer { directory.remove() }
    let state = try create(at: "2026-03-02T09:00:00+01:00")
    let entry = store.store.root + "/timers/20260303/0900/" + state.id  // Tuesday 10:00 in Brussels
    #expect(FileManager.default.fileExists(atPath: entry))
    try FileManager.default.removeItem(atPath: entry)
    let problems = try store.verify().problems
    #expect(problems.count == 1)
    #expect(problems.first?.contains("the timer index has no entry") == true)
    let report = try store.rebuild()
    #expect(report.cases == 1)
    #expect(report.repaired == ["timers/20260303/0900/\(state.id)"])
    #expect(try store.verify().problems.isEmpty)
    #expect(try store.tick(by: nil, at: at("2026-03-03T10:00:00+01:00")).count == 1)
  }

  @Test func aStaleTimerEntryIsDroppedWithoutFiringAnything() throws {
    defer { directory.remove() }
    let state = try create(at: "2026-03-02T09:00:00+01:00")
    let stale = store.store.root + "/timers/20260302/1000"
    try FileManager.default.createDirectory(atPath: stale, withIntermediateDirectories: true)
    #expect(FileManager.default.createFile(atPath: stale + "/" + state.id, contents: nil))
    #expect(try store.tick(by: nil, at: at("2026-03-02T11:30:00+01:00")).isEmpty)
    #expect(!FileManager.default.fileExists(atPath: stale + "/" + state.id))
    #expect(try store.readCase(StoreID(state.id)) == state)
  }

  /// The path of `state`'s entry in the timer index for a timer due at `due` (UTC minute).
  func timerEntry(_ due: Instant, of state: CaseState) -> String {
    let text = due.description  // 2026-03-02T08:01:55Z
    let digits = text.filter(\.isNumber)
    return store.store.root + "/timers/" + digits.prefix(8) + "/" + digits.dropFirst(8).prefix(4) + "/" + state.id
  }

  /// audit33 finding 1: a queued task's decline has a `decline_end` timer, which the index
  /// files as the case's next. A store written before dcmc timed declines' ends files the case
  /// under its next other timer: verify names that as behind, not damage, and rebuild files it
  /// at the decline's end; the entry missing altogether is damage still.
  @Test func aDeclinesEndIsFiledAndAnOlderStoresEntryIsNoDamage() throws {
    defer { directory.remove() }
    let monday = at("2026-03-02T09:00:00+01:00")
    let created = try store.create(
      type: "finance",
      fields: [
        "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
        "Request_Type": "refund", "Invoice_Number": "INV-204311",
      ], requestID: nil, by: "fiona", at: monday)
    let task = created.id + ".1"
    _ = try store.execute(.offer(task: task, to: "gary"), onCase: created.id, by: nil, at: monday.adding(seconds: 10))
    let declined = try store.execute(
      .declineOffer(task: task, reason: "busy"), onCase: created.id, by: "gary", at: monday.adding(seconds: 20))
    let end = monday.adding(seconds: 65)
    #expect(declined.timers.first == DCMCRuntime.Timer(kind: .declineEnd, task: 1, due: end))
    let filed = timerEntry(end, of: declined)
    #expect(FileManager.default.fileExists(atPath: filed))
    #expect(try store.verify().problems.isEmpty)
    // Filed as an older dcmc filed it: under the OLA's warning.
    let warning = try #require(declined.nextTimerBeforeDeclineEnds)
    #expect(warning.kind == .olaWarning)
    let older = timerEntry(warning.due, of: declined)
    try FileManager.default.createDirectory(
      atPath: String(older[..<older.lastIndex(of: "/")!]), withIntermediateDirectories: true)
    try FileManager.default.moveItem(atPath: filed, toPath: older)
    let found = try store.verify()
    #expect(found.problems.isEmpty)
    #expect(found.behind.count == 1)
    #expect(found.behind.first?.contains("as before dcmc timed declines' ends") == true, "\(found.behind)")
    // Missing altogether, it is damage.
    let moved = older + ".moved"
    try FileManager.default.moveItem(atPath: older, toPath: moved)
    #expect(try store.verify().problems.first?.contains("the timer index has no entry for its next timer") == true)
    try FileManager.default.moveItem(atPath: moved, toPath: older)
    // Rebuild files it at the decline's end, and the tick after that end fires it.
    #expect(try store.rebuild().repaired.contains { $0.hasPrefix("timers/") })
    #expect(FileManager.default.fileExists(atPath: filed))
    let verified = try store.verify()
    #expect(verified.problems.isEmpty && verified.behind.isEmpty)
    #expect(try store.tick(by: nil, at: monday.adding(seconds: 64)).isEmpty)
    let fired = try store.tick(by: nil, at: monday.adding(seconds: 70))
    #expect(fired.map(\.id) == [created.id] && fired.first?.task(task)?.declines.isEmpty == true)
  }

  /// Stop 35: a decline that has ended when its task is queued again goes then, so no
  /// `decline_end` is filed for it. A dcmc before kept it in the cache and filed the case at
  /// its end until the next tick fired it: verify takes such a store as it is (no damage, the
  /// decline keeps nobody out), and the tick fires it once and files the case anew.
  @Test func aCacheKeepingADeclineEndedAtItsTasksReleaseIsNoDamage() throws {
    defer { directory.remove() }
    let monday = at("2026-03-02T09:00:00+01:00")
    let created = try store.create(
      type: "finance",
      fields: [
        "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
        "Request_Type": "refund", "Invoice_Number": "INV-204311",
      ], requestID: nil, by: "fiona", at: monday)
    let task = created.id + ".1"
    _ = try store.execute(.offer(task: task, to: "gary"), onCase: created.id, by: nil, at: monday.adding(seconds: 10))
    _ = try store.execute(
      .declineOffer(task: task, reason: "busy"), onCase: created.id, by: "gary", at: monday.adding(seconds: 20))
    _ = try store.execute(.assign(task: task, to: "fiona"), onCase: created.id, by: "tina", at: monday.adding(seconds: 30))
    let released = try store.execute(.release(task: task), onCase: created.id, by: "fiona", at: monday.adding(seconds: 100))
    #expect(released.task(task)?.declines.isEmpty == true)
    let next = try #require(released.timers.first)
    #expect(next.kind == .olaWarning)
    #expect(try store.verify().problems.isEmpty)
    // Written as an older dcmc wrote it: the decline kept, the case filed at its end.
    let end = monday.adding(seconds: 65)
    let path = store.store.root + "/states/\(created.id).json"
    let bytes = try #require(FileManager.default.contents(atPath: path))
    var cached = try #require(StateCache.read(Array(bytes)))
    cached.state.tasks[0].declines = [TaskDecline(user: "gary", until: end)]
    try Data(StateCache.encode(cached.state, history: cached.history)).write(to: URL(fileURLWithPath: path))
    let older = timerEntry(end, of: released)
    try FileManager.default.createDirectory(
      atPath: String(older[..<older.lastIndex(of: "/")!]), withIntermediateDirectories: true)
    try FileManager.default.moveItem(atPath: timerEntry(next.due, of: released), toPath: older)
    let found = try store.verify()
    #expect(found.problems.isEmpty, "\(found.problems)")
    // The next tick fires the old decline's end once and files the case at its next timer.
    let fired = try store.tick(by: nil, at: monday.adding(seconds: 110))
    #expect(fired.first?.task(task)?.declines.isEmpty == true)
    #expect(FileManager.default.fileExists(atPath: timerEntry(next.due, of: released)))
    let verified = try store.verify()
    #expect(verified.problems.isEmpty && verified.behind.isEmpty)
    #expect(try store.tick(by: nil, at: monday.adding(seconds: 120)).isEmpty)
  }
}
