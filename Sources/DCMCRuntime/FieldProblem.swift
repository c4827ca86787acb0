/// What is wrong with one value of a form: a case's creation form, or a customer's extra
/// fields.
public enum FieldProblem: Sendable, Hashable {
  /// No field of the form has this id.
  case unknown(field: String)
  /// The value does not fit the field's type or pattern; `problem` says how (`is not a date`).
  case invalid(field: String, problem: String)

  public var field: String {
    switch self {
    case .unknown(let field), .invalid(let field, _): field
    }
  }
}

extension RuntimeDefinitions {
  /// The problems of `values` under the fields `rules`, by field id: a field that is not in
  /// `rules`, and a value that is not empty and fails its field's type or pattern.
  static func problems(of values: [String: String], under rules: [String: FieldRule])
    -> [FieldProblem]
  {
    var problems: [FieldProblem] = []
    for (id, text) in values.sorted(by: { $0.key < $1.key }) {
      guard let rule = rules[id] else {
        problems.append(.unknown(field: id))
        continue
      }
      if !text.isEmpty, let problem = rule.type.problem(with: text, pattern: rule.pattern) {
        problems.append(.invalid(field: id, problem: problem))
      }
    }
    return problems
  }

  /// Whether a required field's value leaves it unanswered: empty, or nothing but white space
  /// and line breaks (`"   "` answers no more than `""`; it was taken, 201, where a customer's
  /// name of spaces was refused).
  static func isBlank(_ text: String) -> Bool { text.allSatisfy(\.isWhitespace) }
}
