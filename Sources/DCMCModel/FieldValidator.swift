import DCMCCalendar

/// Checks a value written as text against a field's type, values and pattern. The checker
/// uses it for values in definitions; the runtime uses it for form data.
public enum FieldValidator {
  /// A compiled `pattern`. A pattern matches anywhere in the value unless anchored with
  /// `^...$`, as in JSON Schema, or `nil` when it is not a valid regular expression.
  public static func compile(_ pattern: String) -> Regex<AnyRegexOutput>? {
    try? Regex(pattern)
  }

  /// Why `text` is not a valid value of `field`, or `nil` when it is.
  public static func problem(with text: String, for field: FieldDefinition) -> String? {
    switch field.kind.value {
    case .string, .text:
      if let pattern = field.pattern, let regex = compile(pattern.value), (try? regex.firstMatch(in: text)) == nil {
        return "does not match the pattern '\(pattern.value)'"
      }
    case .integer:
      if Int(text) == nil { return "is not an integer" }
    case .number:
      if Double(text) == nil || text.lowercased().contains("n") { return "is not a number" }
    case .boolean:
      if text != "true" && text != "false" { return "is not 'true' or 'false'" }
    case .date:
      if LocalDate(text) == nil { return "is not a date (YYYY-MM-DD)" }
    case .datetime:
      if Timestamp(text) == nil { return "is not a date and time with an offset (YYYY-MM-DDTHH:MM:SS+01:00)" }
    case .email:
      if !isEmail(text) { return "is not an email address" }
    case .phone:
      if !isPhone(text) { return "is not a phone number" }
    case .enumeration:
      if !field.values.contains(where: { $0.value == text }) {
        return "is not one of: \(field.values.map(\.value).joined(separator: ", "))"
      }
    }
    return nil
  }

  /// `local@domain.tld`: one `@`, no spaces, a dot in the domain, nothing empty.
  static func isEmail(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
    let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
  }

  /// An optional `+`, then 6 to 20 digits, spaces, dashes, dots or parentheses with at
  /// least 6 digits.
  static func isPhone(_ text: String) -> Bool {
    var body = Substring(text)
    if body.first == "+" { body = body.dropFirst() }
    let digits = body.filter { $0.isASCII && $0.isNumber }.count
    let allowed = body.allSatisfy { ($0.isASCII && $0.isNumber) || " -.()".contains($0) }
    return allowed && (6...20).contains(digits)
  }
}
