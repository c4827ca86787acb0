/// What `CustomerRepository.addCustomer(unlessKeyTaken:)` did.
public enum CustomerAddOutcome: Sendable, Hashable {
  /// The record was added.
  case added
  /// Records in use (not merged) have the new record's email or phone number already, listed
  /// sorted: nothing was written.
  case keyTaken([String])
  /// The id was taken meanwhile (at this version): nothing was written.
  case conflict(version: Int)
}
