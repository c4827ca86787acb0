import DCMCApplication
import DCMCFiles
import DCMCRuntime

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The per-customer case summaries, `by-customer/.<customer id>.summaries` (`CustomerSummaries`):
/// each case filed under a record, as the customer's status view reads it, with where its log
/// ended. `customer cases` reads this one file and checks each case's log with one `pread` of
/// its last record (`LogTail`) instead of reading each case's state cache and whole log; a case
/// without a current line is read as before. The name starts with `.`, so no index scan takes
/// it for an entry or a stray.
///
/// Kept after each append of a linked case, after its state cache (derived, like it: a
/// failure is reported through `derivedFileFailed` and fails nothing): the case's line is
/// appended to the file (`appendSummaries`, once a batch for each record, with the lines of
/// all the batch's cases filed under it), without a flush, as the state cache is written, and
/// the file is compacted when it holds more than twice as many lines as live cases. `store
/// rebuild` writes them all again, and `store verify` reports a damaged line and a line that
/// its log's check would pass but that differs from its case.
extension FileCaseRepository {
  /// The absolute path of the summaries of the cases filed under `customer`.
  func customerSummariesPath(_ customer: StoreID) -> String {
    store.root + "/" + Self.customerCaseDirectory + "/." + customer.rawValue + Self.customerSummariesSuffix
  }

  static let customerSummariesSuffix = ".summaries"

  /// How many bytes of a summaries file's end an append reads to find its last line (a line
  /// is about 450 bytes; a longer one makes the append compact the file).
  static let summaryTailBytes = 4096

  /// One case's change to a record's summaries: its line (`nil`: its removal) and what it adds
  /// to the record's live cases (1: the case joins the record, -1: it leaves, 0: it stays).
  struct SummaryChange {
    var id: String
    var line: [UInt8]?
    var joining: Int
  }

  /// After a batch's appends, each change with what was prepared of it and the tail and the
  /// chain its log ended with: each case's line (`PreparedCaseChange.summary`) in the summaries of
  /// the record it is linked to, and a removal line in those of a record it has left, written
  /// once a batch for each record, in the batch's order (a round of creates for one customer:
  /// one open, one read of the end and one write, not one each). Costs nothing for a case
  /// linked to no record.
  func refreshCustomerSummaries(
    _ appended: [(change: CaseChangeSet, prepared: PreparedCaseChange, tail: LogTail, chain: HistoryChain)]
  ) {
    var customers: [StoreID] = []
    var changes: [StoreID: [SummaryChange]] = [:]
    func add(_ change: SummaryChange, to customer: StoreID) {
      if changes[customer] == nil { customers.append(customer) }
      changes[customer, default: []].append(change)
    }
    for (change, prepared, tail, chain) in appended {
      let (before, after) = (change.before?.customer, change.after.customer)
      if let before, before != after, let key = try? StoreID(before) {
        add(SummaryChange(id: change.after.id, line: nil, joining: -1), to: key)
      }
      guard let after, let key = try? StoreID(after) else { continue }
      let line = prepared.summary(change, history: chain, tail: tail)
      add(SummaryChange(id: change.after.id, line: line, joining: before == after ? 0 : 1), to: key)
    }
    for customer in customers {
      do throws(StoreError) {
        try appendSummaries(changes[customer] ?? [], at: customerSummariesPath(customer))
      } catch {
        derivedFileFailed?(error)
      }
    }
  }

  /// Appends `changes`' lines to the summaries at `path`. Reads the file's last line (one
  /// `pread` of its end) for the numbers it carries, and writes the lines in one write at the
  /// end, in place as `DurableFiles.overwrite` writes (no flush): the cost does not depend on
  /// the record's number of cases. A missing file is created with them (removals before the
  /// first line have nothing to remove). The file is compacted instead (`writeSummaries`, read
  /// whole and written again atomically) when its last line cannot be read (a torn append, a
  /// file in the older format, a line longer than `summaryTailBytes`), when a line would leave
  /// it no live case, or more than twice as many lines as live cases and more than
  /// `CustomerSummaries.compactionFloor`: after a compaction to L lines, the next comes after
  /// at least about L/3 appends, so the cost per append stays constant on average.
  func appendSummaries(_ changes: [SummaryChange], at path: String) throws(StoreError) {
    let fileSystem = store.fileSystem
    var changes = changes[...]
    let file: FileDescriptor
    var (size, last): (Int, (number: Int, live: Int)?) = (0, nil)
    do {
      file = try io(fileSystem.open(path, .readWrite))
    } catch where error.code == ENOENT {
      changes = changes.drop { $0.line == nil }
      guard let first = changes.first else { return }
      file = try io(fileSystem.open(path, .createExclusive))
      // The first line leaves one live case.
      last = (0, 1 - first.joining)
    }
    defer { fileSystem.close(file) }
    if last == nil {
      size = try io(fileSystem.size(file))
      let count = min(size, Self.summaryTailBytes)
      let tail = try io(fileSystem.read(file, at: size - count, count: count))
      last = CustomerSummaries.lastLine(of: tail, isWhole: count == size).map { ($0.number, $0.live) }
    }
    if let last, let lines = Self.summaryLines(changes, after: last) {
      try io(fileSystem.write(file, lines, at: size))
      return
    }
    var summaries = CustomerSummaries(try io(fileSystem.read(file))) ?? CustomerSummaries()
    for change in changes { summaries.set(change.line, ofCase: change.id) }
    try writeSummaries(summaries, at: path)
  }

  /// The framed lines of `changes` after a last line numbered `last`; `nil` when one of them
  /// would leave the file no live case or too many lines (then it is compacted).
  static func summaryLines(_ changes: ArraySlice<SummaryChange>, after last: (number: Int, live: Int)) -> [UInt8]? {
    var (number, live) = last
    var bytes: [UInt8] = []
    for change in changes {
      (number, live) = (number + 1, live + change.joining)
      guard live > 0, number <= max(2 * live, CustomerSummaries.compactionFloor) else { return nil }
      bytes += SummaryLine((change.line ?? SummaryLine.removal(ofCase: change.id))[...], number: number, live: live).bytes
    }
    return bytes
  }

  /// Writes `summaries` whole at `path` (compacted: one line per case), atomically and durably
  /// (`DurableFiles.replace` with `path` + `.tmp`: a crash leaves the old file or the new one,
  /// never a mix), or removes the file when they hold no line.
  func writeSummaries(_ summaries: CustomerSummaries, at path: String) throws(StoreError) {
    let fileSystem = store.fileSystem
    guard !summaries.lines.isEmpty else {
      do { try io(fileSystem.unlink(path)) } catch  where error.code == ENOENT {}
      return
    }
    let directory = store.root + "/" + Self.customerCaseDirectory
    try io(
      DurableFiles(fileSystem: fileSystem).replace(
        path, with: summaries.bytes, temporary: path + ".tmp", backup: nil, directory: directory))
  }

  /// The summaries at `path`; `nil` when there is no file or it is torn (in the older format).
  func customerSummaries(at path: String) throws(StoreError) -> CustomerSummaries? {
    let file: FileDescriptor
    do { file = try io(store.fileSystem.open(path, .read)) } catch  where error.code == ENOENT { return nil }
    defer { store.fileSystem.close(file) }
    return CustomerSummaries(try io(store.fileSystem.read(file)))
  }

  /// The newest line of each case in `customer`'s summaries, read, by case id
  /// (`CustomerSummaries.newestLines`: only those lines are checked and read); none when the
  /// file cannot be read.
  func customerSummaryLines(_ customer: StoreID) -> [String: StateSummary] {
    let file: FileDescriptor
    do { file = try store.fileSystem.open(customerSummariesPath(customer), .read) } catch { return [:] }
    defer { store.fileSystem.close(file) }
    guard let bytes = try? store.fileSystem.read(file) else { return [:] }
    var found: [String: StateSummary] = [:]
    for (id, line) in CustomerSummaries.newestLines(in: bytes) {
      if let summary = StateSummary(line: line), summary.summary.id == id { found[id] = summary }
    }
    return found
  }

  /// Whether `line` is current: case `stream`'s log still ends where it says, with the record
  /// its version names. `streams` is the store's `streams/` directory (`openStreams()`), in
  /// which the log is opened (`openat`: a reader of a thousand logs walks the store's path once).
  func isCurrent(_ line: StateSummary, of stream: StoreID, in streams: FileDescriptor?) -> Bool {
    guard let streams, let tail = line.tail, line.history?.sequence == line.version else { return false }
    return tail.isEnd(of: Store.logName(stream), in: streams, sequence: line.version, fileSystem: store.fileSystem)
  }

  /// The store's `streams/` directory opened for `isCurrent` (close it after); `nil` when it
  /// cannot be opened, so no line is taken as current and every case is read the long way.
  func openStreams() -> FileDescriptor? {
    try? store.fileSystem.openDirectory(store.root + "/" + Store.streamsDirectory)
  }
}
