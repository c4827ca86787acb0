import DCMCBundle
import DCMCRuntime

extension CaseService {
  /// The context of the customer `link` names, for the rules of the case being created
  /// (CE20): its record (merges followed) and its cases as `case list --customer` finds them,
  /// through the per-customer case index; `nil` for a case without a customer, and for a case
  /// type none of whose conditions reads it (no lookup then). `excluding` is a case being
  /// updated, left out of its customer's cases as it was when it was created.
  func customerContext(
    of link: CustomerLink, for caseType: BundleCaseType, on engine: Engine, excluding: String? = nil,
    always: Bool = false
  ) throws(ServiceError) -> CustomerContext? {
    guard let id = link.customer, caseType.readsCustomer || always else { return nil }
    let customer = try customerService(for: id).resolved(id)
    let cases = try cases(ofCustomer: customer.id, CaseFilter()).filter { $0.id != excluding }
    return engine.definitions.customerContext(
      of: customer, cases: cases, isNew: link.identification == .created)
  }
}
