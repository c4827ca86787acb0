import DCMCBundle
public import DCMCCalendar
import DCMCExpressions

/// The pure decisions on customer records (SPEC section 14): add, update and merge, each the
/// events it causes or a typed refusal. Values are checked as case fields are: the profile's
/// extra fields by `RuntimeDefinitions.problems(of:under:)`, emails by `EmailAddress`, phone
/// numbers brought to E.164 by `PhoneNumber` in the profile's region. No disk, no clock.
public struct CustomerDecision: Sendable {
  public let definitions: RuntimeDefinitions

  public init(definitions: RuntimeDefinitions) { self.definitions = definitions }

  /// The `customer.added` of a new record numbered `sequence` (`{seq}` of its id), with the
  /// extra fields that have a value, and the `request` that asks for it with its digest; with
  /// the record it makes.
  public func add(
    name: String, email: String?, phone: String?, fields: [String: String], sequence: Int,
    request: String? = nil, requestDigest: String? = nil, by user: String?, at now: Instant
  ) throws(CustomerRefusal) -> (event: CustomerEvent, record: CustomerState) {
    var problems: [CustomerProblem] = []
    let details = self.details(
      name: name, email: email, phone: phone, fields: fields, over: nil, problems: &problems)
    guard problems.isEmpty else { throw .invalidRecord(problems) }
    let id = Decision.reference(
      definitions.customerReference, sequence: sequence, at: now,
      in: BusinessCalendar.alwaysOpen.zone)
    let added = CustomerAdded(
      id: id, details: details, request: request, requestDigest: requestDigest)
    let event = CustomerEvent(seq: 1, at: now, by: user, change: .added(added))
    return (event, CustomerState(added, at: now, by: user, seq: 1))
  }

  /// The `customer.updated` that gives `state` the values given (`nil`: unchanged; an empty
  /// email, phone or field clears it); none when nothing changes.
  public func update(
    _ state: CustomerState, name: String?, email: String?, phone: String?, fields: [String: String],
    by user: String?, at now: Instant
  ) throws(CustomerRefusal) -> [CustomerEvent] {
    if let keep = state.mergedInto { throw .merged(state.id, into: keep) }
    var problems: [CustomerProblem] = []
    let details = self.details(
      name: name ?? state.name, email: email, phone: phone, fields: fields, over: state.details,
      problems: &problems)
    guard problems.isEmpty else { throw .invalidRecord(problems) }
    guard !details.isSame(as: state.details) else { return [] }
    return [CustomerEvent(seq: state.version + 1, at: now, by: user, change: .updated(details))]
  }

  /// The `customer.merged` that makes `duplicate` stand for `keep`. Neither may have been
  /// merged already, and a record is not merged into itself. Only the duplicate's history
  /// records it: the kept record does not change.
  public func merge(
    _ duplicate: CustomerState, into keep: CustomerState, by user: String?, at now: Instant
  )
    throws(CustomerRefusal) -> CustomerEvent
  {
    guard duplicate.id != keep.id else { throw .mergeIntoItself(keep.id) }
    for record in [keep, duplicate] {
      if let target = record.mergedInto { throw .merged(record.id, into: target) }
    }
    return CustomerEvent(
      seq: duplicate.version + 1, at: now, by: user, change: .merged(into: keep.id))
  }

  /// The details the values give, over `base` (`nil` values keep `base`'s), every problem
  /// added to `problems`.
  private func details(
    name: String, email: String?, phone: String?, fields: [String: String],
    over base: CustomerDetails?,
    problems: inout [CustomerProblem]
  ) -> CustomerDetails {
    let name = String(name.trimmingWhitespace)
    if name.isEmpty { problems.append(.emptyName) }
    // A record kept from before names were checked takes changes that leave its name alone.
    if name != base?.name, let problem = CustomerName.problem(name) { problems.append(problem) }
    var details = base ?? CustomerDetails(name: name, email: nil, phone: nil, fields: [:])
    details.name = name
    if let email {
      if email.allSatisfy(\.isWhitespace) {
        details.email = nil
      } else if let address = EmailAddress(email) {
        details.email = address
      } else {
        problems.append(.invalidEmail(email))
      }
    }
    if let phone {
      do throws(PhoneNumber.Problem) {
        details.phone =
          phone.allSatisfy(\.isWhitespace)
          ? nil : try PhoneNumber(phone, region: definitions.phoneRegion)
      } catch {
        problems.append(.invalidPhone(phone, reason: error.problem))
      }
    }
    let fieldProblems = RuntimeDefinitions.problems(of: fields, under: definitions.customerFields)
    problems += fieldProblems.map { .field($0) }
    for (id, text) in fields where definitions.customerFields[id] != nil {
      details.fields[id] =
        text.isEmpty ? nil : FieldValue(text: text, type: definitions.customerFields[id]?.type)
    }
    return details
  }
}
