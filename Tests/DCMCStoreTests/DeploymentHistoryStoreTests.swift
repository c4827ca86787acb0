import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCFiles
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The file store's deployment history (`deployments.jsonl`, docs/store.md, "Deployments"):
/// written before `deployment.json`, so a power cut leaves the deployment before or after,
/// never one without the other; `store verify` names each damage with the file; a damaged
/// history is never written over; `store rebuild` invents none.
struct DeploymentHistoryStoreTests {
  static let a = ReferenceBundle.compiled
  static let b = ReferenceBundle.renamed
  static let first = Instant(secondsSinceEpoch: 1_772_440_200)
  static let second = Instant(secondsSinceEpoch: 1_772_526_600)

  /// A deployment of A by ops, then of B by release: the two entries.
  static var twoDeployments: [DeploymentRecord] {
    [
      DeploymentRecord(number: 1, bundle: a.bundle.hash, by: "ops", at: first),
      DeploymentRecord(number: 2, bundle: b.bundle.hash, by: "release", at: second),
    ]
  }

  /// Every state a power cut during a deployment of B (over A) can leave lists the history
  /// before or after it, with `deployment.json` its last entry, verifies without damage, and
  /// the deployment run again ends in the history after it; once it returned, it is there.
  @Test func everyStateAPowerCutCanLeaveIsBeforeOrAfterTheDeployment() throws {
    let fileSystem = MemoryFileSystem()
    let prepared = try FileCaseRepository.openOrCreate(at: "/store", fileSystem: fileSystem)
    _ = try prepared.deploy(Self.a.bundle, bytes: Self.a.bytes, by: "ops", at: Self.first)
    fileSystem.checkpoint()
    let before = Array(Self.twoDeployments.prefix(1))
    let deployB = { (store: FileCaseRepository) throws in
      _ = try store.deploy(Self.b.bundle, bytes: Self.b.bytes, by: "release", at: Self.second)
    }
    try deployB(FileCaseRepository.open(at: "/store", fileSystem: fileSystem))
    let states = fileSystem.crashStates()
    #expect(states.count > 2)
    var seen: Set<Int> = []
    for state in states {
      let store = try FileCaseRepository.open(at: "/store", fileSystem: MemoryFileSystem(tree: state))
      let found = try store.deployments()
      #expect(found == before || found == Self.twoDeployments, "a power cut left a mix")
      #expect(try store.deployedBundle() == found.last?.bundle)
      seen.insert(found.count)
      let verified = try store.verify()
      #expect(verified.problems.isEmpty, "\(verified.problems)")
      try deployB(store)
      #expect(try store.deployments() == Self.twoDeployments, "the retry did not end in the state after")
    }
    #expect(seen == [1, 2])
    for state in fileSystem.crashStates(afterOperations: fileSystem.operationCount) {
      let store = try FileCaseRepository.open(at: "/store", fileSystem: MemoryFileSystem(tree: state))
      #expect(try store.deployments() == Self.twoDeployments, "a deployment that returned was lost")
    }
  }

  /// A store holding A then B, in a temporary directory, for damage made by hand.
  struct Damaged {
    let directory = try! TemporaryDirectory()
    var root: String { directory.url.path + "/store" }
    var history: URL { URL(fileURLWithPath: root + "/deployments.jsonl") }

    init() throws {
      let store = try FileCaseRepository.openOrCreate(at: root)
      _ = try store.deploy(a.bundle, bytes: a.bytes, by: "ops", at: first)
      _ = try store.deploy(b.bundle, bytes: b.bytes, by: "release", at: second)
    }

    var lines: [String] {
      get throws { try String(contentsOf: history, encoding: .utf8).split(separator: "\n").map(String.init) }
    }

    func write(_ lines: [String]) throws {
      try Data(lines.joined(separator: "\n").appending("\n").utf8).write(to: history)
    }

    func verify() throws -> (problems: [String], behind: [String]) {
      let found = try FileCaseRepository.open(at: root).verify()
      return (found.problems, found.behind)
    }
  }

  @Test func verifyNamesADamagedLine() throws {
    let store = try Damaged()
    defer { store.directory.remove() }
    try store.write([try store.lines[0], "{\"number\": 2, \"bundle\": 7}"])
    let problems = try store.verify().problems
    #expect(problems.count == 1 && problems[0].hasPrefix("deployments.jsonl: line 2: not a deployment"), "\(problems)")
    // Cut short (no final newline) is damage too.
    try Data(try String(contentsOf: store.history, encoding: .utf8).dropLast().utf8).write(to: store.history)
    #expect(
      try store.verify().problems.contains { $0.hasPrefix("deployments.jsonl: line ") && $0.hasSuffix("it is cut short" + FileCaseRepository.historyMending) })
  }

  @Test func verifyNamesANumberOutOfOrder() throws {
    let store = try Damaged()
    defer { store.directory.remove() }
    let lines = try store.lines
    try store.write([lines[0], lines[1].replacing("\"number\":2", with: "\"number\":3")])
    #expect(
      try store.verify().problems == [
        "deployments.jsonl: line 2: deployment 3, where 2 comes next" + FileCaseRepository.historyMending
      ])
  }

  @Test func verifyNamesABundleNotHeld() throws {
    let store = try Damaged()
    defer { store.directory.remove() }
    let file = "bundles/\(Self.a.bundle.hash.dropFirst(7)).json"
    try FileManager.default.removeItem(atPath: store.root + "/" + file)
    #expect(try store.verify().problems == ["deployments.jsonl: line 1: its bundle is not in the store (\(file) is missing)"])
  }

  @Test func verifyNamesALastEntryThatIsNotTheCurrentDeployment() throws {
    let store = try Damaged()
    defer { store.directory.remove() }
    // deployment.json says B; the history lost B's entry.
    try store.write([try store.lines[0]])
    #expect(
      try store.verify().problems == [
        "deployments.jsonl: its last entry deploys '\(Self.a.bundle.hash)', deployment.json '\(Self.b.bundle.hash)'"
          + FileCaseRepository.historyMending
      ])
    // Listing refuses it rather than show a history that is not the store's.
    #expect(throws: RepositoryError.self) { try FileCaseRepository.open(at: store.root).deployments() }
  }

  /// The entry of a deployment cut before `deployment.json`: not damage, named as behind,
  /// left out of the list, written over by the next deployment.
  @Test func anInterruptedDeploymentIsBehindNotDamage() throws {
    let store = try Damaged()
    defer { store.directory.remove() }
    let lines = try store.lines
    let interrupted = "{\"at\":null,\"bundle\":\"\(Self.a.bundle.hash)\",\"by\":\"eve\",\"number\":3}"
    try store.write(lines + [interrupted])
    let found = try store.verify()
    #expect(found.problems.isEmpty, "\(found.problems)")
    #expect(found.behind.count == 1 && found.behind[0].hasPrefix("deployments.jsonl: line 3, the deployment of"))
    let repository = try FileCaseRepository.open(at: store.root)
    #expect(try repository.deployments() == Self.twoDeployments)
    // `store rebuild` removes it, as the next deployment would; verify then finds nothing behind.
    #expect(try repository.rebuild().repaired.contains { $0.hasPrefix("deployments.jsonl (line 3") })
    #expect(try store.lines == lines && store.verify().behind.isEmpty)
  }

  /// A deployment onto a damaged history is refused and writes nothing over it.
  @Test func aDamagedHistoryIsNotWrittenOver() throws {
    let store = try Damaged()
    defer { store.directory.remove() }
    let lines = try store.lines
    try store.write([lines[0], lines[1].replacing("\"number\":2", with: "\"number\":5")])
    let damaged = try Data(contentsOf: store.history)
    let repository = try FileCaseRepository.open(at: store.root)
    #expect(throws: RepositoryError.self) {
      try repository.deploy(Self.a.bundle, bytes: Self.a.bytes, by: "ops", at: Self.second)
    }
    #expect(try Data(contentsOf: store.history) == damaged)
    #expect(try repository.deployedBundle() == Self.b.bundle.hash)
    // A bundle new to the store is not kept either: the refusal writes nothing (it was kept
    // before the history was read, stop 31's audit).
    let bundles = try FileManager.default.contentsOfDirectory(atPath: store.root + "/bundles").sorted()
    let third = ReferenceBundle.technicalWith64Fields
    #expect(throws: RepositoryError.self) {
      try repository.deploy(third.bundle, bytes: third.bytes, by: "ops", at: Self.second)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.root + "/bundles").sorted() == bundles)
  }

  /// A damaged `deployment.json` is written again by a deployment, as before the history:
  /// a deployment of another bundle extends the history as written, one of its last entry's
  /// bundle adds no entry; verify is clean after either.
  @Test func aDeploymentWritesOverADamagedDeploymentFile() throws {
    for (bundle, expected) in [(Self.a, 3), (Self.b, 2)] {
      let store = try Damaged()
      defer { store.directory.remove() }
      try Data("{\"bundle\": \"x\"}".utf8).write(to: URL(fileURLWithPath: store.root + "/deployment.json"))
      #expect(try store.verify().problems == ["deployment.json is not {\"bundle\": \"sha256:...\"} ('dcmc deploy' writes it again)"])
      let repository = try FileCaseRepository.open(at: store.root)
      _ = try repository.deploy(bundle.bundle, bytes: bundle.bytes, by: "ops", at: Self.second)
      #expect(try repository.deployedBundle() == bundle.bundle.hash)
      let found = try repository.deployments()
      #expect(found.count == expected && found.last?.bundle == bundle.bundle.hash)
      #expect(Array(found.prefix(2)) == Self.twoDeployments)
      #expect(try store.verify().problems.isEmpty)
    }
  }

  /// `store rebuild` rewrites what the histories give; the deployment history is not
  /// derived from them, and a store without one is left without one.
  @Test func rebuildInventsNoHistory() throws {
    let store = try Damaged()
    defer { store.directory.remove() }
    try FileManager.default.removeItem(at: store.history)
    let repository = try FileCaseRepository.open(at: store.root)
    #expect(try repository.rebuildDerived().isEmpty)
    #expect(!FileManager.default.fileExists(atPath: store.history.path))
    #expect(
      try repository.deployments() == [DeploymentRecord(number: 1, bundle: Self.b.bundle.hash, by: nil, at: nil)])
  }

  /// A copy of a store made before the history: the bundle no entry names (A, deployed before
  /// B) is kept without a deployment, the one entry (B, by nobody at no time) deployed, so the
  /// copy holds both bundles and the same history; run again it writes nothing.
  @Test func aCopyKeepsTheBundlesNoEntryNamesAndTheHistory() throws {
    let store = try Damaged()
    defer { store.directory.remove() }
    try FileManager.default.removeItem(at: store.history)
    let source = try FileCaseRepository.open(at: store.root)
    let target = try FileCaseRepository.openOrCreate(at: store.directory.url.path + "/copy")
    let report = try StoreCopy(from: source, to: target).run()
    #expect(report.differences.isEmpty, "\(report.differences)")
    #expect(report.written["bundles"] == 2)
    #expect(try target.bundleHashes() == [Self.a.bundle.hash, Self.b.bundle.hash].sorted())
    #expect(try target.deployments() == [DeploymentRecord(number: 1, bundle: Self.b.bundle.hash, by: nil, at: nil)])
    #expect(try StoreCopy(from: source, to: target).run().written["bundles"] == 0)
  }
}
