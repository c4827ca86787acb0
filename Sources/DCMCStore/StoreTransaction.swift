import DCMCFiles

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
  public func replaceCache(_ path: StorePath, with bytes: [UInt8], new: Bool = false, length: Int? = nil)
    throws(StoreError)
  {
    try io(
      DurableFiles(fileSystem: store.fileSystem).overwrite(
        path.absolute(in: store.root), with: bytes, new: new, length: length))
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
