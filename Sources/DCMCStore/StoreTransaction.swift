import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// What `Store.write` lets its body do while it holds the write lock; use it only inside
/// that body (outside, nothing holds the lock).
///
/// One command should make one `append`: the history is the commit point, and one append
/// is atomic. Other files written in the same transaction (`replace`) are each atomic on
/// their own, but not together with the append; keep them derivable from the histories.
public struct StoreTransaction: Sendable {
  let store: Store
  /// The write lock's descriptor, opened before any write of the transaction: what
  /// `synchronizeFileSystem()` gives `syncfs`, so a writeback error since is reported.
  let lock: FileDescriptor

  /// The history of `stream` (read under the lock, so it is what the next append extends).
  public func history(of stream: StoreID) throws(StoreError) -> History? {
    try store.log(stream).read()
  }

  /// Appends `payloads` to `stream`'s log as one command, numbered after its last record;
  /// creates the log on the first append. Durable when it returns.
  public func append(_ payloads: [[UInt8]], to stream: StoreID) throws(StoreError) -> AppendResult {
    try store.log(stream).append(payloads)
  }

  /// Opens `stream`'s log for an append in this transaction and scans it (its version, read
  /// under the lock, is what the append extends); close it with `close(_:of:)`.
  func open(_ stream: StoreID) throws(StoreError) -> HistoryLog.Opened { try store.log(stream).open() }

  func close(_ opened: HistoryLog.Opened, of stream: StoreID) { store.log(stream).close(opened) }

  /// Makes every write of the transaction so far durable at once (`syncfs`, on the lock's
  /// descriptor): one flush for several files and directories, which would otherwise wait
  /// for the disk once each. It flushes other writers' data on the file system too.
  func synchronizeFileSystem() throws(StoreError) { try io(store.fileSystem.synchronizeFileSystem(lock)) }

  /// Runs `upgrade` when `store.json`, read under the lock, names a version older than
  /// `StoreFormat.currentVersion`, then writes the current version to it (atomically and
  /// durably), last: an interrupted upgrade leaves the old version, and runs again at the next
  /// write, so `upgrade` must be safe to run again. A store opened at the current version is
  /// not read again.
  public func upgradeFormat(_ upgrade: () throws(StoreError) -> Void) throws(StoreError) {
    guard store.formatVersion < StoreFormat.currentVersion else { return }
    let bytes = try store.contents(of: Store.formatPath)
    let found = try bytes.map { bytes throws(StoreError) in try StoreFormat.check(bytes, root: store.root) }
    guard let found, found.version < StoreFormat.currentVersion else { return }
    try upgrade()
    try replace(
      Store.formatPath, with: StoreFormat(format: found.format, version: StoreFormat.currentVersion).encoded())
  }


  /// Replaces the file at `path` with `bytes` atomically and durably (`DurableFiles.replace`).
  /// Its directory must exist.
  public func replace(_ path: StorePath, with bytes: [UInt8]) throws(StoreError) {
    try DurableFiles(fileSystem: store.fileSystem).replace(path, in: store.root, with: bytes)
  }

  /// Rewrites a derived file in place, not durably (`DurableFiles.overwrite`): for caches
  /// of the histories, which readers check and rebuild. `length`: the file's length read
  /// under this transaction's lock (`DurableFiles.overwrite`).
  ///
  /// What is at `path` when it is not a regular file (a directory, a link, a FIFO planted
  /// there: `FileError.isNotRegularFile`) is removed first (`removeEntry`), so the cache
  /// is written where readers, which took it for a missing cache, look for it.
  public func replaceCache(_ path: StorePath, with bytes: [UInt8], new: Bool = false, length: Int? = nil)
    throws(StoreError)
  {
    let files = DurableFiles(fileSystem: store.fileSystem)
    let absolute = path.absolute(in: store.root)
    do throws(FileError) {
      try files.overwrite(absolute, with: bytes, new: new, length: length)
    } catch where error.isNotRegularFile {
      try removeEntry(path)
      try io(files.overwrite(absolute, with: bytes, new: true))
    } catch {
      throw .file(error)
    }
  }

  /// `replace` of a file derived from the histories (`tick.json`): when the replace fails
  /// because what is at `path` is not a regular file (a directory cannot be renamed over),
  /// that is removed (`removeEntry`) and the replace made again.
  public func replaceDerived(_ path: StorePath, with bytes: [UInt8]) throws(StoreError) {
    do throws(StoreError) {
      try replace(path, with: bytes)
    } catch {
      do throws(StoreError) {
        _ = try store.contents(of: path)
        throw error
      } catch let found where found.isNotRegularFile {
        try removeEntry(path)
        try replace(path, with: bytes)
      }
    }
  }

  /// Removes what is at `path` durably, whatever it is (a file, a link, a FIFO, a socket, a
  /// device: `unlink`; an empty directory: `rmdir`; nothing is fine), then `fsync`s its
  /// directory: how a file that is not a regular file is cleared from where a derived file
  /// belongs. A directory that holds anything is left as it is and the `rmdir`'s `ENOTEMPTY`
  /// thrown: what it holds is not the store's to delete.
  public func removeEntry(_ path: StorePath) throws(StoreError) {
    let absolute = path.absolute(in: store.root)
    do throws(FileError) {
      try store.fileSystem.unlink(absolute)
    } catch where error.code == EISDIR || error.code == EPERM {
      try io(store.fileSystem.removeDirectory(absolute))
    } catch where error.code == ENOENT {
      return
    } catch {
      throw .file(error)
    }
    try io(store.fileSystem.synchronizeDirectory(path.directory(in: store.root)))
  }

  /// Removes the file at `path` durably (`unlink`, then `fsync` of its directory); a missing
  /// file is accepted.
  public func remove(_ path: StorePath) throws(StoreError) {
    try io(
      DurableFiles(fileSystem: store.fileSystem).remove(
        path.absolute(in: store.root), parent: path.directory(in: store.root)))
  }

  /// Creates the directory `path` (its parent must exist) and makes its entry durable; an
  /// existing directory is accepted.
  public func makeDirectory(_ path: StorePath) throws(StoreError) {
    try io(
      DurableFiles(fileSystem: store.fileSystem).makeDirectory(
        path.absolute(in: store.root), parent: path.directory(in: store.root)))
  }
}
