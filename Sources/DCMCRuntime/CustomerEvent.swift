public import DCMCCalendar

/// One entry of a customer's history: what changed, when, and by whom (`docs/store.md`,
/// "Customer events"). The envelope is a case event's.
public struct CustomerEvent: Sendable, Hashable {
  /// 1, 2, 3... within the customer, with no gap.
  public var seq: Int
  public var at: Instant
  /// The acting user; `nil` for the system.
  public var by: String?
  public var change: CustomerChange

  public init(seq: Int, at: Instant, by: String?, change: CustomerChange) {
    self.seq = seq
    self.at = at
    self.by = by
    self.change = change
  }
}

/// The facts a customer's history is made of, decided by `CustomerDecision` and applied by
/// `CustomerState.evolve`.
public enum CustomerChange: Sendable, Hashable {
  /// The record was made; always the first event.
  case added(CustomerAdded)
  /// The record says this now, whole (name, email, phone and every extra field).
  case updated(CustomerDetails)
  /// The record was merged into `into`, which stands for it from then on.
  case merged(into: String)

  /// The change's type, as its record names it.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    case added = "customer.added"
    case updated = "customer.updated"
    case merged = "customer.merged"
  }

  public var kind: Kind {
    switch self {
    case .added: .added
    case .updated: .updated
    case .merged: .merged
    }
  }
}

public struct CustomerAdded: Sendable, Hashable {
  public var id: String
  public var details: CustomerDetails
  /// The `--request-id` that added the customer, and what it asked for (`sha256:` and the hex
  /// digest of the canonical JSON of the request), so a retry is told from another request.
  public var request: String?
  public var requestDigest: String?

  public init(
    id: String, details: CustomerDetails, request: String? = nil, requestDigest: String? = nil
  ) {
    self.id = id
    self.details = details
    self.request = request
    self.requestDigest = requestDigest
  }
}
