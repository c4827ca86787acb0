import DCMCExpressions

/// Checks a value written as text against a field's type, values and pattern. The checker
/// uses it for values in definitions; the runtime checks form data with the same
/// `FieldType.problem(with:pattern:)`.
public enum FieldValidator {
  /// Why `text` is not a valid value of `field`, or `nil` when it is.
  public static func problem(with text: String, for field: FieldDefinition) -> String? {
    field.expressionType.problem(with: text, pattern: field.pattern.flatMap { FieldPattern($0.value) })
  }
}
