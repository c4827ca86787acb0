public import DCMCCalendar
import DCMCBundle
public import DCMCRuntime

/// The read side of a store: what lists need. An adapter answers from its indexes where it
/// has them (the file store: workbins, and the cases of a customer record) and reads the
/// cases where it has none (`cases` without a customer).
///
/// A case that cannot be read as it is (`CaseDamage`) is left out of the answer and named in
/// its `damaged`, so one damaged case never stops a list: the service reports it and serves
/// the rest. Failures of the store itself (I/O) still throw.
public protocol CaseQueries: Sendable {
  /// The cases that match `filter`, in the listing order (`CasePosition`: oldest first), after
  /// its `after` and at most its `limit`, and the damaged cases left out. With a
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
  /// A page of `GET /api/v1/cases` when no `limit` is given, and the largest one (and the
  /// largest `case list --limit`).
  public static let defaultLimit = 100
  public static let maximumLimit = 1000

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
  /// Only the cases after this one in the listing order (a page's cursor): `nil` from the first.
  public var after: CasePosition?
  /// At most this many cases, the first in the listing order; `nil`: all of them.
  public var limit: Int?

  public init(
    type: String? = nil, status: CaseStatus? = nil, customer: String? = nil,
    unidentified: Bool = false, open: Bool = false, after: CasePosition? = nil, limit: Int? = nil
  ) {
    self.type = type
    self.status = status
    self.customer = customer
    self.unidentified = unidentified
    self.open = open
    self.after = after
    self.limit = limit
  }

  public func matches(_ state: CaseState) -> Bool {
    (type.map { $0 == state.type } ?? true) && (status.map { $0 == state.status } ?? true)
      && (customer.map { $0 == state.customer } ?? true)
      && (!unidentified || (state.identification == .ambiguous && state.customer == nil))
      && (!open || (state.status != .closed && state.status != .cancelled))
      && (after.map { $0 < CasePosition(state) } ?? true)
  }

  /// The page of `found` (matching cases, in any order) this filter asks for: in the listing
  /// order, at most `limit` of them.
  public func page(_ found: [CaseState]) -> [CaseState] {
    let sorted = found.sorted { CasePosition($0) < CasePosition($1) }
    return limit.map { Array(sorted.prefix(max(0, $0))) } ?? sorted
  }
}

/// Where a case stands in the order every list of cases follows, on every store: by creation
/// time, then by id (its Unicode scalars, as PostgreSQL's `COLLATE "C"` orders it). No two
/// cases share one, so a page that starts after one (`CaseFilter.after`) neither repeats nor
/// skips a case that was there when the first page was read.
public struct CasePosition: Sendable, Hashable, Comparable {
  public var createdAt: Instant
  public var id: String

  public init(createdAt: Instant, id: String) {
    self.createdAt = createdAt
    self.id = id
  }

  public init(_ state: CaseState) { self.init(createdAt: state.createdAt, id: state.id) }

  public static func < (lhs: CasePosition, rhs: CasePosition) -> Bool {
    lhs.createdAt != rhs.createdAt
      ? lhs.createdAt < rhs.createdAt : lhs.id.unicodeScalars.lexicographicallyPrecedes(rhs.id.unicodeScalars)
  }

  /// The cursor of a page that starts after this case: the creation second, a dot, and the
  /// id's bytes of UTF-8 in hexadecimal (`1772438400.5445432d303030303432`), which needs no
  /// escaping in a URL or a shell.
  public var cursor: String {
    "\(createdAt.secondsSinceEpoch)." + SHA256.hex(id.utf8)
  }

  /// The longest cursor read: a case id of 200 bytes and a time.
  public static let maximumCursorLength = 430

  /// The position a `cursor` names; `nil` when the text is not one.
  public init?(cursor: String) {
    guard cursor.utf8.count <= Self.maximumCursorLength, let dot = cursor.utf8.lastIndex(of: UInt8(ascii: ".")),
      let seconds = Int(cursor[..<dot]), Instant.supported.contains(Instant(secondsSinceEpoch: seconds))
    else { return nil }
    let hex = Array(cursor.utf8[cursor.utf8.index(after: dot)...])
    guard !hex.isEmpty, hex.count % 2 == 0 else { return nil }
    var bytes: [UInt8] = []
    for pair in stride(from: 0, to: hex.count, by: 2) {
      guard let high = Self.nibble(hex[pair]), let low = Self.nibble(hex[pair + 1]) else { return nil }
      bytes.append(high << 4 | low)
    }
    guard let id = String(validating: bytes, as: UTF8.self) else { return nil }
    self.init(createdAt: Instant(secondsSinceEpoch: seconds), id: id)
  }

  private static func nibble(_ byte: UInt8) -> UInt8? {
    switch byte {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
    default: nil
    }
  }
}
