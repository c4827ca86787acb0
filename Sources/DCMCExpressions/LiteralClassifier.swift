import DCMCCalendar
internal import DCMCJSON

/// Turns the text of a number-like word into a literal token, or an invalid one that says
/// what a well-formed literal looks like.
enum LiteralClassifier {
  /// Words longer than this are cut in messages, which never echo long values.
  static let quotedLength = 24

  static func classify(_ word: String) -> TokenKind {
    if isNumberSyntax(word) {
      // The range of every number dcmc keeps (`JSONValue.canonicalNumber`): a literal that
      // reads as infinity, or as 0 though it is not 0, would compare as another number.
      guard JSONValue.canonicalNumber(word) != nil, let number = Double(word) else {
        return .invalid(message: "number \(quote(word)) is out of range: \(JSONValue.numberRange)", help: nil)
      }
      return .literal(.number(number))
    }
    if let duration = ContextDuration(word) { return .duration(duration) }
    if looksLikeDate(word) {
      if word.unicodeScalars.contains("T") {
        guard let dateTime = Timestamp(word), word.utf8.count >= 20, Array(word.utf8)[10] == UInt8(ascii: "T") else {
          return .invalid(
            message: "\(quote(word)) is not a valid datetime",
            help: "write a datetime as 2026-12-25T09:00:00+01:00 or 2026-12-25T08:00:00Z")
        }
        return .literal(.datetime(dateTime))
      }
      guard let date = LocalDate(word) else {
        return .invalid(message: "\(quote(word)) is not a valid date", help: "write a date as 2026-12-25")
      }
      return .literal(.date(date))
    }
    return .invalid(message: "\(quote(word)) is not a valid number", help: "write a number as 12, -3 or 4.5")
  }

  /// `-?[0-9]+(\.[0-9]+)?`
  static func isNumberSyntax(_ word: String) -> Bool {
    var scalars = word.unicodeScalars[...]
    if scalars.first == "-" { scalars = scalars.dropFirst() }
    let integer = scalars.prefix { ("0"..."9").contains($0) }
    guard !integer.isEmpty else { return false }
    scalars = scalars.dropFirst(integer.count)
    if scalars.isEmpty { return true }
    guard scalars.first == "." else { return false }
    let fraction = scalars.dropFirst()
    return !fraction.isEmpty && fraction.allSatisfy { ("0"..."9").contains($0) }
  }

  /// Four digits and a dash: the writer meant a date or a datetime.
  private static func looksLikeDate(_ word: String) -> Bool {
    let scalars = Array(word.unicodeScalars.prefix(5))
    return scalars.count == 5 && scalars[..<4].allSatisfy { ("0"..."9").contains($0) } && scalars[4] == "-"
  }

  private static func quote(_ word: String) -> String {
    let scalars = word.unicodeScalars
    guard scalars.count > quotedLength else { return "'\(word)'" }
    return "'" + String(String.UnicodeScalarView(scalars.prefix(quotedLength))) + "…'"
  }
}
