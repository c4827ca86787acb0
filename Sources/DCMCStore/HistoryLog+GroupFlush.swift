import DCMCFiles

extension HistoryLog {
  /// Makes a batch of logs written with `write(_:to:)` durable, as one commit point for all of
  /// them; when a step fails the error is thrown, never retried, and `undo(_:)` each log then.
  ///
  /// One log: its own flush (`flush(_:)`: `fdatasync`, or for a new log `DurableFiles.replace`),
  /// which flushes nothing of other writers. Several: one `syncfs` covers every appended log
  /// (`FileSystem.synchronizeFileSystem`, given a descriptor of the batch opened before its
  /// writes, so a writeback error since is reported). New logs, a group commit's creates, do not
  /// pay a `fsync` and a directory `fsync` each: each is written whole to its temporary file
  /// (`temporaryPath`), one `syncfs` makes those and the appended logs durable, each temporary
  /// file is renamed over its log, and a second `syncfs` makes the names durable: the commit
  /// point. A power loss before it leaves each new log whole or absent (a rename is done only
  /// after its data is durable), plus temporary files that `Store.recover` removes.
  static func flush(_ batch: [(log: HistoryLog, written: Written)]) throws(StoreError) {
    if batch.count == 1, let (log, written) = batch.first { return try log.flush(written) }
    let created = batch.filter { $0.written.file == nil }
    var temporary: [FileDescriptor] = []
    defer { for file in temporary { created.first?.log.fileSystem.close(file) } }
    for (log, written) in created {
      let file = try io(DurableFiles(fileSystem: log.fileSystem).createFresh(log.temporaryPath))
      temporary.append(file)
      try io(log.fileSystem.write(file, written.created, at: 0))
    }
    let descriptors: [(any FileSystem, FileDescriptor)] =
      batch.compactMap { item in item.written.file.map { (item.log.fileSystem, $0) } }
      + Array(zip(created.map(\.log.fileSystem), temporary))
    guard let (fileSystem, first) = descriptors.first else { return }
    try io(fileSystem.synchronizeFileSystem(first))
    guard !created.isEmpty else { return }
    for (log, _) in created { try io(log.fileSystem.rename(log.temporaryPath, to: log.absolutePath)) }
    try io(fileSystem.synchronizeFileSystem(first))
  }
}
