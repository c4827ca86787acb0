public import DCMCApplication
import DCMCRuntime

/// The per-customer case index, `by-customer/<customer id>/<case id>`: each case filed under
/// the customer record it is linked to, so the cases of a customer (`case list --customer`,
/// the customer's context at `case create`, a merge moving cases) are read from one directory
/// rather than by reading every case of the store.
///
/// Kept like the timer and workbin entries (`IndexEntries`): a case's new entry is added before
/// its command's append and its old one dropped after, so a crash leaves an entry too many (a
/// case filed under a record it has left, or a case that was never created), never one too
/// few; a lookup reads the cases it lists and keeps those linked to the record now.
extension FileCaseRepository {
  var customerCaseIndex: EntryIndex {
    EntryIndex(fileSystem: store.fileSystem, directory: store.root + "/" + Self.customerCaseDirectory)
  }

  static let customerCaseDirectory = "by-customer"

  /// The cases filed under `customer` that are linked to it now and match `filter`, oldest
  /// first, and the damaged cases among those filed there.
  func cases(ofCustomer customer: String, _ filter: CaseFilter) throws(RepositoryError)
    -> (cases: [CaseState], damaged: [CaseDamage])
  {
    let found = try filed(under: customer) { stream throws(RepositoryError) in
      try read(stream).flatMap { filter.matches($0) ? $0 : nil }
    }
    return (filter.page(found.cases), found.damaged)
  }

  /// The summaries of the cases filed under `customer` that are linked to it now, and the
  /// damaged cases among those filed there. A case's line in the customer's summaries
  /// (`refreshCustomerSummaries`) is taken when its log still ends where the line says (one
  /// `pread`, `LogTail`). Any other case's log is read and checked as `read` checks it (its
  /// length and its chain against those its state cache recorded); its cache is read with
  /// `StateSummary`, and a cache that reader does not take, or that is behind its log, is read
  /// the whole way (`read`).
  public func caseSummaries(ofCustomer customer: String) throws(RepositoryError)
    -> (cases: [CaseSummary], damaged: [CaseDamage])
  {
    let lines = (try? StoreID(customer)).map(customerSummaryLines) ?? [:]
    let streams = lines.isEmpty ? nil : openStreams()
    defer { streams.map(store.fileSystem.close) }
    return try filed(under: customer) { stream throws(RepositoryError) in
      if let line = lines[stream.rawValue], isCurrent(line, of: stream, in: streams) {
        return line.customer == customer ? line.summary : nil
      }
      return try summary(of: stream, linkedTo: customer)
    }
  }

  /// What `read` makes of each case filed under `customer` (`nil`: left out), and the damaged
  /// cases among them.
  private func filed<Found>(under customer: String, _ read: (StoreID) throws(RepositoryError) -> Found?)
    throws(RepositoryError) -> (cases: [Found], damaged: [CaseDamage])
  {
    // No record can have an id that names no file: it has no cases.
    guard let key = try? StoreID(customer) else { return ([], []) }
    var found: [Found] = []
    var damaged: [CaseDamage] = []
    for stream in try wrap({ () throws(StoreError) in try customerCaseIndex.names(under: [key]) }) {
      do throws(RepositoryError) {
        if let item = try read(stream) { found.append(item) }
      } catch {
        guard let damage = Self.damage(in: error) else { throw error }
        damaged.append(damage)
      }
    }
    return (found, damaged)
  }

  /// The summary of case `stream` when it is linked to `customer`, else `nil`.
  private func summary(of stream: StoreID, linkedTo customer: String) throws(RepositoryError) -> CaseSummary? {
    let scan: History.Scan?
    do throws(StoreError) { scan = try store.log(stream).scan() } catch { throw Self.damaged(stream, error) }
    if let scan, let bytes = try wrap({ () throws(StoreError) in try store.contents(of: Self.statePath(stream)) }),
      let cached = StateSummary(bytes), cached.summary.id == stream.rawValue, cached.version == scan.count,
      cached.history == nil || cached.history == scan.chain
    {
      return cached.customer == customer ? cached.summary : nil
    }
    guard let state = try read(stream), state.customer == customer else { return nil }
    return CaseSummary(state)
  }

  /// Whether case `stream` is filed under `customer`.
  func isFiled(_ stream: StoreID, under customer: StoreID) -> Bool {
    customerCaseIndex.holds([customer, stream])
  }
}
