public import DCMCCalendar
public import DCMCExpressions

/// A customer record as its history leaves it (SPEC section 14): who the customer is, how to
/// reach them, the profile's extra fields, and whether it was merged into another record.
public struct CustomerState: Sendable, Hashable {
  /// `CUS-000042`: the profile's `reference` with the store's next customer number.
  public var id: String
  public var details: CustomerDetails
  public var createdAt: Instant
  public var createdBy: String?
  /// The instant of the last event.
  public var updatedAt: Instant
  /// The record this one was merged into: its id names that record from then on.
  public var mergedInto: String?
  /// The sequence number of the last event.
  public var version: Int

  public init(
    id: String, details: CustomerDetails, createdAt: Instant, createdBy: String?,
    updatedAt: Instant,
    mergedInto: String?, version: Int
  ) {
    self.id = id
    self.details = details
    self.createdAt = createdAt
    self.createdBy = createdBy
    self.updatedAt = updatedAt
    self.mergedInto = mergedInto
    self.version = version
  }

  public var name: String { details.name }
  public var email: EmailAddress? { details.email }
  public var phone: PhoneNumber? { details.phone }
  public var fields: [String: FieldValue] { details.fields }
}

/// What a customer record says about the customer: what `customer.added` and
/// `customer.updated` record, whole.
public struct CustomerDetails: Sendable, Hashable {
  /// Not empty; trimmed.
  public var name: String
  public var email: EmailAddress?
  public var phone: PhoneNumber?
  /// The profile's extra fields that have a value, typed by their definitions.
  public var fields: [String: FieldValue]

  public init(name: String, email: EmailAddress?, phone: PhoneNumber?, fields: [String: FieldValue]) {
    self.name = name
    self.email = email
    self.phone = phone
    self.fields = fields
  }

  /// Whether `other` says the same, to the letter: an email written in other letter case is
  /// the same address (`EmailAddress`) but a change worth recording.
  func isSame(as other: CustomerDetails) -> Bool {
    self == other && email?.text == other.email?.text
  }
}
