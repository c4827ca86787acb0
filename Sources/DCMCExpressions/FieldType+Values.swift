import DCMCCalendar
internal import DCMCText
internal import DCMCJSON
public import DCMCPatterns

extension FieldType {
  /// The longest value of a field of any type, in bytes of UTF-8 (64 KiB): the public form's
  /// bound on a text field, and the runtime's on every form value.
  public static let maximumValueBytes = 64 << 10

  /// Why `text` is not a valid value of a field of this type with this `pattern`, or `nil`
  /// when it is. The checker asks it of values in definitions, the runtime of form data.
  public func problem(with text: String, pattern: FieldPattern?) -> String? {
    // One bound for every way in (the public form, the API, the CLI, a task's form): a value
    // travels in every list of its case, and a pattern is not run over megabytes.
    guard text.utf8.count <= Self.maximumValueBytes else {
      return "is longer than \(Self.maximumValueBytes >> 10) KiB (\(text.utf8.count) bytes of UTF-8)"
    }
    switch self {
    case .string, .text:
      // `string` is one line of plain text (docs/language.md), as a customer's name is: a line
      // break belongs in a `text`; a control character (NUL, ESC) or a bidirectional override
      // would reach the staff pages, exports and the customer record made from the case.
      if case .string = self, let problem = OneLine.problem(in: text, of: "a string field") { return problem }
      if let pattern, !pattern.pattern.matches(text) {
        return "does not match the pattern '\(pattern.text)'"
      }
    case .integer:
      if Int(text) == nil { return "is not an integer" }
    case .number:
      // Decimal notation only (`Double` alone also reads `0x10`, `nan` and `inf`); then the
      // range of every number dcmc keeps: `1e400` reads as infinity (issue 14, item 17) and
      // `0.1e-400` as 0, so either would change the value.
      guard Self.isDecimal(text) else { return "is not a number" }
      if JSONValue.canonicalNumber(text) == nil { return "is out of range: \(JSONValue.numberRange)" }
    case .boolean:
      if text != "true" && text != "false" { return "is not 'true' or 'false'" }
    case .date:
      if LocalDate(text) == nil { return "is not a date (YYYY-MM-DD)" }
    case .datetime:
      if Timestamp(text) == nil { return "is not a date and time with an offset (YYYY-MM-DDTHH:MM:SS+01:00)" }
    case .email:
      if !Self.isEmail(text) { return "is not an email address" }
    case .phone:
      // A customer record's rule (`PhoneNumber`), so a case keeps no number its customer refuses.
      if let problem = PhoneNumber.problem(with: text) { return "is not a phone number: \(problem)" }
    case .enumeration(let values):
      if !values.contains(text) { return "is not one of: \(values.joined(separator: ", "))" }
    }
    return nil
  }

  /// The value a condition sees for a field's text: numbers for `integer` and `number`,
  /// booleans, dates, datetimes, and strings for the rest; `nil` when the text is not of
  /// the type.
  public func value(of text: String) -> Value? {
    switch self {
    case .integer, .number: Double(text).map { .number($0) }
    case .boolean: text == "true" ? .boolean(true) : text == "false" ? .boolean(false) : nil
    case .date: LocalDate(text).map { .date($0) }
    case .datetime: Timestamp(text).map { .datetime($0) }
    case .string, .text, .email, .phone, .enumeration: .string(text)
    }
  }

  /// `-12`, `4.5`, `6.02e23`: an optional minus, digits, an optional fraction and an optional
  /// exponent, as JSON writes numbers (leading zeros allowed, as a form may send them).
  static func isDecimal(_ text: String) -> Bool {
    var scalars = text.unicodeScalars[...]
    func digits() -> Bool {
      let run = scalars.prefix { ("0"..."9").contains($0) }
      scalars = scalars.dropFirst(run.count)
      return !run.isEmpty
    }
    if scalars.first == "-" { scalars = scalars.dropFirst() }
    guard digits() else { return false }
    if scalars.first == "." {
      scalars = scalars.dropFirst()
      guard digits() else { return false }
    }
    if scalars.first == "e" || scalars.first == "E" {
      scalars = scalars.dropFirst()
      if scalars.first == "+" || scalars.first == "-" { scalars = scalars.dropFirst() }
      guard digits() else { return false }
    }
    return scalars.isEmpty
  }

  /// `local@domain.tld`: one `@`, no spaces, a dot in the domain, nothing empty.
  static func isEmail(_ text: String) -> Bool {
    // Each create checks a few: an ASCII address is read byte by byte (the same test, without
    // splitting it and breaking it into characters); any other by characters, below.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      var (ats, local, label, labels) = (0, 0, 0, 0)
      for byte in text.utf8 {
        switch byte {
        case 0x09...0x0D, 0x20: return false
        case UInt8(ascii: "@"):
          ats += 1
          guard ats == 1, local > 0 else { return false }
        case UInt8(ascii: ".") where ats == 1:
          guard label > 0 else { return false }
          (label, labels) = (0, labels + 1)
        default:
          if ats == 0 { local += 1 } else { label += 1 }
        }
      }
      return ats == 1 && labels >= 1 && label > 0
    }
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, !parts[0].isEmpty, !text.contains(where: \.isWhitespace) else { return false }
    let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
  }
}

/// A field's `pattern`, compiled once. A pattern matches anywhere in the value unless
/// anchored with `^...$`, as in JSON Schema; it runs in linear time (`Pattern`).
public struct FieldPattern: Sendable {
  public let text: String
  public let pattern: Pattern

  /// `nil` when `text` is not a pattern dcmc can run (`Pattern.init` says why).
  public init?(_ text: String) {
    guard let pattern = try? Pattern(text) else { return nil }
    self.text = text
    self.pattern = pattern
  }
}
