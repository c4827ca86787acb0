public import DCMCDiagnostics

/// What the type checker needs to know about one case field.
public struct FieldSignature: Sendable, Hashable {
  /// The field id, as conditions spell it.
  public var name: String
  public var type: FieldType
  /// `required: true` in the declaration; `is empty` on such a field is DC5004.
  public var isRequired: Bool
  /// Where the field is declared, for notes.
  public var range: SourceRange

  public init(name: String, type: FieldType, isRequired: Bool = false, range: SourceRange) {
    self.name = name
    self.type = type
    self.isRequired = isRequired
    self.range = range
  }
}
