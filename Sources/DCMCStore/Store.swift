public import DCMCFiles
import DCMCJSON

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A durable store in one directory: history logs, plus any files the runtime keeps next to
/// them, all written through one `FileSystem`.
///
/// Layout (see `docs/store.md`): `store.json` (format and version), `store.lock` (the write
/// lock), `streams/<id>.log` (one history log per stream). Reading needs no lock; every
/// change runs inside `write`, under one store-wide `flock`.
public struct Store: Sendable {
  /// The store's directory, as given (without a trailing `/`).
  public let root: String
  /// The format version `store.json` gave when the store was opened. It only ever goes up,
  /// under the write lock (`StoreTransaction.upgradeFormat`), so a store opened at the
  /// current version stays there.
  public let formatVersion: Int
  let fileSystem: any FileSystem

  /// The directory of the history logs.
  static let streamsDirectory = "streams"
  /// The write lock's file name.
  static let lockFile = "store.lock"
  /// The format file's name.
  static let formatFile = "store.json"
  static let formatPath = StorePath([StoreID(derived: formatFile)])
  /// The mark of a `store copy`'s target until the copy's last step (`markCopying`,
  /// `markCopied`): `{"from": SOURCE}` (`{}` while the source is not recorded yet).
  static let copyMarkFile = "copy-unfinished.json"
  static let copyMarkPath = StorePath([StoreID(derived: copyMarkFile)])

  private init(root: String, formatVersion: Int, fileSystem: any FileSystem) {
    self.root = root
    self.formatVersion = formatVersion
    self.fileSystem = fileSystem
  }

  /// Opens the store at `root`, refusing a directory that is not a store, a store written by
  /// a newer dcmc, and (unless `copying`: the copy that finishes it) a copy's unfinished
  /// target (`StoreError.unfinishedCopy`).
  public static func open(at root: String, fileSystem: any FileSystem = PosixFileSystem(), copying: Bool = false)
    throws(StoreError) -> Store
  {
    let root = normalized(root)
    let file: FileDescriptor
    do {
      file = try io(fileSystem.open(root + "/" + formatFile, .read))
    } catch where error.code == ENOENT {
      throw .notAStore(path: root, reason: "it has no \(formatFile)")
    }
    defer { fileSystem.close(file) }
    let format = try StoreFormat.check(io(fileSystem.read(file)), root: root)
    let store = Store(root: root, formatVersion: format.version, fileSystem: fileSystem)
    if !copying { try store.refuseUnfinishedCopy() }
    return store
  }

  /// Throws `unfinishedCopy` when the store holds the mark of a copy that has not ended.
  func refuseUnfinishedCopy() throws(StoreError) {
    guard let bytes = try contents(of: Self.copyMarkPath) else { return }
    var source: String?
    if case .object(let members)? = try? JSONValue.parse(bytes, limits: .store), case .string(let from)? = members.first?.value {
      source = from
    }
    throw .unfinishedCopy(path: root, source: source)
  }

  /// Marks the store as a copy's unfinished target (from `source`, when given), durably,
  /// under the lock: from now until `markCopied`, every command but a copy refuses it.
  public func markCopying(from source: String?) throws(StoreError) {
    let mark = JSONValue.object(source.map { [("from", .string($0))] } ?? [])
    try write { transaction throws(StoreError) in try transaction.replace(Self.copyMarkPath, with: mark.compact() + [10]) }
  }

  /// Removes the mark of `markCopying`, durably: the copy's last step.
  public func markCopied() throws(StoreError) {
    try write { transaction throws(StoreError) in try transaction.remove(Self.copyMarkPath) }
  }

  /// Creates a store at `root` (the directory may exist, empty or half-made by an
  /// interrupted creation), or opens the store already there. A directory holding anything
  /// else is refused (`notAStore`): a store is not made among someone else's files.
  ///
  /// Every directory entry is made durable before `store.json` is written; `store.json`,
  /// written last with `StoreTransaction.replace`, marks the store as complete. `copying`: a
  /// copy's target, marked unfinished (`markCopying`) before `store.json` is written, and not
  /// refused when it has the mark; any other caller is refused a store that has it.
  public static func create(at root: String, fileSystem: any FileSystem = PosixFileSystem(), copying: Bool = false)
    throws(StoreError) -> Store
  {
    let store = Store(root: normalized(root), formatVersion: StoreFormat.currentVersion, fileSystem: fileSystem)
    if let foreign = try foreignEntry(in: store.root, fileSystem: fileSystem) {
      throw .notAStore(
        path: store.root,
        reason: "it has no \(formatFile) and holds '\(foreign.prefix(64))'; give an empty directory or a new path")
    }
    try io(DurableFiles(fileSystem: fileSystem).makeDirectory(store.root, parent: parentDirectory(of: store.root)))
    return try store.write { transaction throws(StoreError) in
      if let bytes = try store.contents(of: formatPath) {
        let format = try StoreFormat.check(bytes, root: store.root)
        let opened = Store(root: store.root, formatVersion: format.version, fileSystem: fileSystem)
        if !copying { try opened.refuseUnfinishedCopy() }
        return opened
      }
      if copying { try transaction.replace(copyMarkPath, with: Array("{}\n".utf8)) }
      try transaction.makeDirectory(StorePath([StoreID(derived: streamsDirectory)]))
      try transaction.replace(formatPath, with: StoreFormat.current.encoded())
      return store
    }
  }

  /// The first entry of `root` that neither a store nor an interrupted creation of one has
  /// (that is: `root` holds no `store.json`, and something besides `store.lock`, `streams/`,
  /// a copy's mark and their temporary or backup names); `nil` when `root` does not exist.
  private static func foreignEntry(in root: String, fileSystem: any FileSystem) throws(StoreError) -> String? {
    let entries: [DirectoryEntry]
    do {
      entries = try io(fileSystem.list(root))
    } catch where error.code == ENOENT {
      return nil
    }
    let names = entries.map(\.name)
    guard !names.contains(formatFile) else { return nil }
    var creation: Set<String> = [lockFile, streamsDirectory, copyMarkFile]
    for name in [formatFile, copyMarkFile] { creation.formUnion(["." + name + ".tmp", "." + name + ".bak"]) }
    return names.filter { !creation.contains($0) }.sorted().first
  }

  /// The history of `stream`, validated, without its torn tail; `nil` when the stream has
  /// none. Needs no lock.
  public func history(of stream: StoreID) throws(StoreError) -> History? {
    try log(stream).read()
  }

  /// The bytes of the file at `path`, or `nil` when there is none. Files are only ever
  /// replaced whole, so this needs no lock.
  public func contents(of path: StorePath) throws(StoreError) -> [UInt8]? {
    let file: FileDescriptor
    do {
      file = try io(fileSystem.open(path.absolute(in: root), .read))
    } catch where error.code == ENOENT {
      return nil
    }
    defer { fileSystem.close(file) }
    return try io(fileSystem.read(file))
  }

  /// The ids of every stream with a history log, sorted.
  public func streams() throws(StoreError) -> [StoreID] {
    var ids: [StoreID] = []
    for entry in try io(fileSystem.list(root + "/" + Store.streamsDirectory)) where !entry.isDirectory {
      guard entry.name.hasSuffix(".log"), let id = try? StoreID(String(entry.name.dropLast(4))) else { continue }
      ids.append(id)
    }
    return ids.sorted()
  }

  /// Runs `body` holding the store's write lock: `flock(LOCK_EX)` on `store.lock`, from the
  /// first read of `body` to its last write, released when `body` returns or throws, and by
  /// the kernel when the process dies. With `waitForLock` false, throws
  /// `StoreError.lockBusy` instead of waiting for another process.
  public func write<Result>(
    waitForLock: Bool = true, _ body: (StoreTransaction) throws(StoreError) -> Result
  ) throws(StoreError) -> Result {
    let path = root + "/" + Store.lockFile
    let lock = try io(fileSystem.open(path, .lockFile))
    // Closing the only descriptor of this open file description releases the flock.
    defer { fileSystem.close(lock) }
    guard try io(fileSystem.lock(lock, wait: waitForLock)) else { throw .lockBusy(path: path) }
    return try body(StoreTransaction(store: self, lock: lock))
  }

  func log(_ stream: StoreID) -> HistoryLog {
    HistoryLog(fileSystem: fileSystem, path: Store.logPath(stream), root: root)
  }

  /// `streams/<id>.log`. The id is at most 128 bytes, so the name stays a valid file name.
  static func logPath(_ stream: StoreID) -> StorePath {
    StorePath([StoreID(derived: streamsDirectory), StoreID(derived: logName(stream))])
  }

  /// `<id>.log`: the name of `stream`'s log in `streams/`.
  static func logName(_ stream: StoreID) -> String { stream.rawValue + ".log" }

  private static func normalized(_ root: String) -> String {
    var text = root
    while text.count > 1 && text.hasSuffix("/") { text.removeLast() }
    return text
  }

  private static func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }
}
