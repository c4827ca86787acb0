public import DCMCCalendar
package import DCMCJSON
public import DCMCRuntime

/// A customer record as scripts and front ends see it (SPEC section 14, `docs/customers.md`):
/// its id, name, email, phone in E.164, the profile's extra fields typed, and when it was
/// made and last changed.
public struct CustomerView: Sendable, Equatable {
  public var id: String
  public var name: String
  /// As written, trimmed.
  public var email: String?
  /// E.164: `+3225551234`.
  public var phone: String?
  public var fields: [String: FieldValue]
  public var createdAt: Instant
  public var updatedAt: Instant
  /// The record this one was merged into; `nil` for a record in use (what `show` answers).
  public var mergedInto: String?

  public init(_ state: CustomerState) {
    id = state.id
    name = state.name
    email = state.email?.text
    phone = state.phone?.e164
    fields = state.fields
    createdAt = state.createdAt
    updatedAt = state.updatedAt
    mergedInto = state.mergedInto
  }

  package var json: JSONValue {
    .object([
      ("created_at", createdAt.json), ("email", .string(email)),
      ("fields", .object(fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value.json) })),
      ("id", .string(id)),
      ("merged_into", .string(mergedInto)), ("name", .string(name)), ("phone", .string(phone)),
      ("updated_at", updatedAt.json),
    ])
  }
}
