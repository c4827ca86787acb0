/// A JSON value: what dcmc parses (bundles, store records) and the one tree everything it
/// writes as JSON is built as (bundles, store records, diagnostics in JSON and SARIF, the
/// CLI's `--json`), so all of it comes out in the canonical form of `JSONValue+Writer.swift`.
///
/// Objects keep their members in the order given; the writer sorts them by key.
package enum JSONValue: Sendable {
  case null
  case bool(Bool)
  /// A number in canonical text: an integer as plain decimal digits, any other number as
  /// Swift prints a `Double` (the shortest text that reads back to the same value).
  case number(String)
  case string(String)
  case array([JSONValue])
  /// Keys are unique (the parser refuses duplicates), in any order (the writer sorts them).
  case object([(key: String, value: JSONValue)])

  /// `.string` of `text`, or `.null` for `nil`.
  package static func string(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }

  /// An integer (its canonical text is its decimal digits), or `.null` for `nil`.
  package static func int(_ number: Int?) -> JSONValue { number.map { .number(String($0)) } ?? .null }

  /// The canonical text of a JSON number literal, or `nil` when it is out of range: when it
  /// reads as infinity (`1e400`), or as 0 though it is not 0 (`0.1e-400`, which was kept as 0
  /// before 7 December 2026), since either would change the number kept (`numberRange`). The
  /// one rule of a number's range: the parser, form data and number fields ask it. Text
  /// without an ASCII digit is no finite number (`Double` reads a hexadecimal one only after
  /// `0x`), and is refused before parsing it twice: a case's form values are asked, and most
  /// are words (`CaseView.needsDefinitions`, `FieldValue`).
  package static func canonicalNumber(_ literal: String) -> String? {
    guard literal.utf8.contains(where: { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
    if !literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }),
      let integer = Int64(literal)
    {
      return String(integer)
    }
    guard let double = Double(literal), double.isFinite else { return nil }
    if double == 0 {
      // 0 only from a literal of 0: a digit 1-9 before the exponent is a number too close to 0.
      let mantissa = literal.utf8.prefix { $0 != UInt8(ascii: "e") && $0 != UInt8(ascii: "E") }
      guard !mantissa.contains(where: { $0 >= UInt8(ascii: "1") && $0 <= UInt8(ascii: "9") }) else { return nil }
    }
    // Below 2^53 every integral double is exact; a round trip through Int64 tests integrality.
    if abs(double) < 9_007_199_254_740_992, Double(Int64(double)) == double {
      return String(Int64(double))
    }
    return String(double)
  }

  /// The range `canonicalNumber` keeps, in words, for the messages that refuse a number out
  /// of it.
  package static let numberRange = "a number other than 0 is from about 5e-324 to 1.7e308 in size"

  /// The value of `key` in an object.
  package subscript(key: String) -> JSONValue? {
    guard case .object(let entries) = self else { return nil }
    return entries.first { $0.key == key }?.value
  }

  /// The object without `key`.
  package func removing(_ key: String) -> JSONValue {
    guard case .object(let entries) = self else { return self }
    return .object(entries.filter { $0.key != key })
  }

  /// The object with `key` set to `value` (added when missing).
  package func setting(_ key: String, to value: JSONValue) -> JSONValue {
    guard case .object(var entries) = self else { return self }
    if let index = entries.firstIndex(where: { $0.key == key }) {
      entries[index].value = value
    } else {
      entries.append((key, value))
    }
    return .object(entries)
  }
}
