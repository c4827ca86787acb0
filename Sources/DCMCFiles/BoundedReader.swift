#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Whole-file reads that never hold more than a limit plus one byte, and never hang on a
/// pipe named as a file: the one read loop of dcmc (YAML files, bundles, attachments, the
/// zone database, and `PosixFileSystem.read` for the store).
public enum BoundedReader {
  public enum Outcome: Sendable, Equatable {
    case bytes([UInt8])
    /// The input has more bytes than the limit. `size` is the file's size when the file
    /// system told it (nothing was read then), else the bytes read: the limit plus one.
    case tooLarge(size: Int)
  }

  /// Reads the regular file at `path` (symbolic links followed) whole.
  ///
  /// Anything else is refused before a byte is read: a directory with `EISDIR`, as `read`
  /// would fail, a device, a pipe or a socket with `FileError.notRegularFile` (the file is
  /// opened with `O_NONBLOCK`, so a pipe without a writer does not block the open).
  public static func read(path: String, limit: Int) throws(FileError) -> Outcome {
    let number = try Int32(retrying("open", path) { open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) })
    defer { _ = close(number) }
    let info = try status(number, path: path)
    switch info.st_mode & S_IFMT {
    case S_IFREG: return try read(number, path: path, limit: limit, fromStart: true, status: info)
    case S_IFDIR: throw .system(operation: "read", path: path, code: EISDIR)
    default: throw .notRegularFile(path: path)
    }
  }

  /// Reads standard input from where it stands to its end (a file, a pipe or a terminal);
  /// errors name it `<stdin>`.
  public static func readStandardInput(limit: Int) throws(FileError) -> Outcome {
    try read(STDIN_FILENO, path: "<stdin>", limit: limit, fromStart: false)
  }

  /// Reads `number` until its end or until it has given more than `limit` bytes.
  ///
  /// A regular file larger than `limit` is refused from its size without reading. Otherwise
  /// a regular file is read in one chunk of its size plus one byte (the byte that finds its
  /// end), straight into the result: one `pread` when it gives the size `fstat` gave, else
  /// on in 4 KiB chunks while it grows (or after a short read); other input in
  /// 64 KiB chunks. With `fromStart`, a regular file is read with `pread` from offset 0,
  /// whatever its descriptor's position; else with `read` from that position. Nothing is
  /// zero-filled. `status` is the descriptor's `fstat`, when the caller has it.
  static func read(_ number: Int32, path: String, limit: Int, fromStart: Bool, status known: stat? = nil)
    throws(FileError) -> Outcome
  {
    let info: stat
    if let known { info = known } else { info = try status(number, path: path) }
    let isRegular = info.st_mode & S_IFMT == S_IFREG
    let size = Int(info.st_size)
    if isRegular && size > limit { return .tooLarge(size: size) }
    let positional = isRegular && fromStart
    var bytes: [UInt8] = []
    if isRegular {
      let wanted = min(size, limit) + 1
      var failure: FileError?
      bytes = [UInt8](unsafeUninitializedCapacity: wanted) { buffer, initialized in
        do throws(FileError) {
          initialized = try transfer(number, buffer.baseAddress!, wanted, at: positional ? 0 : nil, path: path)
        } catch {
          failure = error
          initialized = 0
        }
      }
      if let failure { throw failure }
      // The file as its `fstat` gave it, and no more: it is whole (a file that grew since is
      // read as it was, a prefix, as a read a moment earlier would have). Reading on to find
      // the end cost a second `pread` of every log and state cache a command reads.
      if bytes.count == size { return .bytes(bytes) }
    }
    let chunk = isRegular ? 4 << 10 : 64 << 10
    while bytes.count <= limit {
      let received = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: chunk) {
        buffer throws(FileError) -> Int in
        let wanted = min(chunk - 1, limit - bytes.count) + 1
        let offset = positional ? bytes.count : nil
        let count = try transfer(number, buffer.baseAddress!, wanted, at: offset, path: path)
        bytes += buffer[..<count]
        return count
      }
      if received == 0 { break }
    }
    return bytes.count > limit ? .tooLarge(size: bytes.count) : .bytes(bytes)
  }

  /// One `pread` at `offset`, or `read` from the descriptor's position when `offset` is
  /// `nil`, of at most `count` bytes, retried on `EINTR`: the bytes received, 0 at the end.
  private static func transfer(
    _ number: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int, at offset: Int?, path: String
  ) throws(FileError) -> Int {
    try retrying("read", path) {
      if let offset { return pread(number, buffer, count, off_t(offset)) }
      return Glibc.read(number, buffer, count)
    }
  }

  private static func status(_ number: Int32, path: String) throws(FileError) -> stat {
    var info = stat()
    _ = try retrying("stat", path) { fstat(number, &info) }
    return info
  }
}
