import DCMCFiles

extension DurableFiles {
  /// Replaces the store's file `target` under `root` atomically and durably, with the
  /// temporary file `.<name>.tmp` and the backup name `.<name>.bak` beside it: names no id
  /// can take, which readers ignore and `Store.recover` removes after a crash.
  func replace(_ target: StorePath, in root: String, with bytes: [UInt8]) throws(StoreError) {
    try io(
      replace(
        target.absolute(in: root), with: bytes, temporary: target.sibling("tmp", in: root),
        backup: target.sibling("bak", in: root), directory: target.directory(in: root)))
  }
}
