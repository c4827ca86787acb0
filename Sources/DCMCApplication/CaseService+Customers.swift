public import DCMCRuntime

extension CaseService {
  /// Links case `id`, which has no customer (it was ambiguous, or created before customers
  /// were identified), to the record `customer` stands for (following merges): `case link
  /// --customer`. A supervisor of one of the case's targets links it, as one cancels it: linking
  /// decides whose case it is. A closed or cancelled case is linked too, so that it is in its
  /// customer's list; a case linked already is refused (a wrong link is not moved silently).
  public func link(_ id: String, toCustomer customer: String, by user: String?) throws(ServiceError)
    -> CaseState
  {
    let kept = try customerService(for: customer).resolved(customer)
    return try execute(.linkCustomer(kept.id), onCase: id, by: user)
  }

  /// The use cases on the store's customer records; `nil` for a store that keeps none.
  var customerUseCases: CustomerService? {
    customers.map { CustomerService(repository: $0, definitions: definitions, directory: directory, clock: clock) }
  }

  /// The use cases on the store's customer records, to look `id` up; a store that keeps none
  /// knows no id.
  func customerService(for id: String) throws(ServiceError) -> CustomerService {
    guard let service = customerUseCases else { throw .refused(.noSuchCustomer(id)) }
    return service
  }

  /// The cases of `states` linked to record `kept` or to a record merged into it.
  func linked(_ states: [CaseState], to kept: String) throws(ServiceError) -> [CaseState] {
    let service = try customerService(for: kept)
    var resolved: [String: String] = [kept: kept]
    var found: [CaseState] = []
    for state in states {
      guard let customer = state.customer else { continue }
      if resolved[customer] == nil { resolved[customer] = try service.resolved(customer).id }
      if resolved[customer] == kept { found.append(state) }
    }
    return found
  }
}
