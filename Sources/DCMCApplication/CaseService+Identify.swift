import DCMCBundle
import DCMCExpressions
public import DCMCRuntime

/// The customer a new case is linked to, and how it was found.
public struct CustomerLink: Sendable, Hashable {
  public var customer: String?
  public var identification: Identification

  static let none = CustomerLink(customer: nil, identification: .none)
}

extension CaseService {
  /// Identifies the customer of a new case of `caseType` whose form (after its rules) is
  /// `fields` (SPEC section 14, `docs/customers.md`), on the `deployed` definitions the
  /// caller has read (their profile's phone region):
  /// - `explicit`, the id named (`--customer`), followed through merges; an unknown id is refused;
  /// - else, by the case type's `customer:` mapping, the records in use with the case's email,
  ///   then with its phone number (`channel` sms or voice: the phone first), each read as
  ///   `CustomerService.find` reads it: the first key that finds one record links it, the first
  ///   that finds several leaves the case unlinked and `ambiguous` (a wrong guess is worse
  ///   than none);
  /// - when neither finds any, a record added from the mapped fields, by `user`, with a request
  ///   id derived from the case's `request`, so that a retry after a crash finds it; the
  ///   repository adds it only if no record took its email or phone meanwhile (then that
  ///   record is matched, or the case is ambiguous).
  func identify(
    explicit: String?, channel: ContactChannel?, caseType: BundleCaseType, fields: [String: String],
    request: String?, user: String, deployed: RuntimeDefinitions
  ) throws(ServiceError) -> CustomerLink {
    if let explicit {
      return CustomerLink(customer: try customerService(for: explicit).resolved(explicit).id, identification: .explicit)
    }
    guard let mapping = caseType.customer, let service = customerUseCases else { return .none }
    let region = deployed.phoneRegion
    let value = { (field: String?) in field.flatMap { fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } }
    let email = value(mapping.email).flatMap { EmailAddress($0) == nil ? nil : $0 }
    let phone = value(mapping.phone).flatMap { (try? PhoneNumber($0, region: region)) == nil ? nil : $0 }
    guard email != nil || phone != nil else { return .none }
    let phoneFirst = channel?.triesPhoneFirst == true
    for byPhone in phoneFirst ? [true, false] : [false, true] {
      let ids: [String]?
      if byPhone {
        ids = try phone.flatMap { text throws(ServiceError) in try service.matches(phone: text, region: region) }
      } else {
        ids = try email.flatMap { text throws(ServiceError) in try service.matches(email: text) }
      }
      if let link = Self.link(ids ?? []) { return link }
    }
    // A record needs a name: the mapped one (made one plain line: a `text` field may hold
    // several), else the address or number it is known by.
    let mapped = value(mapping.name).map(CustomerName.flattened).flatMap { $0.isEmpty ? nil : $0 }
    let name = mapped ?? email ?? phone ?? ""
    // Added only when no record in use has the email or phone, checked under the store's lock.
    do throws(ServiceError) {
      return try service.add(
        name: name, email: email, phone: phone, fields: [:], request: request.map(Self.customerRequest), user: user,
        deployed: deployed,
        found: { CustomerLink(customer: $0.id, identification: .created) },
        commit: { change throws(ServiceError) in
          // The record belongs to the request's fence: a revoked token adds none either.
          var change = change
          change.fence = fence?.version
          switch try ServiceError.wrap({ () throws(RepositoryError) in
            try service.repository.appendCustomer(unlessKeyTaken: change)
          }) {
          case .added:
            fence?.committed()
            return CustomerLink(customer: change.after.id, identification: .created)
          case .keyTaken(let ids): return Self.link(ids) ?? CustomerLink.none
          case .conflict: return nil
          }
        })
    } catch .refused(.customerRequestReused) where request != nil {
      // The record this request adds was added with other details: by a create of the same
      // request with another form, sent at the same time (the record's request id is derived
      // from the case's, which the refusal should name, not the record's).
      throw .refused(.requestReused(request: request ?? "", case: nil))
    } catch .refused(.requestOfAnotherUser) where request != nil {
      // Another user's create of the same request id, sent at the same time, added it.
      throw .refused(.requestOfAnotherUser(request: request ?? ""))
    }
  }

  /// One record: matched; several: ambiguous; none: `nil`, look further.
  private static func link(_ ids: [String]) -> CustomerLink? {
    switch ids.count {
    case 0: nil
    case 1: CustomerLink(customer: ids[0], identification: .matched)
    default: CustomerLink(customer: nil, identification: .ambiguous)
    }
  }

  /// The request id of the customer record a case's creation adds: derived from the case's
  /// request id (within the length of an id whatever its length).
  package static func customerRequest(_ request: String) -> String {
    "case-request-" + SHA256.hexDigest(of: Array(request.utf8)).prefix(32)
  }
}
