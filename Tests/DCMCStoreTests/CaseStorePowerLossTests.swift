import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Testing
import _DCMCTestSupport

/// CrashMonkey's method on the runtime's commands: record the file operations of a create
/// (with a request id) and of a claim over `MemoryFileSystem`, build every state a power cut
/// during it could leave (everything synced, plus any subset of the rest), and check each:
/// the histories are those before or after the command, never a mix; `store verify` finds
/// nothing but a derived state behind; the retried command then gives the state after it,
/// with one case for the request, and the report facts read are those of the histories; the
/// customer's case summaries (appended to, or compacted) read each case as its history gives
/// it; and once the command returned, it is there.
struct CaseStorePowerLossTests {
  static let root = "/store"
  static let start = Instant(secondsSinceEpoch: 1_772_442_000)

  /// `open` follows a claim (`prepare`): its case is named in the facts journal already, so
  /// its journal line is not flushed before its log (`FileCaseRepository.namedAlready`).
  /// `reclaim` claims again a task bob claimed and released, into the holder directory the
  /// release kept, after the journal was emptied (as every 64 changes): the journal's line and
  /// the one directory are flushed each on its own (`fdatasync`, `fsync`), not by a `syncfs`.
  enum Command: String, CaseIterable, Sendable {
    case create, claim, open, reclaim

    /// What the store holds before the command, beyond the first case.
    func prepare(_ store: FileRuntime, _ fileSystem: MemoryFileSystem) throws {
      switch self {
      case .create, .claim: return
      case .open:
        _ = try store.execute(
          .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 30))
      case .reclaim:
        _ = try store.execute(
          .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 20))
        _ = try store.execute(
          .release(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 40))
        let journal = try fileSystem.open(root + "/facts/pending", .readWrite)
        defer { fileSystem.close(journal) }
        try fileSystem.truncate(journal, to: 0)
        try fileSystem.synchronize(journal, .data)
      }
    }

    func run(_ store: FileRuntime) throws -> CaseState {
      switch self {
      case .create:
        try store.create(
          type: "technical", fields: technicalForm("r2"), requestID: "r2", by: "alice",
          at: start.adding(seconds: 60))
      case .claim, .reclaim:
        try store.execute(.claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 60))
      case .open:
        try store.execute(.open(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 60))
      }
    }
  }

  static func open(_ fileSystem: MemoryFileSystem) throws -> FileRuntime {
    try FileRuntime.open(at: root, fileSystem: fileSystem)
  }

  /// The histories of the two cases the commands touch, as events.
  static func histories(_ store: FileRuntime) throws -> [[CaseEvent]?] {
    try ["TEC-000001", "TEC-000002"].map { try store.history(of: StoreID($0)) }
  }

  /// The report facts as a report reads them (`facts(in:)`), and as the histories give them.
  static func facts(_ store: FileRuntime) throws -> [String] {
    var lines: [String] = []
    try store.repository.facts(in: start.adding(seconds: -86_400)..<start.adding(seconds: 86_400)) {
      lines.append(String(decoding: $0.csvLine, as: UTF8.self))
    }
    return lines.sorted()
  }

  static func factsOfHistories(_ store: FileRuntime) throws -> [String] {
    try histories(store).compactMap { $0 }.flatMap { ReportFact.facts(of: $0, after: nil) }
      .map { String(decoding: $0.csvLine, as: UTF8.self) }.sorted()
  }

  @Test(arguments: Command.allCases)
  func everyStateAPowerCutCanLeaveIsBeforeOrAfterTheCommand(command: Command) throws {
    let fileSystem = MemoryFileSystem()
    let prepared = try FileRuntime.openOrCreate(
      at: Self.root, fileSystem: fileSystem)
    _ = try prepared.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    _ = try prepared.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: Self.start)
    try command.prepare(prepared, fileSystem)
    fileSystem.checkpoint()
    let before = try Self.histories(Self.open(MemoryFileSystem(tree: fileSystem.tree())))
    let result = try command.run(Self.open(fileSystem))
    let after = try Self.histories(Self.open(MemoryFileSystem(tree: fileSystem.tree())))
    #expect(before != after)
    let states = fileSystem.crashStates()
    #expect(states.count > 2)
    var seen: Set<Bool> = []
    for state in states {
      let store = try Self.open(MemoryFileSystem(tree: state))
      let found = try Self.histories(store)
      #expect(found == before || found == after, "a power cut left a mix")
      seen.insert(found == after)
      try Self.summariesMatchTheCases(store)
      // What a cut leaves of the derived files is behind its history (`behind`), no damage.
      #expect(try store.verify().problems == [])
      // The retry (the same request, or the same claim) ends in the state after the command.
      let retried = try? command.run(store)
      if found == before { #expect(retried?.id == result.id, "the retry did not redo the command") }
      let again = try Self.histories(store)
      #expect(again == after, "the retry did not end in the state after")
      try Self.summariesMatchTheCases(store)
      #expect(try Self.facts(store) == Self.factsOfHistories(store), "the reports would count other facts")
    }
    #expect(seen == [false, true])
    for state in fileSystem.crashStates(afterOperations: fileSystem.operationCount) {
      #expect(try Self.histories(Self.open(MemoryFileSystem(tree: state))) == after, "a command that returned was lost")
    }
  }

  /// What `customer cases` reads of the customer of each case the commands touch is the case
  /// as its history gives it, with no damage named.
  static func summariesMatchTheCases(_ store: FileRuntime) throws {
    for id in ["TEC-000001", "TEC-000002"] {
      guard let state = try store.repository.load(id), let customer = state.customer else { continue }
      let listed = try store.repository.caseSummaries(ofCustomer: customer)
      #expect(listed.damaged.isEmpty, "the summaries of \(customer) name damage")
      #expect(listed.cases.contains(CaseSummary(state)), "the summary of \(id) is not its state's")
    }
  }

  /// The customer summaries' compaction (temporary file, flush, rename, flush of the
  /// directory) under the same power cuts: a claim or release whose append would make the
  /// file hold more lines than the floor rewrites it whole, and every state a cut leaves reads
  /// each case as its history gives it; the retry ends in the state after.
  @Test func everyStateAPowerCutDuringACompactionLeavesReadsTheCases() throws {
    let fileSystem = MemoryFileSystem()
    let prepared = try FileRuntime.openOrCreate(at: Self.root, fileSystem: fileSystem)
    _ = try prepared.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    let created = try prepared.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: Self.start)
    let customer = try #require(created.customer)
    let file = Self.root + "/by-customer/." + customer + ".summaries"
    func lines(_ tree: MemoryFileSystem.Tree) -> Int {
      guard case .file(let bytes)? = tree[file] else { return 0 }
      return bytes.filter { $0 == 10 }.count
    }
    func toggle(_ step: Int, _ store: FileRuntime) throws {
      let command: DCMCRuntime.Command = step % 2 == 0 ? .claim(task: "TEC-000001.1") : .release(task: "TEC-000001.1")
      _ = try store.execute(command, onCase: "TEC-000001", by: "bob", at: Self.start.adding(seconds: 60 * (step + 1)))
    }
    var step = 0
    while lines(fileSystem.tree()) < CustomerSummaries.compactionFloor {
      try toggle(step, prepared)
      step += 1
    }
    fileSystem.checkpoint()
    let before = try Self.histories(Self.open(MemoryFileSystem(tree: fileSystem.tree())))
    try toggle(step, Self.open(fileSystem))
    #expect(lines(fileSystem.tree()) == 1, "the append did not compact the file")
    let after = try Self.histories(Self.open(MemoryFileSystem(tree: fileSystem.tree())))
    var seen: Set<Int> = []
    for state in fileSystem.crashStates() {
      seen.insert(lines(state))
      let store = try Self.open(MemoryFileSystem(tree: state))
      let found = try Self.histories(store)
      #expect(found == before || found == after, "a power cut left a mix")
      // What a cut leaves of the derived files is behind its history (`behind`), no damage.
      #expect(try store.verify().problems == [])
      try Self.summariesMatchTheCases(store)
      try? toggle(step, store)
      #expect(try Self.histories(store) == after, "the retry did not end in the state after")
      try Self.summariesMatchTheCases(store)
    }
    #expect(seen.contains(1) && seen.contains(CustomerSummaries.compactionFloor), "no cut fell inside the compaction")
  }

  /// The facts journal's line is written, then flushed with the command's index entries, before
  /// the log: a cut between the line's write and its flush (the line lost, torn or whole) finds
  /// the command not done, and the retry does it, with the facts a report counts. `reclaim`:
  /// the line flushed by its own `fdatasync`, then the one directory by its `fsync`.
  @Test(arguments: [Command.claim, .reclaim])
  func aCutBetweenTheJournalsWriteAndItsFlushLeavesTheCommandUndone(command: Command) throws {
    let fileSystem = MemoryFileSystem()
    let prepared = try FileRuntime.openOrCreate(at: Self.root, fileSystem: fileSystem)
    _ = try prepared.deploy(CaseStoreFixture.compiled.bundle, bytes: CaseStoreFixture.compiled.bytes)
    _ = try prepared.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: Self.start)
    try command.prepare(prepared, fileSystem)
    fileSystem.checkpoint()
    let journal = Self.root + "/facts/pending"
    let untouched = fileSystem.tree()[journal]
    let before = try Self.histories(Self.open(MemoryFileSystem(tree: fileSystem.tree())))
    _ = try command.run(Self.open(fileSystem))
    let after = try Self.histories(Self.open(MemoryFileSystem(tree: fileSystem.tree())))
    // The journal is flushed by its own `fdatasync`, or with the claim's new entries by a `syncfs`.
    let cut = try #require(
      (fileSystem.cutsBeforeFlushing(journal) + fileSystem.cutsBeforeFlushingEverything()).min(),
      "the journal was never flushed")
    var lineLost = false
    for state in fileSystem.crashStates(afterOperations: cut) {
      if state[journal] == untouched { lineLost = true }
      let store = try Self.open(MemoryFileSystem(tree: state))
      #expect(try Self.histories(store) == before, "the log was written before the journal was flushed")
      _ = try command.run(store)
      #expect(try Self.histories(store) == after)
      #expect(try Self.facts(store) == Self.factsOfHistories(store), "the reports would count other facts")
    }
    #expect(lineLost, "no state lost the journal's line: the cut is not between its write and its flush")
  }
}
