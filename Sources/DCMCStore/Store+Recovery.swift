import DCMCFiles

extension Store {
  /// Brings the store back to exactly the state of its last completed commands, under the
  /// write lock: removes every leftover `.tmp` and `.bak` file (then `fsync`s its
  /// directory), and cuts every torn tail. Throws `corruptHistory` for a damaged log, which
  /// it leaves as it is.
  ///
  /// Nothing needs this to stay correct (readers ignore both, appends cut their own log's
  /// tail, and a replace removes its own leftovers); it is for tests that compare a store's
  /// bytes. It knows nothing of the runtime's state caches: a tail inside what a case's state
  /// recorded is damage, which the runtime never cuts (`docs/store.md`, "How far a history went").
  public func recover() throws(StoreError) -> RecoveryReport {
    try write { _ throws(StoreError) in
      var report = RecoveryReport()
      try removeLeftovers(in: root, relative: "", into: &report)
      for stream in try streams() {
        let log = log(stream)
        let cut = try log.repair()
        if cut > 0 { report.repairedLogs[log.path.description] = cut }
      }
      report.removedFiles.sort()
      return report
    }
  }

  private func removeLeftovers(in directory: String, relative: String, into report: inout RecoveryReport)
    throws(StoreError)
  {
    var removed = false
    for entry in try io(fileSystem.list(directory)) {
      let path = directory + "/" + entry.name
      if entry.isDirectory {
        if !entry.name.hasPrefix(".") {
          try removeLeftovers(in: path, relative: relative + entry.name + "/", into: &report)
        }
      } else if entry.name.hasPrefix("."), entry.name.hasSuffix(".tmp") || entry.name.hasSuffix(".bak") {
        try io(fileSystem.unlink(path))
        report.removedFiles.append(relative + entry.name)
        removed = true
      }
    }
    if removed { try io(fileSystem.synchronizeDirectory(directory)) }
  }
}
