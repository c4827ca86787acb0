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

  /// The read system calls this thread has made (`syscr` of `/proc/thread-self/io`), read with
  /// one `read` of its own.
  static func readCalls() -> Int {
    let file = open("/proc/thread-self/io", O_RDONLY | O_CLOEXEC)
    defer { close(file) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = read(file, &buffer, buffer.count)
    let text = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
    let line = text.split(separator: "\n").first { $0.hasPrefix("syscr:") }
    return line.flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces)) } ?? -1
  }

  /// A regular file that is as long as its `fstat` said is read with one `pread` (of its size
  /// and a byte more): the store reads every log and state cache a command touches this way.
  /// Before, a second `pread` followed, to find the end the first had already found.
  @Test func aRegularFileIsReadWithOneCall() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let bytes = Array(repeating: UInt8(ascii: "x"), count: 5_000)
    let path = try directory.write("streams.log", String(decoding: bytes, as: UTF8.self)).path
    let system = PosixFileSystem()
    let file = try system.open(path, .read)
    defer { system.close(file) }
    let before = Self.readCalls()
    let read = try system.read(file)
    let after = Self.readCalls()
    #expect(read == bytes)
    // `after` counts its own `read` too.
    #expect(after - before - 1 == 1)
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
