#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes that survive a crash: atomic replacement of a whole file, and directory creation.
///
/// Both run under the store's write lock, so a temporary name that already exists was left
/// by a crashed writer and may be removed.
struct DurableFiles {
  let fileSystem: any FileSystem

  /// Replaces `target` (or creates it) with `bytes`, atomically and durably.
  ///
  /// The steps: create `.<name>.tmp` exclusively in the same directory, write, `fsync`,
  /// give the old target a second name `.<name>.bak` (`link`, when it exists), `rename` the
  /// temporary file over the target, `fsync` the directory, remove the `.bak` name. Success
  /// is returned only after all of them. On any failure the temporary file is removed, a
  /// renamed target is put back from `.bak` (or removed when there was none), no `fsync` is
  /// ever retried, and the error of the failed step is thrown: the directory holds what it
  /// held before. A crash leaves the old or the new target, plus perhaps a `.tmp` or `.bak`
  /// name that readers ignore and `Store.recover` removes.
  func replace(_ target: StorePath, in root: String, with bytes: [UInt8]) throws(StoreError) {
    let path = target.absolute(in: root)
    let directory = target.directory(in: root)
    let temporary = target.sibling("tmp", in: root)
    let backup = target.sibling("bak", in: root)
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
    let hasBackup: Bool
    do {
      hasBackup = try linkBackup(path, as: backup)
    } catch {
      try? fileSystem.unlink(temporary)
      throw error
    }
    do {
      try fileSystem.rename(temporary, to: path)
    } catch {
      try? fileSystem.unlink(temporary)
      if hasBackup { try? fileSystem.unlink(backup) }
      throw error
    }
    do {
      try fileSystem.synchronizeDirectory(directory)
      if hasBackup { try fileSystem.unlink(backup) }
    } catch {
      if hasBackup { try? fileSystem.rename(backup, to: path) } else { try? fileSystem.unlink(path) }
      throw error
    }
  }

  /// Rewrites a derived file that the histories can always rebuild, in place: `pwrite` at
  /// offset 0 and `ftruncate`, without `fsync` and without a new file (creating and renaming
  /// a temporary file per command cost more than the command's own append on ext4). A crash
  /// can leave it torn or stale; its readers check it and `store rebuild` rewrites it.
  func replaceCache(_ target: StorePath, in root: String, with bytes: [UInt8]) throws(StoreError) {
    let path = target.absolute(in: root)
    let file: FileDescriptor
    do {
      file = try fileSystem.open(path, .readWrite)
    } catch where error.code == ENOENT {
      file = try fileSystem.open(path, .createExclusive)
    }
    defer { fileSystem.close(file) }
    try fileSystem.write(file, bytes, at: 0)
    try fileSystem.truncate(file, to: bytes.count)
  }

  /// Creates the directory `path` and makes its entry durable (`mkdir`, then `fsync` of
  /// `parent`). An existing directory is accepted, and its entry made durable too, in case
  /// a crash interrupted an earlier creation. When the `fsync` fails, a directory made here
  /// is removed again (`rmdir`) and the error thrown.
  func makeDirectory(_ path: String, parent: String) throws(StoreError) {
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
  func remove(_ path: String, parent: String) throws(StoreError) {
    do {
      try fileSystem.unlink(path)
    } catch  where error.code == ENOENT {
      return
    }
    try fileSystem.synchronizeDirectory(parent)
  }

  /// Opens `path` with `O_CREAT | O_EXCL`, first removing a leftover of a crashed writer.
  private func createFresh(_ path: String) throws(StoreError) -> FileDescriptor {
    do {
      return try fileSystem.open(path, .createExclusive)
    } catch  where error.code == EEXIST {
      try fileSystem.unlink(path)
      return try fileSystem.open(path, .createExclusive)
    }
  }

  /// Links `path` as `backup`, replacing a leftover `backup`; false when `path` does not exist.
  private func linkBackup(_ path: String, as backup: String) throws(StoreError) -> Bool {
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
