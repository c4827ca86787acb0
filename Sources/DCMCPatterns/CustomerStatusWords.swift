/// The words a customer reads for the status of their case (SPEC section 14), the defaults and
/// the rule of a case type's `customer_status:` overrides: a key per case status, each value
/// non-empty text of at most `maximumLength` characters without control characters (they are
/// shown one a line in `customer cases` and on the status page).
///
/// The one copy of the statuses, the defaults and the rule: the checker reports an override
/// that breaks it (DC2004 for an unknown status, DC7010 for its words), the bundle loader
/// refuses a bundle that holds one, and the runtime reads the effective words from
/// `BundleCaseType.customerWords(for:)`, which falls back on `defaults`.
public enum CustomerStatusWords {
  /// The case statuses, in the order of a case's life: the keys of `customer_status:`.
  public static let statuses = ["open", "in_progress", "pending", "escalated", "closed", "cancelled"]

  /// The words of each status when the case type does not override them.
  public static let defaults: [String: String] = [
    "open": "We are working on it", "in_progress": "We are working on it", "pending": "Waiting for you",
    "escalated": "We are working on it", "closed": "Resolved", "cancelled": "Cancelled",
  ]

  /// The longest words a status may have, in Unicode scalars.
  public static let maximumLength = 80

  /// Why `words` cannot be a status's words, as one lowercase clause; `nil` when they can.
  public static func problem(in words: String) -> String? {
    let scalars = words.unicodeScalars
    if scalars.allSatisfy({ $0.properties.isWhitespace }) { return "the words are empty" }
    if scalars.count > maximumLength { return "the words are longer than \(maximumLength) characters" }
    if scalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) {
      return "the words contain a control character"
    }
    return nil
  }
}
