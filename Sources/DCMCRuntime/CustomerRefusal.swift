internal import DCMCText

/// Why the engine refused a change to a customer record; nothing was decided.
public enum CustomerRefusal: Error, Sendable, Hashable, CustomStringConvertible {
  /// The record would not be valid; each problem is listed.
  case invalidRecord([CustomerProblem])
  /// A merge of a record into itself.
  case mergeIntoItself(String)
  /// The record was merged into another: it takes no change and no merge, either way.
  case merged(String, into: String)

  /// What kind of refusal it is, for shells that map kinds.
  public var kind: Refusal.Kind {
    switch self {
    case .invalidRecord, .mergeIntoItself: .invalidInput
    case .merged: .wrongState
    }
  }

  public var description: String {
    switch self {
    case .invalidRecord(let problems):
      "the customer record is not valid: " + problems.map(\.description).joined(separator: "; ")
    case .mergeIntoItself(let id): "customer '\(id)' cannot be merged into itself"
    case .merged(let id, let keep): "customer '\(id)' was merged into '\(keep)'"
    }
  }
}

/// One thing wrong with a customer record.
public enum CustomerProblem: Sendable, Hashable, CustomStringConvertible {
  case emptyName
  /// The name holds the control or bidirectional control character `U+scalar`.
  case nameCharacter(UInt32)
  /// The name is this many characters (code points) long, over `CustomerName.maximumLength`.
  case nameTooLong(Int)
  case invalidEmail(String)
  /// `reason` is `PhoneNumber.Problem`'s clause.
  case invalidPhone(String, reason: String)
  /// An extra field the profile does not have, or a value that fails its type or pattern.
  case field(FieldProblem)

  public var description: String {
    switch self {
    case .emptyName: "the name is empty"
    case .nameCharacter(let value):
      "the name " + OneLine.refusal(value, of: "a name")
    case .nameTooLong(let length):
      "the name is \(length) characters long; a name has at most \(CustomerName.maximumLength)"
    case .invalidEmail(let text): "'\(text.prefix(80))' is not an email address"
    case .invalidPhone(let text, let reason): "phone '\(text.prefix(40))' \(reason)"
    case .field(.unknown(let id)): "'\(id)' is not a field of the customer profile"
    case .field(.invalid(let id, let problem)): "'\(id)' \(problem)"
    }
  }
}
