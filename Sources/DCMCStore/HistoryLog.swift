import DCMCFiles

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One append-only history log (`streams/<id>.log`): reading it, and appending one command.
struct HistoryLog {
  let fileSystem: any FileSystem
  /// The log's place in the store.
  let path: StorePath
  let root: String

  var absolutePath: String { path.absolute(in: root) }

  /// The log's validated contents, or `nil` when the log does not exist. Safe without the
  /// lock: an append in progress looks like a torn tail, which is left out.
  func read() throws(StoreError) -> History? {
    try bytes().map { bytes throws(StoreError) in try History.parse(bytes, path: absolutePath) }
  }

  /// Where the log's valid part ends and how many records it holds, validated as `read()`
  /// does but without keeping the records; `nil` when the log does not exist.
  func scan() throws(StoreError) -> History.Scan? {
    try bytes().map { bytes throws(StoreError) in try History.Scan(bytes, path: absolutePath) }
  }

  /// The log's bytes, or `nil` when the log does not exist.
  private func bytes() throws(StoreError) -> [UInt8]? {
    let file: FileDescriptor
    do {
      file = try io(fileSystem.open(absolutePath, .read))
    } catch where error.code == ENOENT {
      return nil
    }
    defer { fileSystem.close(file) }
    return try io(fileSystem.read(file))
  }

  /// A log opened for an append under the store's write lock, with what its scan found:
  /// the version a command checks before it appends, read once.
  struct Opened {
    /// `nil` when the log does not exist yet.
    let file: FileDescriptor?
    let scan: History.Scan?
    /// The number of records of complete commands: 0 for no log.
    var count: Int { scan?.count ?? 0 }
  }

  /// Opens the log for an append and scans it; close it with `close(_:)`. Under the lock.
  func open() throws(StoreError) -> Opened {
    let file: FileDescriptor
    do {
      file = try io(fileSystem.open(absolutePath, .readWrite))
    } catch where error.code == ENOENT {
      return Opened(file: nil, scan: nil)
    }
    do {
      return Opened(file: file, scan: try History.Scan(io(fileSystem.read(file)), path: absolutePath))
    } catch {
      fileSystem.close(file)
      throw error
    }
  }

  func close(_ opened: Opened) {
    if let file = opened.file { fileSystem.close(file) }
  }

  /// Appends `payloads` as one command: all of them or none, numbered after the last record.
  /// Must run under the store's write lock.
  ///
  /// A new log is created whole with `DurableFiles.replace`, so it never exists half-written.
  /// An existing log is read and validated, a torn tail is cut (`ftruncate`, `fdatasync`),
  /// the records are written at the end of the valid part in one `pwrite`, then `fdatasync`.
  /// When the write or the flush fails, the file is cut back to its length before the
  /// command and the error is thrown; the flush is never retried.
  func append(_ payloads: [[UInt8]]) throws(StoreError) -> AppendResult {
    let opened = try open()
    defer { close(opened) }
    return try append(payloads, to: opened)
  }

  /// `append(_:)` to a log this lock holder has opened and scanned (`open()`), which spares
  /// reading and validating it again: nothing else appends while the lock is held.
  func append(_ payloads: [[UInt8]], to opened: Opened) throws(StoreError) -> AppendResult {
    let written = try write(Command(payloads, after: opened.count), to: opened)
    try flush(written)
    return written.result
  }

  /// Records written to a log and not yet flushed (`write(_:to:)`), so a batch of logs is
  /// written first and flushed after, in order: a failure stops the batch where it happened.
  struct Written {
    /// `nil` for a new log, which `flush` creates whole from `created`.
    let file: FileDescriptor?
    let created: [UInt8]
    /// Where the log's valid part ended before the write.
    let start: Int
    let result: AppendResult
    /// The command's records, and where its last one lies in the log after the write (its
    /// `end` the log's length), as the derived files record them: computed once, here.
    let records: [HistoryRecord]
    let tail: LogTail
  }

  /// The first half of `append(_:to:)`: `command` (its records numbered after the log's
  /// count: the version checked under the lock) written at the end of the log's valid part (a
  /// torn tail cut first), not flushed; a new log is left for `flush` to create whole. A failed
  /// write is cut back and thrown. Under the lock.
  func write(_ command: Command, to opened: Opened) throws(StoreError) -> Written {
    precondition(!command.records.isEmpty, "a command appends at least one record")
    precondition(command.after == opened.count, "a command is numbered after the log's last record")
    if let bytes = command.oversized { throw .recordTooLarge(path: absolutePath, bytes: bytes) }
    guard let file = opened.file, let history = opened.scan else {
      return Written(
        file: nil, created: command.bytes, start: 0,
        result: AppendResult(firstSequence: 1, lastSequence: command.records.count, repairedBytes: 0),
        records: command.records, tail: command.tail(at: 0))
    }
    let start = history.validLength
    if history.tornBytes > 0 {
      try io(fileSystem.truncate(file, to: start))
      try io(fileSystem.synchronize(file, .data))
    }
    do {
      try io(fileSystem.write(file, command.bytes, at: start))
    } catch {
      try? fileSystem.truncate(file, to: start)
      throw error
    }
    return Written(
      file: file, created: [], start: start,
      result: AppendResult(
        firstSequence: history.count + 1, lastSequence: history.count + command.records.count,
        repairedBytes: history.tornBytes), records: command.records, tail: command.tail(at: start))
  }

  /// The second half of `append(_:to:)`: `fdatasync` (a new log is created whole with
  /// `DurableFiles.replace`, so it never exists half-written), the command's commit point.
  /// When it fails, the log is cut back to its length before the command and the error is
  /// thrown; the flush is never retried.
  func flush(_ written: Written) throws(StoreError) {
    guard let file = written.file else {
      try DurableFiles(fileSystem: fileSystem).replace(path, in: root, with: written.created)
      return
    }
    do {
      try io(fileSystem.synchronize(file, .data))
    } catch {
      cutBack(written)
      throw error
    }
  }

  /// Takes back records written and not flushed (best effort).
  func cutBack(_ written: Written) {
    if let file = written.file { try? fileSystem.truncate(file, to: written.start) }
  }

  /// Takes back a write of a batch whose flush failed, or that never got to it (best effort):
  /// the records are cut off, and a log the batch created (none was there under the lock) is
  /// removed.
  func undo(_ written: Written) {
    if written.file != nil {
      cutBack(written)
    } else {
      try? fileSystem.unlink(temporaryPath)
      try? DurableFiles(fileSystem: fileSystem).remove(absolutePath, parent: path.directory(in: root))
    }
  }

  /// The temporary file a new log is written to before it is renamed into place: a name no
  /// id can take, which readers ignore and `Store.recover` removes after a crash.
  var temporaryPath: String { path.sibling("tmp", in: root) }

  /// Cuts a torn tail off the log, if it has one; returns the bytes cut. Under the lock.
  func repair() throws(StoreError) -> Int {
    let file = try io(fileSystem.open(absolutePath, .readWrite))
    defer { fileSystem.close(file) }
    let history = try History.Scan(io(fileSystem.read(file)), path: absolutePath)
    guard history.tornBytes > 0 else { return 0 }
    try io(fileSystem.truncate(file, to: history.validLength))
    try io(fileSystem.synchronize(file, .data))
    return history.tornBytes
  }

  /// One command of `payloads` numbered after `after` records, encoded once: what depends only
  /// on the payloads and the version they were decided on, so it can be made before the lock
  /// (`FileCaseRepository.PreparedCaseChange`); where it lands in the log (`tail(at:)`) is known
  /// only under it.
  struct Command: Sendable {
    /// The number of records before the command: the version its change was decided on.
    let after: Int
    /// Its records' bytes, one line each.
    let bytes: [UInt8]
    let records: [HistoryRecord]
    /// Where its last record starts in `bytes`.
    let lastLine: Int
    /// The size of its first payload larger than `HistoryRecord.maximumPayloadBytes`, which
    /// the write refuses.
    let oversized: Int?

    init(_ payloads: [[UInt8]], after last: Int) {
      after = last
      oversized = payloads.first { $0.count > HistoryRecord.maximumPayloadBytes }?.count
      records = HistoryLog.records(payloads, after: last)
      var bytes: [UInt8] = []
      var lastLine = 0
      for record in records {
        lastLine = bytes.count
        bytes += record.encoded()
      }
      (self.bytes, self.lastLine) = (bytes, lastLine)
    }

    /// The tail the command leaves a log it is written to at offset `start` (`LogTail`).
    func tail(at start: Int) -> LogTail {
      LogTail(start: start + lastLine, end: start + bytes.count, crc: records.last?.checksum ?? 0)
    }
  }

  /// The records of one command of `payloads`, numbered from `last + 1`.
  static func records(_ payloads: [[UInt8]], after last: Int) -> [HistoryRecord] {
    payloads.enumerated().map { index, payload in
      HistoryRecord(sequence: last + index + 1, position: index + 1, commandSize: payloads.count, payload: payload)
    }
  }
}
