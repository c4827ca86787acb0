/// What the type checker needs to know about `customer.` operands: the CustomerProfile's
/// fields and the case types `recent_cases` may name. The built-in fields of every customer
/// record (`builtinFields`) need no declaration.
public struct CustomerSignature: Sendable {
  /// The CustomerProfile's fields, by id.
  public var fields: [String: FieldSignature]
  /// The ids of every case type of the definitions.
  public var caseTypes: Set<String>

  public init(fields: [String: FieldSignature], caseTypes: Set<String>) {
    self.fields = fields
    self.caseTypes = caseTypes
  }

  /// The fields every customer record has, with their types.
  public static let builtinFields: [String: FieldType] = [
    "name": .string, "email": .email, "phone": .phone,
  ]

  /// No profile and no case type: only the context names type-check.
  public static let none = CustomerSignature(fields: [:], caseTypes: [])
}
