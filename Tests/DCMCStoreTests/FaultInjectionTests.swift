import DCMCFiles
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// SQLite's I/O-error loops: the n-th file-system call of a command fails, for n = 1, 2, …
/// until the command completes, once and persistently, with EIO and ENOSPC.
struct FaultInjectionTests {
  enum Command: String, CaseIterable, Sendable {
    case appendOne, appendThree, appendToANewStream, replaceAFile, createAFile, createADirectory

    /// Opens the store through `fileSystem` and runs the command, as one CLI command would.
    func run(_ root: String, _ fileSystem: any FileSystem) throws {
      let store = try Store.open(at: root, fileSystem: fileSystem)
      switch self {
      case .appendOne: try store.append([#"{"type":"closed"}"#], to: "C-1")
      case .appendThree: try store.append(["one", "two", "three"], to: "C-1")
      case .appendToANewStream: try store.append([#"{"type":"created"}"#], to: "C-2")
      case .replaceAFile: try store.replace("state.json", with: #"{"status":"closed"}"#)
      case .createAFile: try store.replace("index.json", with: "[]")
      case .createADirectory:
        let directory = try StorePath("states")
        try store.write { transaction throws(StoreError) in try transaction.makeDirectory(directory) }
      }
    }

    /// The kinds of call the command cannot complete without.
    var essentialCalls: Set<OperationKind> {
      switch self {
      case .appendOne, .appendThree: [.open, .lock, .read, .write, .synchronize]
      case .appendToANewStream, .createAFile:
        [.open, .lock, .read, .write, .synchronize, .link, .rename, .synchronizeDirectory]
      case .replaceAFile: [.open, .lock, .read, .write, .synchronize, .link, .rename, .synchronizeDirectory, .unlink]
      case .createADirectory: [.open, .lock, .read, .makeDirectory, .synchronizeDirectory]
      }
    }
  }

  /// A store with one stream of two commands and one replaced file.
  static func prepared() throws -> StoreFixture {
    let fixture = try StoreFixture()
    let store = try fixture.store()
    try store.append([#"{"type":"created"}"#], to: "C-1")
    try store.append([#"{"type":"assigned"}"#, #"{"to":"ann"}"#], to: "C-1")
    try store.replace("state.json", with: #"{"status":"open"}"#)
    return fixture
  }

  /// Every plan of one command: any call once, and each kind of call once and persistently.
  static let plans: [(OperationKind?, Bool)] =
    [(nil, false)] + OperationKind.allCases.flatMap { [($0, false), ($0, true)] }

  @Test(arguments: Command.allCases, [EIO, ENOSPC])
  func aFailingCallFailsTheCommandAndLeavesTheStoreExactlyAsBefore(command: Command, code: Int32) throws {
    let reference = try Self.prepared()
    defer { reference.remove() }
    try command.run(reference.root, PosixFileSystem())
    let after = try reference.tree()
    var failed: Set<OperationKind> = []
    for (kind, persistent) in Self.plans {
      let fixture = try Self.prepared()
      defer { fixture.remove() }
      let before = try fixture.tree()
      for call in 1... {
        let plan = FaultPlan(kind: kind, call: call, persistent: persistent, code: code)
        let fileSystem = FaultInjectingFileSystem(base: PosixFileSystem(), plan: plan)
        var thrown: StoreError?
        do { try command.run(fixture.root, fileSystem) } catch let error as StoreError { thrown = error }
        guard fileSystem.failureCount > 0 else {
          #expect(thrown == nil, "\(plan): \(String(describing: thrown))")
          #expect(try fixture.tree() == after, "\(plan): the command did not complete")
          break
        }
        if let kind { failed.insert(kind) }
        #expect(thrown?.code == code, "\(plan): the command reported \(String(describing: thrown))")
        #expect(try fixture.tree() == before, "\(plan): the store changed")
        if persistent {
          #expect(fileSystem.failureCount == 1, "\(plan): a failed call was tried again")
        }
      }
    }
    #expect(failed == command.essentialCalls)
  }

  /// A disk that fails every call from the n-th on fails the undo steps too, so the bytes
  /// cannot always be put back; the store must still hold the state before or after the
  /// command, never a mix, once the disk works again and `recover()` has run (as after a
  /// crash: a failed fsync leaves the outcome unknown).
  @Test(arguments: Command.allCases)
  func aDiskThatFailsForGoodLeavesBeforeOrAfterNeverAMix(command: Command) throws {
    let reference = try Self.prepared()
    defer { reference.remove() }
    try command.run(reference.root, PosixFileSystem())
    let after = try reference.tree()
    for call in 1... {
      let fixture = try Self.prepared()
      defer { fixture.remove() }
      let before = try fixture.tree()
      let plan = FaultPlan(kind: nil, call: call, persistent: true, code: EIO)
      let fileSystem = FaultInjectingFileSystem(base: PosixFileSystem(), plan: plan)
      var failed = false
      do { try command.run(fixture.root, fileSystem) } catch { failed = true }
      guard fileSystem.failureCount > 0 else {
        let tree = try fixture.tree()
        #expect(!failed && tree == after, "\(plan): the command did not complete")
        break
      }
      #expect(failed, "\(plan): a failure was not reported")
      _ = try fixture.store().recover()
      let recovered = try fixture.tree()
      #expect(recovered == before || recovered == after, "\(plan): a mix")
    }
  }

  @Test func theMessageNamesTheCallTheFileAndTheReason() throws {
    let fixture = try Self.prepared()
    defer { fixture.remove() }
    let cases: [(OperationKind, Int32, String)] = [
      (.synchronize, EIO, "cannot fdatasync '\(fixture.root)/streams/C-1.log': input/output error"),
      (.write, ENOSPC, "cannot write '\(fixture.root)/streams/C-1.log': no space left on device"),
      (.lock, EIO, "cannot lock '\(fixture.root)/store.lock': input/output error"),
    ]
    for (kind, code, message) in cases {
      let plan = FaultPlan(kind: kind, call: 1, persistent: false, code: code)
      let fileSystem = FaultInjectingFileSystem(base: PosixFileSystem(), plan: plan)
      let error = try #require(throws: StoreError.self) { try Command.appendOne.run(fixture.root, fileSystem) }
      #expect(error.description == message)
    }
  }
}
