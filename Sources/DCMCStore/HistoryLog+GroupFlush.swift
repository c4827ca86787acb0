import DCMCFiles

/// The appends of a batch of logs, in the order of the batch's flushes (`docs/store.md`, "A
/// batch of appends"), so that the batch waits for the disk twice: once for what must be
/// durable before any log changes (the caller's journal line and index entries, and the new
/// logs' bytes), once for the logs (the commit point).
///
/// 1. `stage()`: each new log is written whole to its temporary file (`temporaryPath`), which
///    nothing reads, before the batch's first flush, which makes those bytes durable with the
///    caller's (`flushBeforeAppends(staged: true)`: one `syncfs`);
/// 2. after that flush, `write()`: each existing log's records appended (a torn tail cut);
/// 3. `commit()`: each temporary file renamed over its log (its bytes durable already), then
///    one flush for all: the commit point. New logs alone need only their directory's `fsync`
///    (their names); one existing log keeps its `fdatasync`; with several, one `syncfs` (given
///    a descriptor of the batch opened before its writes, so a writeback error since is
///    reported).
///
/// A power cut before the commit point leaves each log before or after its append: an appended
/// log a torn tail (readers leave it out), a new log whole (renamed after its bytes were
/// durable) or absent, plus temporary files that readers ignore and `Store.recover` removes.
/// When a step fails the error is thrown, never retried, and `undo()` takes back the batch.
struct LogBatch {
  let logs: [(log: HistoryLog, opened: HistoryLog.Opened, command: HistoryLog.Command)]
  /// What each log of the batch got written so far (`nil`: nothing yet), in the batch's order.
  private(set) var written: [HistoryLog.Written?]
  /// Whether `stage()` wrote a temporary file, which the first flush must then cover.
  private(set) var staged = false

  init(_ logs: [(log: HistoryLog, opened: HistoryLog.Opened, command: HistoryLog.Command)]) {
    self.logs = logs
    written = logs.map { _ in nil }
  }

  /// Step 1: writes each new log whole to its temporary file, not flushed (the first flush,
  /// given the write lock's descriptor, reports a failed writeback of it).
  mutating func stage() throws(StoreError) {
    for (index, item) in logs.enumerated() where item.opened.file == nil {
      let written = try item.log.write(item.command, to: item.opened)
      self.written[index] = written
      staged = true
      let fileSystem = item.log.fileSystem
      let file = try io(DurableFiles(fileSystem: fileSystem).createFresh(item.log.temporaryPath))
      defer { fileSystem.close(file) }
      try io(fileSystem.write(file, written.created, at: 0))
    }
  }

  /// Step 2, after the first flush: appends the records of each existing log, not flushed.
  mutating func write() throws(StoreError) {
    for (index, item) in logs.enumerated() where item.opened.file != nil {
      written[index] = try item.log.write(item.command, to: item.opened)
    }
  }

  /// Step 3: the new logs renamed into place, then the one flush of the batch: its commit
  /// point. Only new logs (a round of creates): their bytes are durable since the first
  /// flush, so their names are all that is left, and an `fsync` of their directory makes
  /// them durable; with appended logs, their `fdatasync` (one) or a `syncfs` (several).
  /// Answers what each log got written (after `stage()` and `write()`, every log of the batch,
  /// in its order).
  func commit() throws(StoreError) -> [HistoryLog.Written] {
    let done = zip(logs, written).compactMap { item, written in written.map { (log: item.log, written: $0) } }
    try Self.flush(done)
    return done.map(\.written)
  }

  private static func flush(_ done: [(log: HistoryLog, written: HistoryLog.Written)]) throws(StoreError) {
    let appended = done.filter { $0.written.file != nil }
    if done.count == 1, let (log, written) = appended.first { return try log.flush(written) }
    for (log, written) in done where written.file == nil {
      try io(log.fileSystem.rename(log.temporaryPath, to: log.absolutePath))
    }
    if let (log, written) = appended.first, let file = written.file {
      return try io(log.fileSystem.synchronizeFileSystem(file))
    }
    var directories: [String] = []
    for (log, _) in done where !directories.contains(log.path.directory(in: log.root)) {
      directories.append(log.path.directory(in: log.root))
      try io(log.fileSystem.synchronizeDirectory(log.path.directory(in: log.root)))
    }
  }

  /// Takes back what the batch wrote (best effort): appended records cut off, new logs and
  /// their temporary files removed.
  func undo() {
    for (item, written) in zip(logs, written) { if let written { item.log.undo(written) } }
  }
}
