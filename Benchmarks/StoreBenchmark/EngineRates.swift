import DCMCStore

/// DCMCStore's durable command rates, in process, through its public API: each command is
/// one `Store.write` (open the lock file, `flock`), and in it one append (open the log,
/// read and validate it, `pwrite`, `fdatasync`) or one replace.
enum EngineRates {
  /// `operations` commands, each appending `payload` to one of `streams` streams in turn
  /// (`case-0`, `case-1`, …), which keep growing from one call to the next. Returns the
  /// seconds taken.
  static func append(_ payload: [UInt8], operations: Int, streams: Int, store: Store) throws(StoreError) -> Double {
    var ids: [StoreID] = []
    for index in 0..<streams { ids.append(try StoreID("case-\(index)")) }
    let clock = ContinuousClock()
    let start = clock.now
    for operation in 0..<operations {
      let id = ids[operation % streams]
      _ = try store.write { transaction throws(StoreError) in try transaction.append([payload], to: id) }
    }
    return DiskCeilings.seconds(clock.now - start)
  }

  /// `operations` commands, each replacing one file with `bytes`. Returns the seconds taken.
  static func replace(_ bytes: [UInt8], operations: Int, store: Store) throws(StoreError) -> Double {
    let path = try StorePath("state.json")
    let clock = ContinuousClock()
    let start = clock.now
    for _ in 0..<operations {
      try store.write { transaction throws(StoreError) in try transaction.replace(path, with: bytes) }
    }
    return DiskCeilings.seconds(clock.now - start)
  }
}
