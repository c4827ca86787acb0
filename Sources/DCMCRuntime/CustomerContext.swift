public import DCMCCalendar
public import DCMCExpressions

/// What the rules of a case being created may know about its customer (`customer.…`, CE20):
/// the application computes it through its ports, from indexes, before the engine decides.
/// A case without a customer (unidentified or ambiguous) has no context, and every
/// `customer.…` operand is then missing: `is empty` holds, every comparison is false.
public struct CustomerContext: Sendable, Hashable {
  /// One earlier case of the customer: its type and when it was created.
  public struct PastCase: Sendable, Hashable {
    public var type: String
    public var createdAt: Instant

    public init(type: String, createdAt: Instant) {
      self.type = type
      self.createdAt = createdAt
    }
  }

  /// The customer's id (`CUS-000001`).
  public var id: String
  /// `name`, `email`, `phone` and the profile fields that have a value, typed by the profile.
  public var fields: [String: Value]
  /// The customer's other cases neither closed nor cancelled.
  public var openCases: Int
  /// The customer's other cases waiting for the customer.
  public var pendingCases: Int
  /// The customer's other cases created recently, at least those within the longest
  /// `recent_cases` window of the bundle (366 days at most); older ones are ignored.
  public var recentCases: [PastCase]
  /// The customer record is created by this very case.
  public var isNew: Bool
  /// The customer's status page link made for this case (the public form makes one), which
  /// templates read as `{{Status_Link}}`; `nil` otherwise.
  public var statusLink: String? = nil

  public init(
    id: String, fields: [String: Value], openCases: Int, pendingCases: Int, recentCases: [PastCase],
    isNew: Bool
  ) {
    self.id = id
    self.fields = fields
    self.openCases = openCases
    self.pendingCases = pendingCases
    self.recentCases = recentCases
    self.isNew = isNew
  }

  /// How many of `recentCases` (of `caseType` when given) were created in the `seconds`
  /// before `now`: from `now - seconds` up to and including `now`.
  public func recentCount(within seconds: Int, ofType caseType: String?, before now: Instant) -> Int {
    let start = now.secondsSinceEpoch - seconds
    return recentCases.count { past in
      (caseType == nil || past.type == caseType) && past.createdAt.secondsSinceEpoch >= start
        && past.createdAt <= now
    }
  }
}
