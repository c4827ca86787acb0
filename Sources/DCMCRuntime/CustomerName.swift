internal import DCMCText

/// What a customer's name may hold (`docs/customers.md`, "Names"): one line of at most
/// `maximumLength` characters (Unicode code points), without control characters (line breaks,
/// tabs, U+0000-001F, U+007F-009F, U+2028, U+2029) and without the bidirectional embeddings,
/// overrides and isolates (U+202A-202E, U+2066-2069) that make a name display in another order
/// than it is stored. A name typed for the record (`customer add|update`, the API) that breaks
/// this is refused; a name a case's field gives (a `text` field may hold several lines) is
/// made one that keeps it (`flattened`), so that the case is still created.
public enum CustomerName {
  public static let maximumLength = 200

  /// What is wrong with `name` (already trimmed), or `nil`.
  static func problem(_ name: String) -> CustomerProblem? {
    if let scalar = name.unicodeScalars.first(where: { isControl($0) || $0.isBidirectionalControl }) {
      return .nameCharacter(scalar.value)
    }
    let length = name.unicodeScalars.count
    return length > maximumLength ? .nameTooLong(length) : nil
  }

  /// `text` as a name the record takes: each run of controls and white space one space, the
  /// bidirectional controls dropped, trimmed, and cut to `maximumLength`.
  public static func flattened(_ text: String) -> String {
    var scalars = String.UnicodeScalarView()
    var count = 0
    var pendingSpace = false
    for scalar in text.unicodeScalars where !scalar.isBidirectionalControl {
      if isControl(scalar) || scalar.properties.isWhitespace {
        pendingSpace = count > 0
        continue
      }
      guard count + (pendingSpace ? 2 : 1) <= maximumLength else { break }
      if pendingSpace {
        scalars.append(" ")
        count += 1
        pendingSpace = false
      }
      scalars.append(scalar)
      count += 1
    }
    return String(scalars)
  }

  /// A control character, or a line or paragraph separator (U+2028, U+2029): a name is one line.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isControlCharacter || scalar.value == 0x2028 || scalar.value == 0x2029
  }
}
