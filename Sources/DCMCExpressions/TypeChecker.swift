import DCMCDiagnostics

/// The walk behind `ExpressionChecker`: computes each node's type and collects diagnostics.
struct TypeChecker {
  let fields: [String: FieldSignature]
  let customer: CustomerSignature
  /// Field names sorted, so that suggestions do not depend on dictionary order.
  private let fieldNames: [String]
  var diagnostics: [Diagnostic] = []

  init(fields: [String: FieldSignature], customer: CustomerSignature) {
    self.fields = fields
    self.customer = customer
    fieldNames = fields.keys.sorted()
  }

  mutating func report(
    _ code: DiagnosticCode, _ message: String, at range: SourceRange, notes: [Note] = [], help: String? = nil,
    fixIts: [FixIt] = []
  ) {
    diagnostics.append(Diagnostic(code, message, at: range, notes: notes, help: help, fixIts: fixIts))
  }

  /// The type of `expression`, or `nil` when it cannot be known because of an error
  /// already reported inside it.
  mutating func type(of expression: Expression) -> OperandType? {
    switch expression.kind {
    case .field(let name):
      return fieldType(name, at: expression.range, help: nil)
    case .customer(let operand):
      return customerType(operand, at: expression.range)
    case .literal(let value):
      return OperandType(value)
    case .comparison(let op, let lhs, let rhs, let operatorRange):
      checkComparison(op, lhs, rhs, operatorRange: operatorRange)
      return .boolean
    case .membership(let subject, let items, _, _):
      checkMembership(subject, items)
      return .boolean
    case .emptiness(let subject, _, let operatorRange):
      checkEmptiness(subject, operatorRange: operatorRange)
      return .boolean
    case .not(let operand):
      requireBoolean(operand, of: "not")
      return .boolean
    case .and(let operands):
      for operand in operands { requireBoolean(operand, of: "and") }
      return .boolean
    case .or(let operands):
      for operand in operands { requireBoolean(operand, of: "or") }
      return .boolean
    }
  }

  /// Notes that show where the fields among `operands` are declared, with their types.
  func declarationNotes(for operands: [Expression]) -> [Note] {
    operands.compactMap { operand in
      signature(of: operand).map { Note("'\($0.name)' is declared here as '\($0.type.name)'", at: $0.range) }
    }
  }

  private func signature(of expression: Expression) -> FieldSignature? {
    switch expression.kind {
    case .field(let name): fields[name]
    case .customer(.field(let name)): customer.fields[name]
    default: nil
    }
  }

  private mutating func fieldType(_ name: String, at range: SourceRange, help: String?) -> OperandType? {
    if let field = fields[name] { return OperandType(field.type) }
    var diagnostic = Diagnostic(.unknownField, "unknown field '\(name)'", at: range, help: help)
    if let close = Suggestion.closest(to: name, in: fieldNames), let field = fields[close] {
      // The fix-it only when the range is the name itself, not the whole condition (see TextOrigin).
      let exact =
        range.start.line == range.end.line && range.end.column - range.start.column == name.unicodeScalars.count
      diagnostic = diagnostic.suggesting("field", close, declaredAt: field.range, replacing: exact ? range : nil)
    }
    diagnostics.append(diagnostic)
    return nil
  }

  /// The type of a comparison operand. An unknown field named like a value of the enum
  /// field on the other side gets a hint to quote it.
  private mutating func operandType(_ operand: Expression, comparedWith other: Expression) -> OperandType? {
    guard case .field(let name) = operand.kind else { return type(of: operand) }
    var help: String?
    if fields[name] == nil, let otherField = signature(of: other), case .enumeration(let values) = otherField.type,
      values.contains(name)
    {
      help = "write the value of '\(otherField.name)' in quotes: \"\(name)\""
    }
    return fieldType(name, at: operand.range, help: help)
  }

  private mutating func checkComparison(
    _ op: ComparisonOperator, _ lhs: Expression, _ rhs: Expression, operatorRange: SourceRange
  ) {
    let lhsType = operandType(lhs, comparedWith: rhs)
    let rhsType = operandType(rhs, comparedWith: lhs)
    guard let lhsType, let rhsType else { return }
    if !lhsType.canCompare(with: rhsType) {
      report(
        .expressionTypeMismatch, "cannot compare \(lhsType.phrase) with \(rhsType.phrase)", at: operatorRange,
        notes: declarationNotes(for: [lhs, rhs]))
    } else if op.isOrdering, !lhsType.isOrdered {
      report(
        .expressionTypeMismatch, "cannot order \(lhsType.plural) with '\(op.rawValue)'", at: operatorRange,
        notes: declarationNotes(for: [lhs, rhs]))
    } else {
      checkEnumValue(rhs, against: lhs)
      checkEnumValue(lhs, against: rhs)
    }
  }

  private mutating func checkMembership(_ subject: Expression, _ items: [Expression]) {
    let subjectType = type(of: subject)
    for item in items {
      guard let itemType = type(of: item), let subjectType else { continue }
      if subjectType.canCompare(with: itemType) {
        checkEnumValue(item, against: subject)
      } else {
        report(
          .expressionTypeMismatch, "cannot compare \(subjectType.phrase) with \(itemType.phrase)", at: item.range,
          notes: declarationNotes(for: [subject]))
      }
    }
  }

  /// DC5003 when `literal` is a string that `field`, an enum field, does not allow.
  private mutating func checkEnumValue(_ literal: Expression, against field: Expression) {
    guard case .literal(.string(let text)) = literal.kind, let signature = signature(of: field),
      case .enumeration(let values) = signature.type, !values.contains(text)
    else { return }
    let diagnostic = Diagnostic(
      .enumValueNotInValues, "\(Self.quoted(text)) is not a value of '\(signature.name)'", at: literal.range)
    guard let close = Suggestion.closest(to: text, in: values) else {
      diagnostics.append(diagnostic.adding(Note("'\(signature.name)' is declared here", at: signature.range)))
      return
    }
    // The fix-it replaces the text between the quotes, so the quotes stay as written; only
    // when the literal's range is exactly its quoted text (no escapes, see TextOrigin).
    let range = literal.range
    var inside: SourceRange?
    if range.start.line == range.end.line, range.end.column - range.start.column == text.unicodeScalars.count + 2 {
      var start = range.start
      var end = range.end
      start.column += 1
      start.offset += 1
      end.column -= 1
      end.offset -= 1
      inside = SourceRange(file: range.file, start: start, end: end)
    }
    diagnostics.append(diagnostic.suggesting("value", close, declaredAt: signature.range, replacing: inside))
  }

  private mutating func checkEmptiness(_ subject: Expression, operatorRange: SourceRange) {
    guard type(of: subject) != nil, case .field(let name) = subject.kind, let field = fields[name],
      field.isRequired
    else { return }
    report(
      .isEmptyOnRequired, "required field '\(name)' is never empty", at: operatorRange,
      notes: [Note("'\(name)' is declared required here", at: field.range)])
  }

  private mutating func requireBoolean(_ operand: Expression, of keyword: String) {
    guard let type = type(of: operand), type != .boolean else { return }
    report(
      .expressionNotBoolean, "'\(keyword)' expects a boolean, found \(type.phrase)", at: operand.range,
      notes: declarationNotes(for: [operand]))
  }

  /// A user's string for a message, cut after a few characters.
  private static func quoted(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard scalars.count > LiteralClassifier.quotedLength else { return "'\(text)'" }
    return "'" + String(String.UnicodeScalarView(scalars.prefix(LiteralClassifier.quotedLength))) + "…'"
  }
}

extension Diagnostic {
  fileprivate func adding(_ note: Note) -> Diagnostic {
    var copy = self
    copy.notes.append(note)
    return copy
  }
}
