/// What `CustomerRepository.appendCustomer(unlessKeyTaken:)` did.
public enum CustomerAddOutcome: Sendable, Hashable {
  /// The change was written: the record added, or changed.
  case added
  /// Other records in use (not merged) have an email or phone number the change gives the
  /// record already, listed sorted: nothing was written.
  case keyTaken([String])
  /// The record's id was taken, or the record moved on, meanwhile (at this version): nothing
  /// was written.
  case conflict(version: Int)
}
