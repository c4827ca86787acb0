/// An email address as a customer record keeps it: trimmed, checked as an `email` field's
/// value is (`FieldType.isEmail`), and compared without regard to letter case on the whole
/// address (`docs/customers.md` says why the local part is not kept case-sensitive).
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
  /// The address as written, trimmed.
  public let text: String
  /// What two addresses are compared by, and indexed under: the address in lower case.
  public let key: String

  public var description: String { text }

  /// The address `text` names, or `nil` when it is not an email address.
  public init?(_ text: String) {
    let trimmed = String(text.trimmingWhitespace)
    guard FieldType.isEmail(trimmed) else { return nil }
    self.text = trimmed
    key = trimmed.lowercased()
  }

  public static func == (a: EmailAddress, b: EmailAddress) -> Bool { a.key == b.key }

  public func hash(into hasher: inout Hasher) { hasher.combine(key) }
}
