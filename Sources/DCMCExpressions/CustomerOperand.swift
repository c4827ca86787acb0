public import DCMCDiagnostics

/// What `customer.…` names in a condition: the context of the customer the case belongs to,
/// known at creation (SPEC section 14, CE20). A case without a customer (unidentified or
/// ambiguous) has no context: every operand is then missing, so it `is empty` and every
/// comparison with it is false.
public enum CustomerOperand: Sendable, Hashable {
  /// `customer.<ProfileField>`: a built-in (`name`, `email`, `phone`) or a CustomerProfile field.
  case field(String)
  /// `customer.open_cases`: the customer's other cases not closed or cancelled (an integer).
  case openCases
  /// `customer.pending_cases`: the customer's other cases waiting for the customer.
  case pendingCases
  /// `customer.is_new`: the customer record is created by this very case.
  case isNew
  /// `customer.recent_cases(7d)` or `customer.recent_cases(7d, "technical")`: the customer's
  /// cases created in the window before this one, this one excluded, of one case type if named.
  case recentCases(window: ContextDuration, caseType: String?, caseTypeRange: SourceRange?)

  /// The names after `customer.` that are not profile fields.
  public static let contextNames = ["is_new", "open_cases", "pending_cases", "recent_cases"]

  /// The source form after `customer.`, as the printer writes it.
  var text: String {
    switch self {
    case .field(let name): name
    case .openCases: "open_cases"
    case .pendingCases: "pending_cases"
    case .isNew: "is_new"
    case .recentCases(let window, let caseType, _):
      "recent_cases(\(window)" + (caseType.map { ", " + Expression.quoted($0) } ?? "") + ")"
    }
  }
}
