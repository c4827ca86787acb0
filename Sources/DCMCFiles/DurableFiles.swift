#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes that survive a crash, through a `FileSystem`: atomic replacement of a whole file,
/// and durable creation and removal of names. Every file dcmc writes is written here.
public struct DurableFiles: Sendable {
  public let fileSystem: any FileSystem

  public init(fileSystem: any FileSystem = PosixFileSystem()) {
    self.fileSystem = fileSystem
  }

  /// Replaces `path` (or creates it) with `bytes`, atomically and durably.
  ///
  /// The steps: create `temporary` exclusively (removing a leftover of a crashed writer of
  /// that name first), write, `fsync`, give the old file the second name `backup` (`link`,
  /// when there is a `backup` and the file exists), `rename` the temporary file over `path`,
  /// `fsync` `directory`, remove the `backup` name. `temporary` and `backup` must be in
  /// `directory`, the directory of `path`. Success is returned only after all of them. On
  /// any failure the temporary file is removed, a renamed file is put back from `backup`
  /// (or removed when there was none), no `fsync` is ever retried, and the error of the
  /// failed step is thrown: the directory holds what it held before. Without a `backup`,
  /// a failed `fsync` of the directory leaves the new file in place, not known durable.
  /// A crash leaves the old or the new file, plus perhaps `temporary` or `backup`.
  public func replace(
    _ path: String, with bytes: [UInt8], temporary: String, backup: String?, directory: String
  ) throws(FileError) {
    let file = try createFresh(temporary)
    do {
      try fileSystem.write(file, bytes, at: 0)
      try fileSystem.synchronize(file, .full)
    } catch {
      fileSystem.close(file)
      try? fileSystem.unlink(temporary)
      throw error
    }
    fileSystem.close(file)
    var backedUp: String?
    do {
      if let backup, try linkBackup(path, as: backup) { backedUp = backup }
    } catch {
      try? fileSystem.unlink(temporary)
      throw error
    }
    do {
      try fileSystem.rename(temporary, to: path)
    } catch {
      try? fileSystem.unlink(temporary)
      if let backedUp { try? fileSystem.unlink(backedUp) }
      throw error
    }
    do {
      try fileSystem.synchronizeDirectory(directory)
      if let backedUp { try fileSystem.unlink(backedUp) }
    } catch {
      if let backedUp {
        try? fileSystem.rename(backedUp, to: path)
      } else if backup != nil {
        try? fileSystem.unlink(path)
      }
      throw error
    }
  }

  /// Rewrites `path` in place: `pwrite` at offset 0 and `ftruncate`, without `fsync` and
  /// without a new file, for a file that can always be rebuilt from others (creating and
  /// renaming a temporary file per command cost more than the command's own append on
  /// ext4). A crash can leave it torn or stale, so its readers must check it. A file it
  /// creates is written without the `ftruncate` (it is empty). `new`: the caller expects no
  /// file there (a new case's state), so it is created first, without the `open` that would be
  /// refused; one found there all the same is rewritten as any other. `length`: the file's
  /// length as the caller read it, under a lock that keeps every other writer of the file out:
  /// when `bytes` cover it, the `ftruncate` is left out (on ext4 it trims the file's
  /// preallocated blocks even at the same size).
  public func overwrite(_ path: String, with bytes: [UInt8], new: Bool = false, length: Int? = nil)
    throws(FileError)
  {
    let file: FileDescriptor
    var created = false
    if new, let made = try createdExclusively(path) {
      (file, created) = (made, true)
    } else {
      do {
        file = try fileSystem.open(path, .readWrite)
      } catch  where error.code == ENOENT {
        file = try fileSystem.open(path, .createExclusive)
        created = true
      }
    }
    defer { fileSystem.close(file) }
    try fileSystem.write(file, bytes, at: 0)
    if !created, length.map({ bytes.count < $0 }) ?? true { try fileSystem.truncate(file, to: bytes.count) }
  }

  /// `path` created (`O_CREAT | O_EXCL`), or `nil` when a file is there already.
  private func createdExclusively(_ path: String) throws(FileError) -> FileDescriptor? {
    do { return try fileSystem.open(path, .createExclusive) } catch  where error.code == EEXIST { return nil }
  }

  /// Creates the directory `path` and makes its entry durable (`mkdir`, then `fsync` of
  /// `parent`). An existing directory is accepted, and its entry made durable too, in case
  /// a crash interrupted an earlier creation. When the `fsync` fails, a directory made here
  /// is removed again (`rmdir`) and the error thrown.
  public func makeDirectory(_ path: String, parent: String) throws(FileError) {
    var made = true
    do {
      try fileSystem.makeDirectory(path)
    } catch  where error.code == EEXIST {
      made = false
    }
    do {
      try fileSystem.synchronizeDirectory(parent)
    } catch {
      if made { try? fileSystem.removeDirectory(path) }
      throw error
    }
  }

  /// Removes the file `path` (`unlink`, then `fsync` of `parent`); a missing file is fine.
  public func remove(_ path: String, parent: String) throws(FileError) {
    do {
      try fileSystem.unlink(path)
    } catch  where error.code == ENOENT {
      return
    }
    try fileSystem.synchronizeDirectory(parent)
  }

  /// Opens `path` with `O_CREAT | O_EXCL`, first removing a leftover of a crashed writer: the
  /// temporary file of `replace`, or of a caller that writes several and flushes them together
  /// before renaming them (the store's group flush of new logs).
  public func createFresh(_ path: String) throws(FileError) -> FileDescriptor {
    do {
      return try fileSystem.open(path, .createExclusive)
    } catch  where error.code == EEXIST {
      try fileSystem.unlink(path)
      return try fileSystem.open(path, .createExclusive)
    }
  }

  /// Links `path` as `backup`, replacing a leftover `backup`; false when `path` does not exist.
  private func linkBackup(_ path: String, as backup: String) throws(FileError) -> Bool {
    do {
      try fileSystem.link(path, as: backup)
      return true
    } catch  where error.code == ENOENT {
      return false
    } catch  where error.code == EEXIST {
      try fileSystem.unlink(backup)
      try fileSystem.link(path, as: backup)
      return true
    }
  }
}
