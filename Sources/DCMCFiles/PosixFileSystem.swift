#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real file system: each method is the POSIX call it names, retried on `EINTR`.
public struct PosixFileSystem: FileSystem {
  public init() {}

  public func open(_ path: String, _ mode: OpenMode) throws(FileError) -> FileDescriptor {
    let number = try retrying("open", path) { Glibc.open(path, Self.flags(mode), 0o644) }
    return try Self.regular(Int32(number), path: path)
  }

  public func openDirectory(_ path: String) throws(FileError) -> FileDescriptor {
    let number = try retrying("open", path) { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
    return FileDescriptor(number: Int32(number), path: path)
  }

  public func open(_ name: String, in directory: FileDescriptor, _ mode: OpenMode) throws(FileError)
    -> FileDescriptor
  {
    let path = directory.path + "/" + name
    let number = try retrying("openat", path) { openat(directory.number, name, Self.flags(mode), 0o644) }
    return try Self.regular(Int32(number), path: path)
  }

  /// `number`, just opened, when it is a regular file; else it is closed and refused as
  /// `FileError.notRegularFile` (a directory, a FIFO, a device or a socket planted where a
  /// store file belongs: the open did not wait for a FIFO's writer, `O_NONBLOCK`, and nothing
  /// reads or writes it).
  private static func regular(_ number: Int32, path: String) throws(FileError) -> FileDescriptor {
    var info = stat()
    if fstat(number, &info) != 0 {
      let code = errno
      _ = Glibc.close(number)
      throw .system(operation: "stat", path: path, code: code)
    }
    guard info.st_mode & S_IFMT == S_IFREG else {
      _ = Glibc.close(number)
      throw .notRegularFile(path: path)
    }
    return FileDescriptor(number: number, path: path)
  }

  /// What each mode opens with: never following a link, never inherited by a child, never
  /// waiting for a FIFO's other end (`O_NONBLOCK` changes nothing for a regular file).
  private static func flags(_ mode: OpenMode) -> Int32 {
    let common = O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK
    switch mode {
    case .read: return O_RDONLY | common
    case .readWrite: return O_RDWR | common
    case .createExclusive: return O_WRONLY | O_CREAT | O_EXCL | common
    case .lockFile: return O_RDWR | O_CREAT | common
    }
  }

  public func close(_ file: FileDescriptor) {
    _ = Glibc.close(file.number)
  }

  public func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(FileError) {
    var done = 0
    while done < bytes.count {
      let count = try retrying("write", file.path) {
        bytes.withUnsafeBytes { buffer in
          pwrite(file.number, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
        }
      }
      done += count
    }
  }

  /// The whole file, read as `BoundedReader` reads, without a limit (a file larger than
  /// memory can address fails with `EFBIG`).
  public func read(_ file: FileDescriptor) throws(FileError) -> [UInt8] {
    switch try BoundedReader.read(file.number, path: file.path, limit: .max, fromStart: true) {
    case .bytes(let bytes): return bytes
    case .tooLarge: throw .system(operation: "read", path: file.path, code: EFBIG)
    }
  }

  public func read(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    var done = 0
    while done < count {
      let read = try retrying("read", file.path) {
        bytes.withUnsafeMutableBytes { buffer in
          pread(file.number, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
        }
      }
      if read == 0 { break }
      done += read
    }
    return Array(bytes.prefix(done))
  }

  public func readOnce(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8] {
    var bytes = [UInt8](repeating: 0, count: count)
    let read = try retrying("read", file.path) {
      bytes.withUnsafeMutableBytes { buffer in pread(file.number, buffer.baseAddress!, buffer.count, off_t(offset)) }
    }
    bytes.removeLast(count - read)
    return bytes
  }

  public func size(_ file: FileDescriptor) throws(FileError) -> Int {
    var info = stat()
    _ = try retrying("stat", file.path) { fstat(file.number, &info) }
    return Int(info.st_size)
  }

  public func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(FileError) {
    switch kind {
    case .data: _ = try retrying("fdatasync", file.path) { fdatasync(file.number) }
    case .full: _ = try retrying("fsync", file.path) { fsync(file.number) }
    }
  }

  public func synchronizeFileSystem(_ file: FileDescriptor) throws(FileError) {
    _ = try retrying("syncfs", file.path) { syncfs(file.number) }
  }

  public func truncate(_ file: FileDescriptor, to length: Int) throws(FileError) {
    _ = try retrying("truncate", file.path) { ftruncate(file.number, off_t(length)) }
  }

  public func lock(_ file: FileDescriptor, wait: Bool) throws(FileError) -> Bool {
    while flock(file.number, wait ? LOCK_EX : LOCK_EX | LOCK_NB) != 0 {
      let code = errno
      if code == EINTR { continue }
      if code == EWOULDBLOCK && !wait { return false }
      throw .system(operation: "lock", path: file.path, code: code)
    }
    return true
  }

  public func rename(_ source: String, to destination: String) throws(FileError) {
    _ = try retrying("rename", source) { Glibc.rename(source, destination) }
  }

  public func link(_ existing: String, as newPath: String) throws(FileError) {
    _ = try retrying("link", existing) { Glibc.link(existing, newPath) }
  }

  public func unlink(_ path: String) throws(FileError) {
    _ = try retrying("unlink", path) { Glibc.unlink(path) }
  }

  public func makeDirectory(_ path: String) throws(FileError) {
    _ = try retrying("mkdir", path) { mkdir(path, 0o755) }
  }

  public func removeDirectory(_ path: String) throws(FileError) {
    _ = try retrying("rmdir", path) { rmdir(path) }
  }

  public func synchronizeDirectory(_ path: String) throws(FileError) {
    let number = try Int32(
      retrying("open", path) { Glibc.open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) })
    defer { _ = Glibc.close(number) }
    _ = try retrying("fsync", path) { fsync(number) }
  }

  public func identity(_ path: String) throws(FileError) -> String? {
    var info = stat()
    guard lstat(path, &info) == 0 else {
      if errno == ENOENT { return nil }
      throw .system(operation: "stat", path: path, code: errno)
    }
    let (modified, changed) = (info.st_mtim, info.st_ctim)
    func signed(_ number: Int) -> (magnitude: UInt64, negative: Bool) { (UInt64(number.magnitude), number < 0) }
    return Self.identityText([
      (UInt64(info.st_dev), false), (UInt64(info.st_ino), false), signed(info.st_size), signed(modified.tv_sec),
      signed(modified.tv_nsec), signed(changed.tv_sec), signed(changed.tv_nsec),
    ])
  }

  /// `device:inode:size:modified.nanoseconds:changed.nanoseconds` of the seven numbers
  /// (magnitude, whether negative) in that order, as string interpolation writes them: the
  /// digits written straight into the string's storage (the server asks for four identities
  /// a request, and seven interpolated integers cost ten times the `lstat`).
  static func identityText(_ numbers: [(magnitude: UInt64, negative: Bool)]) -> String {
    String(unsafeUninitializedCapacity: numbers.count * 22) { text in
      var end = 0
      for (index, number) in numbers.enumerated() {
        if index > 0 {
          text[end] = index < Self.identitySeparators.count ? Self.identitySeparators[index] : UInt8(ascii: ":")
          end += 1
        }
        if number.negative {
          text[end] = UInt8(ascii: "-")
          end += 1
        }
        var digits = 1
        var rest = number.magnitude
        while rest >= 10 {
          rest /= 10
          digits += 1
        }
        rest = number.magnitude
        for place in stride(from: end + digits - 1, through: end, by: -1) {
          text[place] = UInt8(ascii: "0") + UInt8(rest % 10)
          rest /= 10
        }
        end += digits
      }
      return end
    }
  }

  /// What comes before each number of an identity (the first has none).
  private static let identitySeparators: [UInt8] = Array("::::.:.".utf8)

  public func status(_ path: String) throws(FileError) -> FileStatus? {
    var info = stat()
    do {
      _ = try retrying("stat", path) { lstat(path, &info) }
    } catch where error.code == ENOENT {
      return nil
    }
    return FileStatus(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size))
  }

  public func status(_ file: FileDescriptor) throws(FileError) -> FileStatus? {
    var info = stat()
    _ = try retrying("stat", file.path) { fstat(file.number, &info) }
    return FileStatus(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int(info.st_size))
  }

  public func list(_ directory: String) throws(FileError) -> [DirectoryEntry] {
    let number = try Int32(
      retrying("open", directory) { Glibc.open(directory, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) })
    guard let stream = fdopendir(number) else {
      let code = errno
      _ = Glibc.close(number)
      throw .system(operation: "list", path: directory, code: code)
    }
    defer { closedir(stream) }
    var entries: [DirectoryEntry] = []
    while true {
      errno = 0
      guard let entry = readdir(stream) else {
        if errno != 0 { throw .system(operation: "list", path: directory, code: errno) }
        break
      }
      let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
        String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
      }
      if name == "." || name == ".." { continue }
      var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
      if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) {
        var status = stat()
        isDirectory = lstat(directory + "/" + name, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
      }
      entries.append(DirectoryEntry(name: name, isDirectory: isDirectory))
    }
    return entries
  }
}
