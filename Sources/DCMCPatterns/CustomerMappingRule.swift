/// The rule of a case type's `customer:` mapping (SPEC section 14): which of the case's fields
/// give the customer's `name`, `email` and `phone`, each key optional, at least one of `email`
/// and `phone` (the keys a case finds its customer by), each naming a field of a fitting type.
///
/// The one copy of the rule: the checker reports a mapping that breaks it (DC7007, DC7008,
/// DC7009) and the bundle loader refuses a bundle that holds one.
public enum CustomerMappingRule {
  /// The keys of the mapping, in the order the docs list them.
  public static let keys = ["name", "email", "phone"]

  /// The keys a case is matched to a customer by: a mapping needs one of them.
  public static let identifyingKeys = ["email", "phone"]

  /// The field types (`string`, the raw values of a field's `type`) that `key` may name;
  /// empty for a key that is none of `keys`.
  public static func fieldTypes(for key: String) -> [String] {
    switch key {
    case "name": ["string", "text"]
    case "email": ["email"]
    case "phone": ["phone"]
    default: []
    }
  }

  /// What `key` must name, for messages: `a string or text field`, `an email field`.
  public static func expected(for key: String) -> String {
    switch key {
    case "email": "an email field"
    case "phone": "a phone field"
    default: "a string or text field"
    }
  }
}
