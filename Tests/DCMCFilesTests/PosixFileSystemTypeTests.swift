import DCMCFiles
import Foundation
import Testing
import _DCMCTestSupport

/// audit36 M1: every open of a store file is of a regular file. A FIFO planted where a store
/// file belongs hung the open for good (no writer ever comes); now each open uses `O_NONBLOCK`
/// and refuses, after an `fstat`, what is not a regular file.
@Suite struct PosixFileSystemTypeTests {
  /// `open` of `path` as `mode` on another thread, waited for at most 10 s: a FIFO opened for
  /// reading without `O_NONBLOCK` blocks until a writer comes, so a test that hangs is let go
  /// by opening it for writing (which the blocked reader lets succeed) and fails.
  static func openWithin(_ path: String, _ mode: OpenMode, in directory: String? = nil) -> Result<Void, FileError>? {
    nonisolated(unsafe) var outcome: Result<Void, FileError>?
    let done = DispatchSemaphore(value: 0)
    Thread.detachNewThread {
      let system = PosixFileSystem()
      do throws(FileError) {
        let file: FileDescriptor
        if let directory {
          let parent = try system.openDirectory(directory)
          defer { system.close(parent) }
          file = try system.open(String(path.dropFirst(directory.count + 1)), in: parent, mode)
        } else {
          file = try system.open(path, mode)
        }
        system.close(file)
        outcome = .success(())
      } catch {
        outcome = .failure(error)
      }
      done.signal()
    }
    if done.wait(timeout: .now() + 10) == .success { return outcome }
    let writer = open(path, O_WRONLY | O_NONBLOCK)
    if writer >= 0 { close(writer) }
    _ = done.wait(timeout: .now() + 10)
    return nil
  }

  @Test("a FIFO is refused as not a regular file, at once, by every mode and by openat")
  func aFIFOIsRefusedWithoutBlocking() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let fifo = directory.url.path + "/tokens.json"
    #expect(mkfifo(fifo, 0o600) == 0)
    for mode in [OpenMode.read, .readWrite, .lockFile] {
      let outcome = Self.openWithin(fifo, mode)
      #expect(outcome != nil, "the open of a FIFO as \(mode) blocked")
      #expect(throws: FileError.notRegularFile(path: fifo)) { try outcome?.get() }
    }
    let outcome = Self.openWithin(fifo, .read, in: directory.url.path)
    #expect(outcome != nil, "the openat of a FIFO blocked")
    #expect(throws: FileError.notRegularFile(path: fifo)) { try outcome?.get() }
  }

  @Test("a directory opened as a file is refused as not a regular file; a link is never followed")
  func aDirectoryAndALinkAreRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let folder = directory.url.path + "/state.json"
    #expect(mkdir(folder, 0o755) == 0)
    let refused = try #require(throws: FileError.self) { try PosixFileSystem().open(folder, .read) }
    #expect(refused == .notRegularFile(path: folder))
    #expect(refused.isNotRegularFile)
    #expect(refused.description == "cannot read '\(folder)': not a regular file")
    let link = directory.url.path + "/link.json"
    #expect(symlink(try directory.write("target.json", "{}").path, link) == 0)
    let loop = try #require(throws: FileError.self) { try PosixFileSystem().open(link, .read) }
    #expect(loop.code == ELOOP)
    #expect(loop.isNotRegularFile)
    #expect(!FileError.system(operation: "open", path: link, code: EIO).isNotRegularFile)
    // A regular file opens as before.
    let file = try PosixFileSystem().open(directory.url.path + "/target.json", .read)
    PosixFileSystem().close(file)
  }
}
