import DCMCFiles
import Foundation
import Testing
import _DCMCTestSupport

/// `BoundedReader`: a regular file whole up to a limit, anything else refused unread.
@Suite struct BoundedReaderTests {
  @Test func aRegularFileIsReadWholeUpToTheLimitAndRefusedFromItsSizeAbove() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try directory.write("case.yaml", "kind: Calendar\n").path
    #expect(try BoundedReader.read(path: file, limit: 15) == .bytes(Array("kind: Calendar\n".utf8)))
    #expect(try BoundedReader.read(path: file, limit: 14) == .tooLarge(size: 15))
    #expect(try BoundedReader.read(path: directory.write("empty.yaml", "").path, limit: 0) == .bytes([]))
  }

  /// A sparse file of 64 GiB: only its size can have been read, not its bytes.
  @Test func aHugeFileIsRefusedWithoutReadingIt() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try directory.write("huge.bin", "")
    let handle = try FileHandle(forWritingTo: file)
    try handle.truncate(atOffset: 1 << 36)
    try handle.close()
    #expect(try BoundedReader.read(path: file.path, limit: 10 << 20) == .tooLarge(size: 1 << 36))
  }

  @Test func aDeviceIsRefusedUnread() {
    #expect(throws: FileError.notRegularFile(path: "/dev/zero")) {
      try BoundedReader.read(path: "/dev/zero", limit: 16)
    }
    #expect(FileError.notRegularFile(path: "/dev/zero").description == "cannot read '/dev/zero': not a regular file")
  }

  /// Opened without `O_NONBLOCK`, a pipe nobody writes to would block this test forever.
  @Test func aNamedPipeIsRefusedWithoutBlocking() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let pipe = directory.url.appendingPathComponent("pipe.yaml").path
    #expect(mkfifo(pipe, 0o600) == 0)
    #expect(throws: FileError.notRegularFile(path: pipe)) { try BoundedReader.read(path: pipe, limit: 16) }
  }

  @Test func aDirectoryOrAMissingFileFailsWithTheSystemsReason() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.url.path
    let isDirectory = FileError.system(operation: "read", path: path, code: EISDIR)
    #expect(throws: isDirectory) { try BoundedReader.read(path: path, limit: 16) }
    #expect(isDirectory.description == "cannot read '\(path)': is a directory")
    let missing = path + "/missing.yaml"
    #expect(throws: FileError.system(operation: "open", path: missing, code: ENOENT)) {
      try BoundedReader.read(path: missing, limit: 16)
    }
    #expect(FileError.system(operation: "open", path: missing, code: ENOENT).reason == "no such file or directory")
  }

  @Test func aSymbolicLinkToARegularFileIsFollowed() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = try directory.write("real.yaml", "id: x\n")
    let link = directory.url.appendingPathComponent("link.yaml")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: file)
    #expect(try BoundedReader.read(path: link.path, limit: 16) == .bytes(Array("id: x\n".utf8)))
  }

  /// The store reads a file it also appends to through one descriptor: every read starts
  /// at offset 0, wherever a read left the descriptor.
  @Test func theFileSystemReadsFromTheStartEachTime() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let text = String(repeating: "0123456789", count: 1000)
    let path = try directory.write("log", text).path
    let fileSystem = PosixFileSystem()
    let file = try fileSystem.open(path, .read)
    defer { fileSystem.close(file) }
    #expect(try fileSystem.read(file) == Array(text.utf8))
    #expect(try fileSystem.read(file) == Array(text.utf8))
  }
}
