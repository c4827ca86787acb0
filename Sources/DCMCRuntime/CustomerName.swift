internal import DCMCText

/// What a customer's name may hold (`docs/customers.md`, "Names"): one line of plain text
/// (`OneLine`, the rule a `string` field's value follows too) of at most `maximumLength`
/// characters (Unicode code points). A name typed for the record (`customer add|update`, the
/// API) that breaks this is refused; a name a case's field gives (a `text` field may hold
/// several lines) is made one that keeps it (`flattened`), so that the case is still created.
public enum CustomerName {
  public static let maximumLength = 200

  /// What is wrong with `name` (already trimmed), or `nil`.
  static func problem(_ name: String) -> CustomerProblem? {
    if let scalar = OneLine.forbidden(in: name) { return .nameCharacter(scalar.value) }
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
      if OneLine.isBreaking(scalar) || scalar.properties.isWhitespace {
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
}
