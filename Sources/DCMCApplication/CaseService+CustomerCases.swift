import DCMCRuntime

extension CaseService {
  /// The status view of the cases of the record `customer` stands for (following merges),
  /// with those of the records merged into it: `customer cases`. Newest first, as the customer
  /// reads them: the case they ask about is usually their latest. Any user of the directory
  /// reads it, as they read the record.
  public func customerCases(_ customer: String, by user: String?) throws(ServiceError) -> [CustomerCaseView] {
    let service = try customerService(for: customer)
    _ = try service.acting(user)
    let kept = try service.resolved(customer)
    return try customerCaseStates(of: kept.id).reversed().map { state throws(ServiceError) in
      CustomerCaseView(state, definitions: try definitions.definitions(state.bundle))
    }
  }

  /// The cases of record `kept` and of the records merged into it, oldest first (by opening,
  /// then reference), each dated by its history when its cached state predates `updatedAt`.
  func customerCaseStates(of kept: String) throws(ServiceError) -> [CaseState] {
    try cases(CaseFilter(customer: kept)).map { state throws(ServiceError) in try dated(state) }
      .sorted { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
  }
}
