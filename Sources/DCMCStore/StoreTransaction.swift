import DCMCFiles
import DCMCJSON

/// What `Store.write` lets its body do while it holds the write lock; use it only inside
/// that body (outside, nothing holds the lock).
///
/// One command should make one `append`: the history is the commit point, and one append
/// is atomic. Other files written in the same transaction (`replace`) are each atomic on
/// their own, but not together with the append; keep them derivable from the histories.
public struct StoreTransaction: Sendable {
  let store: Store

  /// The history of `stream` (read under the lock, so it is what the next append extends).
  public func history(of stream: StoreID) throws(StoreError) -> History? {
    try store.log(stream).read()
  }

  /// Appends `payloads` to `stream`'s log as one command, numbered after its last record;
  /// creates the log on the first append. Durable when it returns.
  public func append(_ payloads: [[UInt8]], to stream: StoreID) throws(StoreError) -> AppendResult {
    try store.log(stream).append(payloads)
  }

  /// The number of records of `stream` and where its valid part ends (read under the lock, so
  /// it is what the next append extends); `nil` when the stream has no log.
  func scan(of stream: StoreID) throws(StoreError) -> History.Scan? {
    try store.log(stream).scan()
  }

  /// Appends `values` encoded as JSON (sorted keys, one line each) as one command. `known`
  /// is the stream's log as scanned in this transaction, if it was (it is not read again).
  package func append<Value: JSONConvertible>(values: [Value], to stream: StoreID, after known: History.Scan? = nil)
    throws(StoreError) -> AppendResult
  {
    try store.log(stream).append(values.map { $0.json.compact() }, after: known)
  }

  /// Replaces the file at `path` with `bytes` atomically and durably (`DurableFiles.replace`).
  /// Its directory must exist.
  public func replace(_ path: StorePath, with bytes: [UInt8]) throws(StoreError) {
    try DurableFiles(fileSystem: store.fileSystem).replace(path, in: store.root, with: bytes)
  }

  /// Rewrites a derived file in place, not durably (`DurableFiles.overwrite`): for caches
  /// of the histories, which readers check and rebuild.
  public func replaceCache(_ path: StorePath, with bytes: [UInt8]) throws(StoreError) {
    try io(DurableFiles(fileSystem: store.fileSystem).overwrite(path.absolute(in: store.root), with: bytes))
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
