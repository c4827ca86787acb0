import DCMCCalendar
import DCMCDiagnostics
import DCMCExpressions
import Testing

/// `customer.…` operands (CE20): parsed, printed, typed against the profile, evaluated.
@Suite struct CustomerContextTests {
  @Test(arguments: [
    ("customer.Tier == \"gold\"", "customer.Tier == \"gold\""),
    ("customer.open_cases>2", "customer.open_cases > 2"),
    (
      "customer.recent_cases( 7d ,'technical' ) >= 1",
      "customer.recent_cases(7d, \"technical\") >= 1"
    ),
    (
      "not customer.is_new or customer.email is not empty",
      "not customer.is_new or customer.email is not empty"
    ),
    (
      "customer.recent_cases(12h) > 0 and Amount > 3",
      "customer.recent_cases(12h) > 0 and Amount > 3"
    ),
  ])
  func operandsPrintInCanonicalFormAndReparse(text: String, canonical: String) throws {
    let expression = try #require(parsed(text))
    #expect(expression.description == canonical)
    #expect(parsed(canonical)?.description == canonical)
  }

  @Test func recentCasesKeepsItsWindowAndCaseType() throws {
    let expression = try #require(parsed("customer.recent_cases(7d, 'billing') > 0"))
    guard case .comparison(_, let lhs, _, _) = expression.kind,
      case .customer(.recentCases(let window, let caseType, _)) = lhs.kind
    else {
      Issue.record("unexpected tree \(expression)")
      return
    }
    #expect(window.seconds == 7 * 86_400)
    #expect(caseType == "billing")
  }

  @Test(arguments: [
    "customer.Tier == 'gold' and customer.Since < 2026-01-01",
    "customer.open_cases > 2 or customer.pending_cases == 0",
    "customer.recent_cases(7d) >= 1 and customer.recent_cases(30m, 'technical') < 5",
    "customer.is_new",
    "customer.name == Customer_Name and customer.phone is empty",
  ])
  func wellTypedCustomerConditionsAreSilent(text: String) {
    #expect(diagnose(text).isEmpty)
  }

  @Test(arguments: [
    (
      "1️⃣customer.Teir == 'gold'", DiagnosticCode.unknownCustomerOperand,
      "unknown customer field 'Teir'"
    ),
    (
      "customer.open_cases 1️⃣== 'many'", .expressionTypeMismatch,
      "cannot compare a number with a string"
    ),
    ("customer.is_new 1️⃣> true", .expressionTypeMismatch, "cannot order booleans with '>'"),
    ("customer.Tier == 1️⃣'bronze'", .enumValueNotInValues, "'bronze' is not a value of 'Tier'"),
    (
      "1️⃣customer.recent_cases(0d) > 1", .invalidRecentWindow,
      "window '0d' of 'recent_cases' is not between 1m and 366d"
    ),
    (
      "customer.recent_cases(7d, 1️⃣'tecnical') > 1", .unknownCaseType, "unknown case type 'tecnical'"
    ),
    ("1️⃣customer.open_cases", .expressionNotBoolean, "expected a boolean condition, found a number"),
  ])
  func customerOperandsAreTypeChecked(marked: String, code: DiagnosticCode, message: String) {
    _ = expectDiagnostics(marked, [Expected(code: code, message: message)])
  }

  @Test func anUnknownProfileFieldSuggestsTheClosestName() throws {
    let diagnostic = try #require(diagnose("customer.Teir == 'gold'").first)
    #expect(
      diagnostic.notes.map(\.message) == ["a customer field with a similar name exists: 'Tier'"])
    #expect(diagnostic.notes.first?.range == Place.declaration(line: 30))
  }

  @Test(arguments: [
    ("customer.1️⃣== 1", "expected a name after 'customer.'"),
    ("customer.recent_cases 1️⃣> 1", "expected '(' after 'recent_cases'"),
    ("customer.recent_cases(1️⃣'technical') > 1", "expected a duration in 'recent_cases'"),
    ("customer.recent_cases(7d, 1️⃣technical) > 1", "expected a case type id in quotes"),
    ("customer.recent_cases(7d 1️⃣> 1", "expected ')' to close '('"),
    ("Amount == 1️⃣7d", "a duration is only an argument of 'customer.recent_cases'"),
    ("customer.recent_cases(1️⃣7w) > 1", "'7w' is not a valid number"),
  ])
  func malformedCustomerOperandsAreSyntaxErrors(marked: String, message: String) {
    _ = expectDiagnostics(marked, [Expected(code: .expressionSyntax, message: message)])
  }

  /// A gold customer with two recent cases; `nil` for every operand without a customer.
  static func context(_ operand: CustomerOperand) -> Value? {
    switch operand {
    case .field("Tier"): .string("gold")
    case .field: nil
    case .openCases: .number(2)
    case .pendingCases: .number(0)
    case .isNew: .boolean(false)
    case .recentCases(_, let caseType, _): .number(caseType == nil ? 2 : 1)
    }
  }

  @Test(arguments: [
    ("customer.Tier == 'gold'", true, false),
    ("customer.Tier != 'gold'", false, false),
    ("customer.Tier is empty", false, true),
    ("customer.Since is empty", true, true),
    ("customer.open_cases >= 2", true, false),
    ("customer.recent_cases(7d, 'technical') == 1 and customer.recent_cases(7d) == 2", true, false),
    ("customer.is_new", false, false),
    ("not customer.is_new", true, true),
    ("customer.pending_cases in [0, 1]", true, false),
  ])
  func customerOperandsReadTheContextAndAreMissingWithoutIt(
    text: String, withCustomer: Bool, without: Bool
  )
    throws
  {
    let expression = try #require(parsed(text))
    #expect(
      ExpressionEvaluator.evaluate(expression, { _ in nil }, customer: Self.context) == withCustomer
    )
    #expect(ExpressionEvaluator.evaluate(expression) { _ in nil } == without)
  }
}
