public import DCMCRuntime

/// The read side of a store: what lists need. An adapter answers from its indexes where it
/// has them (the file store: workbins, and the cases of a customer record) and reads the
/// cases where it has none (`cases` without a customer).
///
/// A case that cannot be read as it is (`CaseDamage`) is left out of the answer and named in
/// its `damaged`, so one damaged case never stops a list: the service reports it and serves
/// the rest. Failures of the store itself (I/O) still throw.
public protocol CaseQueries: Sendable {
  /// The cases that match `filter`, oldest first, and the damaged cases left out. With a
  /// `customer`, the adapter reads only that record's cases (an index, not a scan), and the
  /// damaged cases are those among them.
  func cases(_ filter: CaseFilter) throws(RepositoryError) -> (cases: [CaseState], damaged: [CaseDamage])
  /// The summaries of the cases linked to exactly record `customer` (as `cases` with a
  /// `customer` filter, in no particular order), and the damaged cases left out: what the
  /// customer's status view reads, which an adapter may answer without rebuilding each case.
  func caseSummaries(ofCustomer customer: String) throws(RepositoryError)
    -> (cases: [CaseSummary], damaged: [CaseDamage])
  /// The active tasks in the workbins of `targets` (every workbin when `nil`), with their cases,
  /// and the damaged cases left out.
  func activeTasks(in targets: [String]?) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  /// Up to `limit` of the queued tasks (status `queued`) of `target`'s workbin, most urgent
  /// first (`Urgency`), after the task at `position` (the urgency of the last task of the
  /// previous page; `nil` for the first page); fewer only at the queue's end. Read lazily: the
  /// cost follows the tasks given, not the queue's length.
  func queuedTasks(in target: String, after position: Urgency?, limit: Int) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
  /// The tasks that take `user`'s capacity (`TaskState.holder`: in hand or offered to them),
  /// with their cases, read without the workbins.
  func heldTasks(of user: String) throws(RepositoryError)
    -> (tasks: [(task: TaskState, of: CaseState)], damaged: [CaseDamage])
}

extension CaseQueries {
  /// The summaries of the whole cases `cases` finds: for an adapter that has no cheaper way.
  public func caseSummaries(ofCustomer customer: String) throws(RepositoryError)
    -> (cases: [CaseSummary], damaged: [CaseDamage])
  {
    let found = try cases(CaseFilter(customer: customer))
    return (found.cases.map(CaseSummary.init), found.damaged)
  }
}

/// Which cases a list shows; `nil` matches any.
public struct CaseFilter: Sendable, Equatable {
  public var type: String?
  public var status: CaseStatus?
  /// Only the cases linked to exactly this customer record, which the adapter finds through its
  /// index of each record's cases. `CaseService.cases` asks for the record an id stands for and
  /// for each record merged into it; a repository follows no merge.
  public var customer: String?
  /// Only the cases whose customer was ambiguous and that are still linked to none.
  public var unidentified: Bool
  /// Only the cases not finished (neither closed nor cancelled), which an adapter may find
  /// through an index of them (the file store's `open/`) rather than read every case.
  public var open: Bool

  public init(
    type: String? = nil, status: CaseStatus? = nil, customer: String? = nil,
    unidentified: Bool = false, open: Bool = false
  ) {
    self.type = type
    self.status = status
    self.customer = customer
    self.unidentified = unidentified
    self.open = open
  }

  public func matches(_ state: CaseState) -> Bool {
    (type.map { $0 == state.type } ?? true) && (status.map { $0 == state.status } ?? true)
      && (customer.map { $0 == state.customer } ?? true)
      && (!unidentified || (state.identification == .ambiguous && state.customer == nil))
      && (!open || (state.status != .closed && state.status != .cancelled))
  }
}
