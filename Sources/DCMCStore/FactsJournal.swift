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
  /// The journal parsed: its first `parsed.wholeLength` bytes, and all of them when `current`.
  /// What the process's last lock parsed, when the journal still begins with the bytes it
  /// parsed (another process may have written it between: compared, not assumed), so a lock
  /// parses only what was written since (`PendingFacts.read`).
  private var parsed = PendingFacts()
  private var current = false
  /// How many of the journal's bytes this lock parsed.
  private(set) var parsedBytes = 0
  let days: DayFiles

  /// What this lock gives back to `held` when it closes (`nil`: nothing is kept).
  private let held: HeldFactsFiles?
  /// Which file the journal is (device and inode), when the file system tells.
  private let status: FileStatus?

  /// Opens and reads `facts/pending`; `nil` when the store keeps no facts (no `facts/`). With
  /// `held`, the descriptors the process's last lock kept are used again when their paths
  /// still name their files (`HeldFactsFiles`), and this lock's are kept when it closes.
  init?(_ store: Store, path: StorePath, days: @escaping (Int) -> StorePath, held: HeldFactsFiles? = nil)
    throws(StoreError)
  {
    let fileSystem = store.fileSystem
    let taken = held?.take() ?? HeldFactsFiles.Files()
    let file: FileDescriptor
    let status: FileStatus?
    var size: Int?
    do throws(StoreError) {
      if let reused = try HeldFactsFiles.reuse(taken.journal, fileSystem) {
        (file, status, size) = (reused.held.file, reused.held.status, reused.size)
      } else {
        do {
          file = try io(fileSystem.open(path.absolute(in: store.root), .lockFile))
        } catch where error.code == ENOENT {
          HeldFactsFiles.close(HeldFactsFiles.Files(fileSystem: fileSystem, days: taken.days))
          return nil
        }
        do throws(StoreError) {
          status = held == nil ? nil : try io(fileSystem.status(file))
        } catch {
          fileSystem.close(file)
          throw error
        }
        size = status?.size
      }
    } catch {
      HeldFactsFiles.close(HeldFactsFiles.Files(fileSystem: fileSystem, days: taken.days))
      throw error
    }
    do throws(StoreError) {
      bytes = try Self.read(file, size: size, fileSystem)
      if let kept = taken.parsed, Self.begins(bytes, with: kept.bytes, length: kept.pending.wholeLength) {
        parsed = kept.pending
      }
    } catch {
      fileSystem.close(file)
      HeldFactsFiles.close(HeldFactsFiles.Files(fileSystem: fileSystem, days: taken.days))
      throw error
    }
    (self.fileSystem, self.file, self.status) = (fileSystem, file, status)
    // Kept only where the file system tells files apart.
    if let held, status != nil {
      self.held = held
      self.days = DayFiles(store, writing: true, path: days, held: taken.days)
    } else {
      HeldFactsFiles.close(HeldFactsFiles.Files(fileSystem: fileSystem, days: taken.days))
      self.held = nil
      self.days = DayFiles(store, writing: true, path: days)
    }
  }

  /// The journal whole in one `pread` after its `fstat`: one byte more than its size is asked
  /// for, so a read that stops at the size stopped at the file's end (`FileSystem.readOnce`),
  /// where reading to the end would take a second `pread` that finds nothing. A read cut short
  /// before the size reads on; a file grown since its `fstat` (nothing writes it under the
  /// lock) is read whole. `known` is the size when an `lstat` or `fstat` just gave it.
  private static func read(_ file: FileDescriptor, size known: Int?, _ fileSystem: any FileSystem)
    throws(StoreError) -> [UInt8]
  {
    let size: Int
    if let known { size = known } else { size = try io(fileSystem.size(file)) }
    var bytes = try io(fileSystem.readOnce(file, at: 0, count: size + 1))
    if bytes.count < size { bytes += try io(fileSystem.read(file, at: bytes.count, count: size + 1 - bytes.count)) }
    return bytes.count > size ? try io(fileSystem.read(file)) : bytes
  }

  /// Whether `bytes` begins with the first `length` bytes of `kept`.
  private static func begins(_ bytes: [UInt8], with kept: [UInt8], length: Int) -> Bool {
    guard length > 0 else { return true }
    guard bytes.count >= length, kept.count >= length else { return false }
    return bytes.withUnsafeBytes { bytes in
      kept.withUnsafeBytes { kept in
        guard let bytes = bytes.baseAddress, let kept = kept.baseAddress else { return false }
        return memcmp(bytes, kept, length) == 0
      }
    }
  }

  /// The journal's changes, parsed once until the next write, which is parsed from the end
  /// of the last change read whole.
  var pending: PendingFacts {
    if !current {
      parsedBytes += bytes.count - parsed.wholeLength
      parsed.read(bytes)
      current = true
    }
    return parsed
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
    current = false
    return length
  }

  /// Cuts the journal back to `length`, throwing when that fails (emptying it). Emptied, it
  /// names no range: the day files' ranges this process wrote need not be kept.
  func truncate(to length: Int) throws(StoreError) {
    try io(fileSystem.truncate(file, to: length))
    bytes.removeSubrange(min(length, bytes.count)...)
    if length < parsed.wholeLength { parsed = PendingFacts() }
    current = false
    if length == 0 { days.forgetWritten() }
  }

  /// `truncate(to:)` for taking back a change's lines when its appends did not happen; if it
  /// fails, the lines stay, which only makes the next change write their facts again.
  func cut(to length: Int) {
    try? truncate(to: length)
  }

  /// The journal's flush (`fdatasync`), unless the change's entries or new logs take a
  /// `syncfs` that covers it (`flushBeforeAppends`).
  func flush() throws(StoreError) { try io(fileSystem.synchronize(file, .data)) }

  /// Closes the journal and the day files, or keeps them for the process's next lock.
  func close() {
    let days = days.close()
    guard let held, let status else {
      fileSystem.close(file)
      return
    }
    held.keep(
      HeldFactsFiles.Files(
        fileSystem: fileSystem, journal: .init(file: file, status: status), parsed: (bytes, parsed), days: days))
  }
}

/// The day files (`facts/YYYY/MM/DD.facts`) one lock reads or appends to, each opened once
/// and kept open until `close()`: settling reads the ranges the journal names, the change
/// appends its facts, and every 64 changes (`flushEvery`) the journal's emptying flushes
/// them, through the same descriptor. Those of a journal held across locks (`HeldFactsFiles`)
/// are kept for the next lock, with the ranges this process appended to each.
final class DayFiles {
  let store: Store
  /// Whether the files are opened for writing (under the lock) or only read (a reader).
  let writing: Bool
  let path: (Int) -> StorePath
  private var files: [Int: FileDescriptor] = [:]
  /// Each open day file's end, once known (its `lstat`, `fstat`, or this lock's appends):
  /// nothing else writes it under the lock.
  private var ends: [Int: Int] = [:]
  /// What the process's last lock kept, not yet used by this one; `nil`: nothing is kept.
  private var held: [Int: HeldFactsFiles.Held]?
  /// This lock's day files that are kept: which file each is, and the ranges appended to it.
  private var kept: [Int: HeldFactsFiles.Held] = [:]

  init(_ store: Store, writing: Bool, path: @escaping (Int) -> StorePath) {
    (self.store, self.writing, self.path) = (store, writing, path)
  }

  /// Day files for a lock that keeps them for the next (`held`: what the last one kept).
  init(_ store: Store, writing: Bool, path: @escaping (Int) -> StorePath, held: [Int: HeldFactsFiles.Held]) {
    (self.store, self.writing, self.path, self.held) = (store, writing, path, held)
  }

  /// The day's file, open for reading and, when `writing`, writing; `nil` when it does not
  /// exist.
  func existing(_ day: Int) throws(StoreError) -> FileDescriptor? {
    if let file = files[day] { return file }
    if var reused = try HeldFactsFiles.reuse(held?.removeValue(forKey: day), store.fileSystem) {
      // A file cut shorter in place (nothing in dcmc does) has lost what it held there.
      reused.held.written = reused.held.written.filter { $0.to <= reused.size }
      (files[day], ends[day], kept[day]) = (reused.held.file, reused.size, reused.held)
      return reused.held.file
    }
    do {
      let file = try io(store.fileSystem.open(path(day).absolute(in: store.root), writing ? .readWrite : .read))
      try opened(file, day)
      return file
    } catch where error.code == ENOENT {
      return nil
    }
  }

  /// Records `file`, just opened, as the day's; a file kept for the next lock has its
  /// identity (and its end) from its `fstat`.
  private func opened(_ file: FileDescriptor, _ day: Int) throws(StoreError) {
    files[day] = file
    guard held != nil else { return }
    guard let status = try io(store.fileSystem.status(file)) else { return }
    (ends[day], kept[day]) = (status.size, HeldFactsFiles.Held(file: file, status: status))
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
    try opened(file, day)
    return file
  }

  /// Appends `parts` at the day file's end (known, or its `fstat`) in one write; returns where
  /// each went, as if each had been appended alone after the one before (a round's changes
  /// write their facts of a day at once, each recorded with its own range).
  func append(_ parts: [[UInt8]], day: Int, _ transaction: StoreTransaction) throws(StoreError)
    -> [PendingFacts.Range]
  {
    let file = try created(day, transaction)
    let end: Int
    if let known = ends.removeValue(forKey: day) { end = known } else { end = try io(store.fileSystem.size(file)) }
    var ranges: [PendingFacts.Range] = []
    ranges.reserveCapacity(parts.count)
    var from = end
    for part in parts {
      ranges.append(PendingFacts.Range(day: day, from: from, to: from + part.count))
      from += part.count
    }
    try io(store.fileSystem.write(file, parts.count == 1 ? parts[0] : Array(parts.joined()), at: end))
    ends[day] = from
    kept[day]?.written += ranges
    return ranges
  }

  /// The ranges of the day's file this process appended to it, the file still at its path:
  /// whole, whatever a power cut would have done, since the process outlived none.
  func written(_ day: Int) -> [PendingFacts.Range] { kept[day]?.written ?? [] }

  /// Keeps, of the ranges this process appended to the day's file, only `named` (those the
  /// journal still names): no other is asked for again. A set: the journal names up to 64
  /// rounds' ranges (two thousand creates), which a search of the list for each made a
  /// quadratic cost under the lock at every change while another process's range was named.
  func keepWritten(_ day: Int, only named: Set<PendingFacts.Range>) {
    kept[day]?.written.removeAll { !named.contains($0) }
  }

  /// Forgets every range this process appended (the journal was emptied: none is named).
  func forgetWritten() {
    for day in kept.keys { kept[day]?.written = [] }
  }

  /// Closes the day's file (the redo replaced it with another): the next use opens the path.
  func forget(_ day: Int) {
    if let file = files.removeValue(forKey: day) { store.fileSystem.close(file) }
    (ends[day], kept[day]) = (nil, nil)
  }

  /// Flushes the day's file (`fdatasync`); a missing file is accepted.
  func flush(_ day: Int) throws(StoreError) {
    guard let file = try existing(day) else { return }
    try io(store.fileSystem.synchronize(file, .data))
  }

  /// Closes the files, but for those kept for the next lock, which it returns; the last
  /// lock's that this one did not use are closed.
  @discardableResult
  func close() -> [Int: HeldFactsFiles.Held] {
    for (day, file) in files where kept[day] == nil { store.fileSystem.close(file) }
    for unused in (held ?? [:]).values { store.fileSystem.close(unused.file) }
    let result = kept
    (files, ends, held, kept) = ([:], [:], nil, [:])
    return result
  }
}
