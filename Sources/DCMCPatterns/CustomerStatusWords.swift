/// The words a customer reads for the status of their case (SPEC section 14), the defaults and
/// the rule of a case type's `customer_status:` overrides: a key per case status, each value
/// non-empty text of at most `maximumLength` characters without control characters (they are
/// shown one a line in `customer cases` and on the status page).
///
/// The one copy of the statuses, the defaults and the rule: the checker reports an override
/// that breaks it (DC2004 for an unknown status, DC7010 for its words), the bundle loader
/// refuses a bundle that holds one, and the runtime reads the effective words from
/// `BundleCaseType.customerWords(for:)`, which falls back on `defaults`.
///
/// A case type's `customer_next_step:` (what the customer can do about a case in a status or
/// closed with a resolution: how to send the documents a pending case waits for) takes the
/// same keys and words of at most `nextStepMaximumLength` characters, by the same rule; it
/// has no defaults, since only the definitions know how their customers reach them.
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

  /// The longest next step (`customer_next_step:`), in Unicode scalars: a sentence or two.
  public static let nextStepMaximumLength = 200

  /// The two keys of a case type that take words by status or resolution.
  public enum Key: String, Sendable, CaseIterable {
    case status = "customer_status"
    case nextStep = "customer_next_step"

    /// The longest words the key takes.
    public var maximumLength: Int {
      switch self {
      case .status: CustomerStatusWords.maximumLength
      case .nextStep: CustomerStatusWords.nextStepMaximumLength
      }
    }

    /// What a problem with the words calls them: "invalid customer words for status 'x'".
    public var noun: String {
      switch self {
      case .status: "customer words"
      case .nextStep: "next step"
      }
    }
  }

  /// Why `words` cannot be a status's words (or, with `nextStepMaximumLength`, a next step),
  /// as one lowercase clause; `nil` when they can.
  public static func problem(in words: String, maximumLength: Int = maximumLength) -> String? {
    let scalars = words.unicodeScalars
    if scalars.allSatisfy({ $0.properties.isWhitespace }) { return "the words are empty" }
    if scalars.count > maximumLength { return "the words are longer than \(maximumLength) characters" }
    if scalars.contains(where: { $0.value < 0x20 || (0x7f...0x9f).contains($0.value) }) {
      return "the words contain a control character"
    }
    return nil
  }
}
