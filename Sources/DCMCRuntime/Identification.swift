/// How a case came by its customer when it was created (SPEC section 14, `docs/customers.md`).
public enum Identification: String, Sendable, Hashable, CaseIterable {
  /// Named by the creating command (`--customer`).
  case explicit
  /// The one record with the case's email or phone number.
  case matched
  /// No record had them: a new record was added from the case's mapped fields.
  case created
  /// Several records had them: the case stays unlinked until a supervisor links it.
  case ambiguous
  /// The case type maps no customer fields, or the case gave none of them.
  case none
  /// Linked after its creation, by `case link --customer`.
  case linked
}

extension Identification {
  /// Whether the one who created the case may be given a status link of its customer: only
  /// when the creation added the record. A record found by an email address or a phone number,
  /// which anyone can type, holds other cases, and the link would list them all.
  public var mayShowStatusLink: Bool { self == .created }
}
