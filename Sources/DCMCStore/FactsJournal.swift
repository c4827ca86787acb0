import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// `facts/pending` held open for one write lock (`docs/store.md`, "Report facts", "Held
/// open for the lock"): opened and read once, its lines parsed once, and every line the
/// lock's changes add written through the same descriptor at the end it knows, where
/// settling, `namedAlready`, a change's names and its `written` line each opened, measured
/// and read it again. The day files the lock reads and appends to are opened once each too
/// (`DayFiles`). Use it only under the lock that opened it: nothing else writes the journal
/// meanwhile, so its bytes here are the file's.
final class FactsJournal {
  let fileSystem: any FileSystem
  let file: FileDescriptor
  /// The journal's bytes: what it held when opened, with what this lock wrote since.
  private(set) var bytes: [UInt8]
  private var parsed: PendingFacts?
  let days: DayFiles

  /// Opens and reads `facts/pending`; `nil` when the store keeps no facts (no `facts/`).
  init?(_ store: Store, path: StorePath, days: @escaping (Int) -> StorePath) throws(StoreError) {
    let file: FileDescriptor
    do {
      file = try io(store.fileSystem.open(path.absolute(in: store.root), .lockFile))
    } catch where error.code == ENOENT {
      return nil
    }
    do throws(StoreError) {
      bytes = try Self.read(file, store.fileSystem)
    } catch {
      store.fileSystem.close(file)
      throw error
    }
    (fileSystem, self.file) = (store.fileSystem, file)
    self.days = DayFiles(store, writing: true, path: days)
  }

  /// The journal whole in one `pread` after its `fstat`: one byte more than its size is asked
  /// for, so a read that stops at the size stopped at the file's end (`FileSystem.readOnce`),
  /// where reading to the end would take a second `pread` that finds nothing. A read cut short
  /// before the size reads on; a file grown since its `fstat` (nothing writes it under the
  /// lock) is read whole.
  private static func read(_ file: FileDescriptor, _ fileSystem: any FileSystem) throws(StoreError) -> [UInt8] {
    let size = try io(fileSystem.size(file))
    var bytes = try io(fileSystem.readOnce(file, at: 0, count: size + 1))
    if bytes.count < size { bytes += try io(fileSystem.read(file, at: bytes.count, count: size + 1 - bytes.count)) }
    return bytes.count > size ? try io(fileSystem.read(file)) : bytes
  }

  /// The journal's changes, parsed once until the next write.
  var pending: PendingFacts {
    if let parsed { return parsed }
    let pending = PendingFacts(bytes)
    parsed = pending
    return pending
  }

  /// Writes `line` at the journal's end (not flushed); returns the length before it. A failed
  /// write is cut back before the error is thrown.
  func append(_ line: [UInt8]) throws(StoreError) -> Int {
    let length = bytes.count
    do throws(StoreError) {
      try io(fileSystem.write(file, line, at: length))
    } catch {
      cut(to: length)
      throw error
    }
    bytes += line
    parsed = nil
    return length
  }

  /// Cuts the journal back to `length`, throwing when that fails (emptying it).
  func truncate(to length: Int) throws(StoreError) {
    try io(fileSystem.truncate(file, to: length))
    bytes.removeSubrange(min(length, bytes.count)...)
    parsed = nil
  }

  /// `truncate(to:)` for taking back a change's lines when its appends did not happen; if it
  /// fails, the lines stay, which only makes the next change write their facts again.
  func cut(to length: Int) {
    try? truncate(to: length)
  }

  /// The journal's flush (`fdatasync`), when no index entry shares a `syncfs` with it.
  func flush() throws(StoreError) { try io(fileSystem.synchronize(file, .data)) }

  func close() {
    days.close()
    fileSystem.close(file)
  }
}

/// The day files (`facts/YYYY/MM/DD.facts`) one lock reads or appends to, each opened once
/// and kept open until `close()`: settling reads the ranges the journal names, the change
/// appends its facts, and every 16 changes the journal's emptying flushes them, through the
/// same descriptor.
final class DayFiles {
  let store: Store
  /// Whether the files are opened for writing (under the lock) or only read (a reader).
  let writing: Bool
  let path: (Int) -> StorePath
  private var files: [Int: FileDescriptor] = [:]

  init(_ store: Store, writing: Bool, path: @escaping (Int) -> StorePath) {
    (self.store, self.writing, self.path) = (store, writing, path)
  }

  /// The day's file, open for reading and, when `writing`, writing; `nil` when it does not
  /// exist.
  func existing(_ day: Int) throws(StoreError) -> FileDescriptor? {
    if let file = files[day] { return file }
    do {
      let file = try io(store.fileSystem.open(path(day).absolute(in: store.root), writing ? .readWrite : .read))
      files[day] = file
      return file
    } catch where error.code == ENOENT {
      return nil
    }
  }

  /// The day's file open for reading and writing, created (with its directories, made
  /// durable) when missing.
  func created(_ day: Int, _ transaction: StoreTransaction) throws(StoreError) -> FileDescriptor {
    if let file = try existing(day) { return file }
    let path = path(day)
    var directory = StorePath([path.components[0]])
    for component in path.components.dropFirst().dropLast() {
      directory = directory.appending(component)
      try transaction.makeDirectory(directory)
    }
    let file = try io(store.fileSystem.open(path.absolute(in: store.root), .lockFile))
    files[day] = file
    return file
  }

  /// Appends `bytes` at the day file's end (`fstat`); returns the end after them.
  func append(_ bytes: [UInt8], day: Int, _ transaction: StoreTransaction) throws(StoreError) -> Int {
    let file = try created(day, transaction)
    let end = try io(store.fileSystem.size(file))
    try io(store.fileSystem.write(file, bytes, at: end))
    return end + bytes.count
  }

  /// Flushes the day's file (`fdatasync`); a missing file is accepted.
  func flush(_ day: Int) throws(StoreError) {
    guard let file = try existing(day) else { return }
    try io(store.fileSystem.synchronize(file, .data))
  }

  func close() {
    for file in files.values { store.fileSystem.close(file) }
    files = [:]
  }
}
