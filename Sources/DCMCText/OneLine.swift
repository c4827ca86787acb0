/// The rule of one line of plain text: a customer's name and a `string` field's value
/// (docs/customers.md, "Names"; docs/language.md, field types). One copy, so a case's
/// `Customer_Name` and the customer record made from it take the same characters.
public enum OneLine {
  /// The first character `text` may not hold as one line of plain text, or `nil`: a control
  /// character (C0, DEL, C1: line breaks and tabs among them), a line or paragraph separator
  /// (U+2028, U+2029), or a bidirectional embedding, override or isolate (U+202A-202E,
  /// U+2066-2069), which makes the text display in another order than it is stored.
  public static func forbidden(in text: String) -> Unicode.Scalar? {
    text.unicodeScalars.first { isBreaking($0) || $0.isBidirectionalControl }
  }

  /// Why `text` is not one line of plain text, in the words of every refusal of it (a name, a
  /// `string` field's value, an interaction, an attachment's name): `refusal` of its first
  /// `forbidden` character; `nil` when it is one.
  public static func problem(in text: String, of subject: String) -> String? {
    forbidden(in: text).map { refusal($0.value, of: subject) }
  }

  /// The refusal of the forbidden character `value` in `subject` (`a name`): `holds U+001B
  /// (a control character); a name is one line of plain text`.
  public static func refusal(_ value: UInt32, of subject: String) -> String {
    "holds \(describe(value)); \(subject) is one line of plain text"
  }

  /// A control character, or a line or paragraph separator (U+2028, U+2029).
  public static func isBreaking(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isControlCharacter || scalar.value == 0x2028 || scalar.value == 0x2029
  }

  /// How a refusal names a forbidden character: `U+001B (a control character)`.
  public static func describe(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    let point = "U+" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    let kind =
      switch value {
      case 0x0A, 0x0D, 0x0B, 0x0C, 0x85, 0x2028, 0x2029: "a line break"
      case 0x09: "a tab"
      case 0x202A...0x202E: "a bidirectional embedding or override"
      case 0x2066...0x2069: "a bidirectional isolate"
      default: "a control character"
      }
    return "\(point) (\(kind))"
  }
}
