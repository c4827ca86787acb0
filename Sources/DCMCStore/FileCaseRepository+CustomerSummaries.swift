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
/// Written after each append of a linked case, after its state cache (derived, like it: a
/// failure is reported through `derivedFileFailed` and fails nothing); `store rebuild` writes
/// them all again, and `store verify` reports a line that its log's check would pass but that
/// differs from its case.
extension FileCaseRepository {
  /// The absolute path of the summaries of the cases filed under `customer`.
  func customerSummariesPath(_ customer: StoreID) -> String {
    store.root + "/" + Self.customerCaseDirectory + "/." + customer.rawValue + Self.customerSummariesSuffix
  }

  static let customerSummariesSuffix = ".summaries"

  /// After `change`'s append of `payloads` to `log` (whose chain is now `chain`): its line in
  /// the summaries of the record it is linked to, and out of those of a record it has left.
  /// Costs nothing for a case linked to no record.
  func refreshCustomerSummaries(
    _ change: CaseChangeSet, appended payloads: [[UInt8]], to log: HistoryLog.Opened, chain: HistoryChain
  ) {
    let (before, after) = (change.before?.customer, change.after.customer)
    if let before, before != after, let key = try? StoreID(before) {
      updateSummaries(of: key, case: change.after.id, with: nil)
    }
    guard let after, let key = try? StoreID(after) else { return }
    let tail = LogTail(appending: payloads, after: log.count, at: log.scan?.validLength ?? 0)
    updateSummaries(
      of: key, case: change.after.id, with: CustomerSummaries.line(change.after, history: chain, tail: tail))
  }

  /// Sets case `id`'s line in `customer`'s summaries; a file left with no line is removed. A
  /// torn file is started again (its other cases are read from their caches until their next
  /// append or a rebuild).
  private func updateSummaries(of customer: StoreID, case id: String, with line: [UInt8]?) {
    let path = customerSummariesPath(customer)
    do throws(StoreError) {
      var summaries = try customerSummaries(at: path) ?? CustomerSummaries()
      summaries.set(line, ofCase: id)
      try writeSummaries(summaries, at: path)
    } catch {
      derivedFileFailed?(error)
    }
  }

  /// Writes `summaries` in place, or removes the file when they hold no line. In place as
  /// `DurableFiles.overwrite` writes (no flush, no new file), but cut only when the file was
  /// longer: a case's line rarely shrinks, and each write a power cut may tear is one more
  /// state a crash can leave.
  func writeSummaries(_ summaries: CustomerSummaries, at path: String) throws(StoreError) {
    let fileSystem = store.fileSystem
    guard !summaries.lines.isEmpty else {
      do { try io(fileSystem.unlink(path)) } catch  where error.code == ENOENT {}
      return
    }
    let file: FileDescriptor
    do { file = try io(fileSystem.open(path, .readWrite)) } catch  where error.code == ENOENT {
      file = try io(fileSystem.open(path, .createExclusive))
    }
    defer { fileSystem.close(file) }
    let bytes = summaries.bytes
    try io(fileSystem.write(file, bytes, at: 0))
    if try io(fileSystem.size(file)) > bytes.count { try io(fileSystem.truncate(file, to: bytes.count)) }
  }

  /// The summaries at `path`; `nil` when there is no file or it is torn.
  func customerSummaries(at path: String) throws(StoreError) -> CustomerSummaries? {
    let file: FileDescriptor
    do { file = try io(store.fileSystem.open(path, .read)) } catch  where error.code == ENOENT { return nil }
    defer { store.fileSystem.close(file) }
    return CustomerSummaries(try io(store.fileSystem.read(file)))
  }

  /// The lines of `customer`'s summaries, by case id; none when the file cannot be read.
  func customerSummaryLines(_ customer: StoreID) -> [String: StateSummary] {
    ((try? customerSummaries(at: customerSummariesPath(customer))) ?? nil)?.summaries ?? [:]
  }

  /// Whether `line` is current: case `stream`'s log still ends where it says, with the record
  /// its version names.
  func isCurrent(_ line: StateSummary, of stream: StoreID) -> Bool {
    guard let tail = line.tail, line.history?.sequence == line.version else { return false }
    return tail.isEnd(
      of: Store.logPath(stream).absolute(in: store.root), sequence: line.version, fileSystem: store.fileSystem)
  }
}
