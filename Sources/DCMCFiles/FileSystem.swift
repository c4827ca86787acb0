/// The file operations dcmc's store needs, and nothing else, as one narrow door to the disk,
/// so that tests can count, fail and record every call (the test file systems live in
/// `_DCMCTestSupport`).
///
/// Paths are absolute or relative to the working directory. Every open uses `O_NOFOLLOW`,
/// `O_CLOEXEC` (a child process must never inherit a lock) and `O_NONBLOCK` (a FIFO planted
/// in the store must not hold the open), and refuses anything but a regular file
/// (`FileError.notRegularFile`, after an `fstat`; a symbolic link is `ELOOP`). Every method is one system call,
/// except `synchronizeDirectory` (open, fsync, close) and `write`/`read`, which may loop over
/// short transfers, and `synchronizeFileSystem`, which flushes other files than its own; a
/// failure is `FileError.system` with the call's name, the path and `errno`.
public protocol FileSystem: Sendable {
  /// Opens `path` as `mode` says.
  func open(_ path: String, _ mode: OpenMode) throws(FileError) -> FileDescriptor
  /// Opens the directory `path` for `open(_:in:_:)` (`O_DIRECTORY`, read only); close it with
  /// `close`. A file system without directory descriptors gives one that names the path only.
  func openDirectory(_ path: String) throws(FileError) -> FileDescriptor
  /// Opens `name`, an entry of `directory` (from `openDirectory`), as `mode` says: `openat`,
  /// without the walk down `directory`'s path that opening by the whole path repeats each time
  /// (a reader of many files of one directory).
  func open(_ name: String, in directory: FileDescriptor, _ mode: OpenMode) throws(FileError) -> FileDescriptor
  /// Closes `file`. Errors are ignored: nothing relies on `close` for durability.
  func close(_ file: FileDescriptor)
  /// Writes all of `bytes` at byte `offset` (`pwrite`, repeated over short writes).
  func write(_ file: FileDescriptor, _ bytes: [UInt8], at offset: Int) throws(FileError)
  /// Reads the whole file from offset 0 to its end (`fstat`, then `pread` until end of file).
  func read(_ file: FileDescriptor) throws(FileError) -> [UInt8]
  /// Up to `count` bytes from byte `offset` (`pread`, repeated over short reads): fewer at
  /// the end of the file.
  func read(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8]
  /// Up to `count` bytes from byte `offset` in one `pread`, not repeated: fewer than `count`
  /// when the file ends first (a regular file's read is cut short only at its end, or for a
  /// process being killed), or on a file system that answers in parts. What a caller checking
  /// where a file ends asks for one byte past it, so that one call answers; a caller that gets
  /// fewer bytes than it needs reads on with `read(_:at:count:)`.
  func readOnce(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8]
  /// The file's size in bytes (`fstat`): where an append to it goes.
  func size(_ file: FileDescriptor) throws(FileError) -> Int
  /// Flushes `file` to the disk: `fdatasync` for `.data`, `fsync` for `.full`.
  func synchronize(_ file: FileDescriptor, _ kind: SyncKind) throws(FileError)
  /// Makes every write made so far to any file on the file system holding `file` durable, at
  /// once (`syncfs`): one flush for the many files a batch wrote, where a flush of each would
  /// wait for the disk once per file. It flushes other writers' data on that file system too,
  /// and fails when a writeback of any file there failed since `file` was opened (Linux 5.8
  /// and later; before, it never failed), so open `file` before the writes it must cover.
  func synchronizeFileSystem(_ file: FileDescriptor) throws(FileError)
  /// Cuts `file` to `length` bytes (`ftruncate`).
  func truncate(_ file: FileDescriptor, to length: Int) throws(FileError)
  /// Takes `flock(LOCK_EX)` on `file`, waiting for it when `wait` is true; returns false
  /// when `wait` is false and another open file description holds it.
  func lock(_ file: FileDescriptor, wait: Bool) throws(FileError) -> Bool
  /// Renames `source` over `destination` (`rename`, atomic on one file system).
  func rename(_ source: String, to destination: String) throws(FileError)
  /// Gives `existing` a second name `newPath` (`link`, never following symbolic links).
  func link(_ existing: String, as newPath: String) throws(FileError)
  /// Removes the name `path` (`unlink`).
  func unlink(_ path: String) throws(FileError)
  /// Creates the directory `path` (`mkdir`, mode 0755).
  func makeDirectory(_ path: String) throws(FileError)
  /// Removes the empty directory `path` (`rmdir`): how a failed creation is undone.
  func removeDirectory(_ path: String) throws(FileError)
  /// Makes the entries of directory `path` durable (open `O_DIRECTORY`, `fsync`, close).
  func synchronizeDirectory(_ path: String) throws(FileError)
  /// The entries of directory `path`, without `.` and `..`, in no particular order. A
  /// symbolic link is never a directory entry's `isDirectory`, whatever it points to, and a
  /// `path` that is a link is not listed unless it ends with `/`.
  func list(_ directory: String) throws(FileError) -> [DirectoryEntry]
  /// What tells one version of the file at `path` from another (`lstat`: device, inode, size,
  /// modification and change times), so a cache of it knows when to read it again; `nil` when
  /// there is no such file, or when this file system cannot tell (then read it every time).
  func identity(_ path: String) throws(FileError) -> String?
  /// Which file `path` names and its size (`lstat`), one call where an open, an `fstat` and a
  /// close would be three; `nil` when there is no such file, or when this file system cannot
  /// tell files apart (then a caller opens the path every time).
  func status(_ path: String) throws(FileError) -> FileStatus?
  /// Which file `file` is and its size (`fstat`); `nil` when this file system cannot tell.
  func status(_ file: FileDescriptor) throws(FileError) -> FileStatus?
}

extension FileSystem {
  /// A directory "descriptor" that names the path only: `open(_:in:_:)` opens by the whole path.
  public func openDirectory(_ path: String) throws(FileError) -> FileDescriptor {
    FileDescriptor(number: -1, path: path)
  }

  /// Opens `directory`'s path followed by `name`: a file system without `openat`, every call
  /// one `open` by path (so the test file systems see, count and fail it as one).
  public func open(_ name: String, in directory: FileDescriptor, _ mode: OpenMode) throws(FileError)
    -> FileDescriptor
  {
    try open(directory.path + "/" + name, mode)
  }

  /// The read repeated over short reads: a file system that reads in one call needs no other.
  public func readOnce(_ file: FileDescriptor, at offset: Int, count: Int) throws(FileError) -> [UInt8] {
    try read(file, at: offset, count: count)
  }

  /// A file system that cannot tell versions apart: readers read every time.
  public func identity(_ path: String) throws(FileError) -> String? { nil }

  /// A file system that cannot tell files apart: callers open the path every time.
  public func status(_ path: String) throws(FileError) -> FileStatus? { nil }

  /// A file system that cannot tell files apart.
  public func status(_ file: FileDescriptor) throws(FileError) -> FileStatus? { nil }
}
