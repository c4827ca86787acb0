import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// SQLite's I/O-error loops on the runtime's commands: the n-th file-system call of a
/// create, a claim and a tick fails, for n = 1, 2, … until the command completes, once and
/// from then on, with EIO and ENOSPC.
///
/// The history is the commit point. A failure before the command's append: the command
/// throws that error and the store is byte for byte as before, with no temporary file. A
/// failure after it (a derived file: the state, the sequence, `tick.json`): the command has
/// happened and returns its result; the derived file it could not write is left as it was,
/// whole (behind its history, as after a crash), and reported to `derivedFileFailed`.
struct CaseStoreFaultInjectionTests {
  static let start = Instant(secondsSinceEpoch: 1_772_442_000)  // 2026-03-02T09:00:00Z

  enum Command: String, CaseIterable, Sendable {
    case create, claim, tick

    /// Runs the command on the store at `root` through `fileSystem`, as one CLI command.
    func run(_ root: String, _ fileSystem: any FileSystem, failures: inout [StoreError]) throws {
      var repository = try FileCaseRepository.open(at: root, fileSystem: fileSystem)
      let reported = Reported()
      repository.derivedFileFailed = { error in reported.lock.withLock { reported.errors.append(error) } }
      let store = FileRuntime(repository)
      defer { failures = reported.lock.withLock { reported.errors } }
      switch self {
      case .create:
        _ = try store.create(
          type: "technical", fields: technicalForm("r2"), requestID: "r2", by: "alice",
          at: start.adding(seconds: 3600))
      case .claim:
        _ = try store.execute(
          .claim(task: "TEC-000001.1"), onCase: "TEC-000001", by: "bob", at: start.adding(seconds: 3600))
      case .tick:
        // Three days on, the case's OLA and SLA timers are due.
        let changed = try store.tick(by: nil, at: start.adding(seconds: 3 * 86_400))
        #expect(changed.map(\.id) == ["TEC-000001"])
      }
    }
  }

  final class Reported: @unchecked Sendable {
    let lock = NSLock()
    var errors: [StoreError] = []
  }

  /// A store with one case, made by a request, and one tick behind it; kept as a template
  /// and copied for each run that changed it.
  static func prepared() throws -> CaseStoreFixture {
    let fixture = try CaseStoreFixture()
    let store = try fixture.store()
    _ = try store.create(
      type: "technical", fields: technicalForm("r1"), requestID: "r1", by: "alice", at: start)
    _ = try store.tick(by: nil, at: start.adding(seconds: 60))
    return fixture
  }

  /// Each call once, and each kind of call that writes or locks from its n-th on (the
  /// store's own tests fail every kind persistently).
  static let plans: [(OperationKind?, Bool)] =
    [(nil, false)]
    + [OperationKind.write, .synchronize, .synchronizeDirectory, .rename, .link, .unlink, .lock].map { ($0, true) }

  @Test(arguments: Command.allCases, [EIO, ENOSPC])
  func aFailingCallBeforeTheAppendChangesNothingAndAfterItLeavesOnlyADerivedFileBehind(command: Command, code: Int32)
    throws
  {
    let template = try Self.prepared()
    defer { template.remove() }
    let before = try template.tree()
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    func restore() throws {
      try FileManager.default.removeItem(atPath: fixture.root)
      try FileManager.default.copyItem(atPath: template.root, toPath: fixture.root)
    }
    try restore()
    var reported: [StoreError] = []
    try command.run(fixture.root, PosixFileSystem(), failures: &reported)
    #expect(reported.isEmpty)
    let after = try fixture.tree()
    let (beforeState, afterState) = (Self.histories(before), Self.histories(after))
    #expect(beforeState != afterState, "the command appends")
    var (failedBefore, failedAfter) = (0, 0)
    for (kind, persistent) in Self.plans {
      try restore()
      for call in 1... {
        let plan = FaultPlan(kind: kind, call: call, persistent: persistent, code: code)
        let fileSystem = FaultInjectingFileSystem(base: PosixFileSystem(), plan: plan)
        var thrown: Error?
        do { try command.run(fixture.root, fileSystem, failures: &reported) } catch { thrown = error }
        let tree = try fixture.tree()
        guard fileSystem.failureCount > 0 else {
          #expect(thrown == nil, "\(plan): \(String(describing: thrown))")
          #expect(tree == after, "\(plan): the command did not complete")
          break
        }
        if Self.histories(tree) == beforeState {
          failedBefore += 1
          var reason = (thrown as? StoreError)?.code
          if case .repository(.unavailable(let error)) = thrown as? ServiceError { reason = (error as? StoreError)?.code }
          #expect(reason == code, "\(plan): the command reported \(String(describing: thrown))")
          // The journal, and a user's claim lock file (`claims/USER.lock`, empty, made at the
          // user's first claim before anything is decided: it holds no state).
          let journal = "facts/pending"
          func kept(_ key: String) -> Bool { key != journal && key != "claims" && !key.hasPrefix("claims/") }
          let others = (tree.filter { kept($0.key) }, before.filter { kept($0.key) })
          #expect(others.0 == others.1, "\(plan): the store changed: \(Self.difference(before, tree))")
          // Only a persistent fault keeps the journal from being cut back: it then names
          // histories that were not appended, which the next change reads again for nothing.
          if tree[journal] != before[journal] {
            #expect(try fixture.store().verify().problems == [], "\(plan): the journal left behind is not harmless")
          }

        } else {
          failedAfter += 1
          #expect(thrown == nil, "\(plan): the command happened and reported \(String(describing: thrown))")
          #expect(Self.histories(tree) == afterState, "\(plan): the history is not the command's")
          #expect(!reported.isEmpty, "\(plan): a derived file was not written and nothing said so")
          // Every file is the one before or the one after, whole; no temporary file is left.
          // The caches of the histories (states, sequences, customer summaries) are rewritten in place and may be
          // torn by a failed write; nothing reads them to decide, and verify reports them.
          for (path, entry) in tree where !Self.isCache(path) {
            #expect(entry == before[path] || entry == after[path], "\(plan): \(path) is neither before nor after")
            #expect(!path.split(separator: "/").last!.hasPrefix("."), "\(plan): \(path) left behind")
          }
          // A derived file behind its history (a state cache, a numbering file, a summaries
          // line or facts torn by the failed write) is no damage (`behind`: the next change or
          // `store rebuild` writes it); anything else verify names is.
          let verified = try fixture.store().verify()
          #expect(verified.problems == [], "\(plan)")
          // The report facts left behind are named in facts/pending: the next change writes them.
          for (path, entry) in tree
          where Self.isCache(path) && !path.hasPrefix("facts/") && entry != before[path] && entry != after[path] {
            #expect(
              (verified.problems + verified.behind).contains {
                $0.contains("unreadable") || $0.contains("differs") || $0.contains("torn") || $0.contains("behind")
              },
              "\(plan): a torn \(path) is not reported")
            _ = entry
          }
          try restore()
        }
      }
    }
    #expect(failedBefore > 10)
    #expect(failedAfter > 0)
  }

  /// The histories of a tree: what the commands committed.
  static func histories(_ tree: MemoryFileSystem.Tree) -> MemoryFileSystem.Tree {
    tree.filter { $0.key.hasPrefix("streams/") }
  }

  static func difference(_ before: MemoryFileSystem.Tree, _ after: MemoryFileSystem.Tree) -> [String] {
    Set(before.keys).union(after.keys).sorted().filter { before[$0] != after[$0] }
  }

  /// The derived files that are caches of the histories, rewritten in place without fsync.
  static func isCache(_ path: String) -> Bool {
    path.hasPrefix("states/") || path.hasPrefix("sequences/") || path.hasPrefix("facts/")
      || (path.hasPrefix("by-customer/.") && path.hasSuffix(".summaries"))
  }
}
