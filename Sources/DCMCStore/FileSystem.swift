/// The only door between the store and the disk: every file operation the engine needs,
/// and nothing else, so tests can count, fail and record them.
///
/// Paths are absolute or relative to the working directory, always built by the store from
/// its root and validated `StoreID`s. Every open uses `O_NOFOLLOW` and `O_CLOEXEC` (a child
/// process must never inherit a lock). Every method is one system call, except
/// `synchronizeDirectory` (open, fsync, close) and `write`/`read`, which may loop over short
/// transfers; a failure is `StoreError.system` with the call's name, the path and `errno`.
public protocol FileSystem: Sendable {
  /// Opens `path` as `mode` says.
  func open(_ path: String, _ mode: OpenMode) throws(StoreError) -> FileDescriptor
  /// Closes `file`. Errors are ignored: the store never relies on `close` for durability.
  func close(_ file: FileDescriptor)
  /// Writes all of `bytes` at byte `offset` (`pwrite`, repeated over short writes).
  func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(StoreError)
  /// Reads the whole file from offset 0 to its end (`fstat`, then `pread` until end of file).
  func read(_ file: FileDescriptor) throws(StoreError) -> [UInt8]
  /// Flushes `file` to the disk: `fdatasync` for `.data`, `fsync` for `.full`.
  func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(StoreError)
  /// Cuts `file` to `length` bytes (`ftruncate`).
  func truncate(_ file: FileDescriptor, to length: Int) throws(StoreError)
  /// Takes `flock(LOCK_EX)` on `file`, waiting for it when `wait` is true; returns false
  /// when `wait` is false and another open file description holds it.
  func lock(_ file: FileDescriptor, wait: Bool) throws(StoreError) -> Bool
  /// Renames `source` over `destination` (`rename`, atomic on one file system).
  func rename(_ source: String, to destination: String) throws(StoreError)
  /// Gives `existing` a second name `newPath` (`link`, never following symbolic links).
  func link(_ existing: String, as newPath: String) throws(StoreError)
  /// Removes the name `path` (`unlink`).
  func unlink(_ path: String) throws(StoreError)
  /// Creates the directory `path` (`mkdir`, mode 0755).
  func makeDirectory(_ path: String) throws(StoreError)
  /// Removes the empty directory `path` (`rmdir`): how a failed creation is undone.
  func removeDirectory(_ path: String) throws(StoreError)
  /// Makes the entries of directory `path` durable (open `O_DIRECTORY`, `fsync`, close).
  func synchronizeDirectory(_ path: String) throws(StoreError)
  /// The entries of directory `path`, without `.` and `..`, in no particular order.
  func list(_ directory: String) throws(StoreError) -> [DirectoryEntry]
}

/// A `FileSystem` that passes every call to `base`: a test's wrapper implements only the
/// calls it changes or watches.
package protocol ForwardingFileSystem: FileSystem {
  var base: any FileSystem { get }
}

extension ForwardingFileSystem {
  package func open(_ path: String, _ mode: OpenMode) throws(StoreError) -> FileDescriptor {
    try base.open(path, mode)
  }
  package func close(_ file: FileDescriptor) { base.close(file) }
  package func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(StoreError) {
    try base.write(file, bytes, at: offset)
  }
  package func read(_ file: FileDescriptor) throws(StoreError) -> [UInt8] { try base.read(file) }
  package func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(StoreError) {
    try base.synchronize(file, kind)
  }
  package func truncate(_ file: FileDescriptor, to length: Int) throws(StoreError) {
    try base.truncate(file, to: length)
  }
  package func lock(_ file: FileDescriptor, wait: Bool) throws(StoreError) -> Bool { try base.lock(file, wait: wait) }
  package func rename(_ source: String, to destination: String) throws(StoreError) {
    try base.rename(source, to: destination)
  }
  package func link(_ existing: String, as newPath: String) throws(StoreError) { try base.link(existing, as: newPath) }
  package func unlink(_ path: String) throws(StoreError) { try base.unlink(path) }
  package func makeDirectory(_ path: String) throws(StoreError) { try base.makeDirectory(path) }
  package func removeDirectory(_ path: String) throws(StoreError) { try base.removeDirectory(path) }
  package func synchronizeDirectory(_ path: String) throws(StoreError) { try base.synchronizeDirectory(path) }
  package func list(_ directory: String) throws(StoreError) -> [DirectoryEntry] { try base.list(directory) }
}
