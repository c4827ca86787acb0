/// A `when:` condition as a tree, type-checked at compile time against the case type's
/// fields. Each node sets only the members its `op` uses.
public struct BundleExpression: Sendable, Hashable, Encodable {
  public enum Operator: String, Sendable, Hashable, Encodable, CaseIterable {
    /// A case field's value: `field`.
    case field
    /// A literal: `literal`.
    case literal
    /// Comparisons of `operands[0]` with `operands[1]`.
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    /// `operands[0]` is (not) one of `items`.
    case `in`
    case notIn = "not_in"
    /// `field` (or `operands[0]`, a `customer_*` node) has no value or the empty string (or has one).
    case isEmpty = "is_empty"
    case isNotEmpty = "is_not_empty"
    /// The case's customer (SPEC section 14, CE20): `customer.<field>` (the profile field in `field`),
    /// `customer.open_cases`, `customer.pending_cases`, `customer.is_new`, and
    /// `customer.recent_cases(window, "case_type")` (`window_seconds`, optional `case_type`).
    case customerField = "customer_field"
    case customerOpenCases = "customer_open_cases"
    case customerPendingCases = "customer_pending_cases"
    case customerIsNew = "customer_is_new"
    case customerRecentCases = "customer_recent_cases"
    /// Logic on `operands`: one for `not`, two or more for `and` and `or`.
    case not, and, or
  }

  public var op: Operator
  public var field: String?
  public var literal: BundleLiteral?
  public var operands: [BundleExpression]?
  public var items: [BundleLiteral]?
  /// The window of `customer_recent_cases`, in seconds of calendar time (60 to 366 days).
  public var windowSeconds: Int?
  /// The case type `customer_recent_cases` counts; `nil`: every type.
  public var caseType: String?

  private enum CodingKeys: String, CodingKey {
    case op, field, literal, operands, items
    case windowSeconds = "window_seconds"
    case caseType = "case_type"
  }

  public init(
    _ op: Operator, field: String? = nil, literal: BundleLiteral? = nil,
    operands: [BundleExpression]? = nil,
    items: [BundleLiteral]? = nil, windowSeconds: Int? = nil, caseType: String? = nil
  ) {
    self.op = op
    self.field = field
    self.literal = literal
    self.operands = operands
    self.items = items
    self.windowSeconds = windowSeconds
    self.caseType = caseType
  }
}

/// A literal value of a condition. Dates are `YYYY-MM-DD`; datetimes are ISO 8601 with their
/// offset as written (`2026-12-25T09:00:00+01:00`). Numbers are 64-bit floating point.
public enum BundleLiteral: Sendable, Hashable, Encodable {
  case string(String)
  case number(Double)
  case boolean(Bool)
  case date(String)
  case datetime(String)

  private enum CodingKeys: String, CodingKey { case type, value }
  /// The `type` of the JSON form.
  enum Kind: String, Encodable, CaseIterable { case string, number, boolean, date, datetime }

  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    switch self {
    case .string(let text):
      try container.encode(Kind.string, forKey: .type)
      try container.encode(text, forKey: .value)
    case .number(let number):
      try container.encode(Kind.number, forKey: .type)
      try container.encode(number, forKey: .value)
    case .boolean(let flag):
      try container.encode(Kind.boolean, forKey: .type)
      try container.encode(flag, forKey: .value)
    case .date(let text):
      try container.encode(Kind.date, forKey: .type)
      try container.encode(text, forKey: .value)
    case .datetime(let text):
      try container.encode(Kind.datetime, forKey: .type)
      try container.encode(text, forKey: .value)
    }
  }
}
