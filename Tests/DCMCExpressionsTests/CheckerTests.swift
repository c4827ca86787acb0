import DCMCDiagnostics
import DCMCExpressions
import Testing

@Suite struct CheckerTests {
  @Test(arguments: [
    "Customer_Segment == \"gold\"",
    "Customer_Segment != 'bronze' and Amount >= 100.5",
    "Customer_Segment in ['gold', 'silver'] or Is_VIP",
    "Customer_Segment == Customer_Name",
    "Customer_Email == Customer_Phone or Notes != ''",
    "Items > 3 and Amount <= Items",
    "Purchase_Date < 2026-12-25 and Opened_At >= 2026-12-25T09:00:00Z",
    "not Is_VIP and (Is_VIP == false) == true",
    "Purchase_Date not in [2026-12-25, 2027-01-01]",
    "Customer_Phone is empty or Notes is not empty",
    "true",
  ])
  func wellTypedConditionsAreSilent(text: String) {
    #expect(diagnose(text).isEmpty)
  }

  @Test(arguments: [
    ("Purchase_Date 1️⃣> 5", "cannot compare a date with a number"),
    ("Is_VIP 1️⃣== 'yes'", "cannot compare a boolean with a string"),
    ("Opened_At 1️⃣< 2026-12-25", "cannot compare a datetime with a date"),
    ("Customer_Segment 1️⃣== 3", "cannot compare an enum value with a number"),
    ("3 1️⃣!= Notes", "cannot compare a number with a string"),
    ("Customer_Name 1️⃣< 'M'", "cannot order strings with '<'"),
    ("Is_VIP 1️⃣>= false", "cannot order booleans with '>='"),
    ("Customer_Segment 1️⃣> 'gold'", "cannot order enum values with '>'"),
    ("Amount in [1, 1️⃣'2', 3]", "cannot compare a number with a string"),
    ("Purchase_Date not in [2026-12-25, 1️⃣true]", "cannot compare a date with a boolean"),
  ])
  func mismatchedTypesAreReportedAtTheOperatorOrTheListItem(marked: String, message: String) {
    _ = expectDiagnostics(marked, [Expected(code: .expressionTypeMismatch, message: message)])
  }

  @Test func aMismatchNotesWhereEachFieldIsDeclared() throws {
    let diagnostic = try #require(diagnose("Purchase_Date == Amount").first)
    #expect(
      diagnostic.notes == [
        Note("'Purchase_Date' is declared here as 'date'", at: Fixture.field("Purchase_Date").range),
        Note("'Amount' is declared here as 'number'", at: Fixture.field("Amount").range),
      ])
  }

  @Test func anEnumLiteralOutsideTheValuesIsReportedAtTheLiteralWithTheClosestValue() throws {
    let diagnostics = expectDiagnostics(
      "Customer_Segment == 1️⃣'gld' or Customer_Segment in ['silver', 2️⃣\"platinum\"]",
      [
        Expected(code: .enumValueNotInValues, message: "'gld' is not a value of 'Customer_Segment'"),
        Expected(code: .enumValueNotInValues, message: "'platinum' is not a value of 'Customer_Segment'", marker: 2),
      ])
    let declaration = Fixture.field("Customer_Segment").range
    #expect(diagnostics.first?.notes == [Note("a value with a similar name exists: 'gold'", at: declaration)])
    #expect(diagnostics.last?.notes == [Note("'Customer_Segment' is declared here", at: declaration)])
    // The fix-it replaces what is between the quotes, which stay as written.
    let literal = try #require(diagnostics.first?.range)
    var inside = literal
    inside.start.column += 1
    inside.start.offset += 1
    inside.end.column -= 1
    inside.end.offset -= 1
    #expect(diagnostics.first?.fixIts == [FixIt(replacing: inside, with: "gold")])
    #expect(diagnostics.last?.fixIts == [])
  }

  @Test func anEnumLiteralOnTheLeftIsCheckedToo() {
    _ = expectDiagnostics(
      "1️⃣'french' != Language",
      [Expected(code: .enumValueNotInValues, message: "'french' is not a value of 'Language'")])
  }

  @Test func anUnknownFieldIsReportedOnceWithTheClosestName() throws {
    let diagnostics = expectDiagnostics(
      "1️⃣Purchase_Dat > 5 and 2️⃣Whatever in [1, 'x'] and not 3️⃣Missing and 4️⃣Gone is empty",
      [
        Expected(code: .unknownField, message: "unknown field 'Purchase_Dat'"),
        Expected(code: .unknownField, message: "unknown field 'Whatever'", marker: 2),
        Expected(code: .unknownField, message: "unknown field 'Missing'", marker: 3),
        Expected(code: .unknownField, message: "unknown field 'Gone'", marker: 4),
      ])
    #expect(
      diagnostics.first?.notes == [
        Note("a field with a similar name exists: 'Purchase_Date'", at: Fixture.field("Purchase_Date").range)
      ])
    #expect(diagnostics.dropFirst().allSatisfy { $0.notes.isEmpty })
    // The name's own range is exact here, so the suggestion comes with its fix-it.
    let first = try #require(diagnostics.first)
    #expect(first.fixIts == [FixIt(replacing: first.range, with: "Purchase_Date")])
  }

  @Test func anUnquotedEnumValueIsAnUnknownFieldWithAHintToQuoteIt() throws {
    let diagnostics = expectDiagnostics(
      "Customer_Segment == 1️⃣gold", [Expected(code: .unknownField, message: "unknown field 'gold'")])
    #expect(diagnostics.first?.help == "write the value of 'Customer_Segment' in quotes: \"gold\"")
  }

  @Test func isEmptyOnARequiredFieldIsAWarningWithTheDeclaration() throws {
    let diagnostics = expectDiagnostics(
      "Customer_Name 1️⃣is empty or Language 2️⃣is not empty",
      [
        Expected(code: .isEmptyOnRequired, message: "required field 'Customer_Name' is never empty"),
        Expected(code: .isEmptyOnRequired, message: "required field 'Language' is never empty", marker: 2),
      ])
    #expect(diagnostics.allSatisfy { $0.severity == .warning })
    #expect(
      diagnostics.first?.notes == [
        Note("'Customer_Name' is declared required here", at: Fixture.field("Customer_Name").range)
      ])
  }

  @Test(arguments: [
    ("1️⃣Customer_Name", "expected a boolean condition, found a string"),
    ("(1️⃣Amount)", "expected a boolean condition, found a number"),
    ("1️⃣2026-12-25", "expected a boolean condition, found a date"),
    ("Is_VIP and 1️⃣Customer_Segment", "'and' expects a boolean, found an enum value"),
    ("1️⃣Opened_At or Is_VIP", "'or' expects a boolean, found a datetime"),
    ("not 1️⃣'yes'", "'not' expects a boolean, found a string"),
  ])
  func nonBooleanConditionsAndOperandsAreReported(marked: String, message: String) {
    _ = expectDiagnostics(marked, [Expected(code: .expressionNotBoolean, message: message)])
  }

  @Test func aBareFieldConditionNotesTheFieldDeclaration() throws {
    let diagnostic = try #require(diagnose("Customer_Name").first)
    #expect(
      diagnostic.notes == [
        Note("'Customer_Name' is declared here as 'string'", at: Fixture.field("Customer_Name").range)
      ])
  }

  @Test func eachRootCauseIsReportedOnceAcrossTheTree() {
    _ = expectDiagnostics(
      "1️⃣Unknown == 3 and not (Amount 2️⃣== 'x') and (Is_VIP or 3️⃣Notes)",
      [
        Expected(code: .unknownField, message: "unknown field 'Unknown'"),
        Expected(code: .expressionTypeMismatch, message: "cannot compare a number with a string", marker: 2),
        Expected(code: .expressionNotBoolean, message: "'or' expects a boolean, found a string", marker: 3),
      ])
  }

  @Test func suggestionsDoNotDependOnDictionaryOrder() {
    let declaration = Place.declaration(line: 2)
    let fields = Dictionary(
      uniqueKeysWithValues: ["Ab", "Ac", "Ad", "Ae"].map {
        ($0, FieldSignature(name: $0, type: .boolean, range: declaration))
      })
    let expression = parsed("Aa")!
    let notes = ExpressionChecker.check(expression, fields: fields).flatMap(\.notes).map(\.message)
    #expect(notes == ["a field with a similar name exists: 'Ab'"])
  }
}
