import DCMCDiagnostics
import DCMCExpressions

/// Where test conditions sit: as if after `    when: ` on line 7 of `case.yaml`.
enum Place {
  static let file = "case.yaml"
  static let start = SourceLocation(line: 7, column: 11, offset: 120)
  static let origin = TextOrigin(exactlyAt: start, in: file)

  /// The file location of offset `offset` of the condition text.
  static func location(_ offset: Int) -> SourceLocation {
    SourceLocation(line: start.line, column: start.column + offset, offset: start.offset + offset)
  }

  /// A declaration range on `line`, for field signatures.
  static func declaration(line: Int) -> SourceRange {
    SourceRange(
      file: file, start: SourceLocation(line: line, column: 5, offset: line * 40),
      end: SourceLocation(line: line, column: 30, offset: line * 40 + 25))
  }
}

/// The fields of the test case type; field `n` is declared on line `n + 1`.
enum Fixture {
  static let fields: [String: FieldSignature] = {
    let list: [(String, FieldType, Bool)] = [
      ("Customer_Name", .string, true),
      ("Customer_Email", .email, true),
      ("Customer_Phone", .phone, false),
      ("Customer_Segment", .enumeration(["gold", "silver", "bronze"]), false),
      ("Purchase_Date", .date, false),
      ("Opened_At", .datetime, false),
      ("Amount", .number, false),
      ("Items", .integer, false),
      ("Is_VIP", .boolean, false),
      ("Notes", .text, false),
      ("Language", .enumeration(["fr", "nl", "en"]), true),
    ]
    var fields: [String: FieldSignature] = [:]
    for (index, (name, type, required)) in list.enumerated() {
      fields[name] = FieldSignature(
        name: name, type: type, isRequired: required, range: Place.declaration(line: index + 2))
    }
    return fields
  }()

  /// The customer profile of the tests: `Tier` (gold or silver) on line 30, `Since` (a date)
  /// on line 31; the case types `technical` and `billing`.
  static let customer = CustomerSignature(
    fields: [
      "Tier": FieldSignature(
        name: "Tier", type: .enumeration(["gold", "silver"]), range: Place.declaration(line: 30)),
      "Since": FieldSignature(name: "Since", type: .date, range: Place.declaration(line: 31)),
    ], caseTypes: ["technical", "billing"])

  static func field(_ name: String) -> FieldSignature {
    guard let field = fields[name] else { preconditionFailure("no fixture field '\(name)'") }
    return field
  }
}

/// Parses and checks `text` against the fixture fields; all diagnostics, parse then check.
func diagnose(_ text: String) -> [Diagnostic] {
  let (expression, syntax) = ExpressionParser.parse(text, origin: Place.origin)
  guard let expression else { return syntax }
  return syntax
    + ExpressionChecker.check(expression, fields: Fixture.fields, customer: Fixture.customer)
}

/// Parses `text`, which must be valid.
func parsed(_ text: String) -> Expression? {
  ExpressionParser.parse(text, origin: Place.origin).0
}
