import DCMCApplication
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Synchronization
import Testing
import _DCMCTestSupport

/// Readers take no lock: a case read while another process appends to it is read whole, before
/// or after the append, never as damage (an append flushes its events before it replaces the
/// state, so the reader reads the state first and the log after it).
@Suite struct ConcurrentReadTests {
  /// Runs `append` once, when the reader first opens the case's state cache.
  final class AppendOnStateOpen: ForwardingFileSystem, @unchecked Sendable {
    let base: any FileSystem = PosixFileSystem()
    let state: String
    let append: Mutex<(@Sendable () -> Void)?>

    init(state: String, append: @escaping @Sendable () -> Void) {
      self.state = state
      self.append = Mutex(append)
    }

    func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
      guard kind == .open, path.hasSuffix(state), let run = append.withLock({ $0.take() }) else { return }
      run()
    }
  }

  @Test func aCaseReadWhileAnotherProcessAppendsIsNotDamage() throws {
    let store = try RepositoryKind.files.make()
    defer { store.remove() }
    let created = try store.technical()
    let root = try #require(store.repository as? FileCaseRepository).store.root
    let claimed = Mutex<CaseState?>(nil)
    let fileSystem = AppendOnStateOpen(state: "states/\(created.id).json") {
      claimed.withLock { $0 = try? store.at(60).execute(.claim(task: created.id + ".1"), onCase: created.id, by: "alice") }
    }
    let reader = try FileCaseRepository.open(at: root, fileSystem: fileSystem)
    let read = try reader.load(created.id)
    let appended = try #require(claimed.withLock { $0 }, "the append did not run during the read")
    #expect(read == appended)
  }
}
