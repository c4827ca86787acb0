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

  /// The use cases on the store's customer records; `nil` for a store that keeps none. A
  /// shell that holds only the case use cases (the server) reaches the customers' through it.
  public var customerUseCases: CustomerService? {
    customers.map { CustomerService(repository: $0, definitions: definitions, directory: directory, clock: clock) }
  }

  /// The use cases on the store's customer records, to look `id` up; a store that keeps none
  /// knows no id.
  func customerService(for id: String) throws(ServiceError) -> CustomerService {
    guard let service = customerUseCases else { throw .refused(.noSuchCustomer(id)) }
    return service
  }

  /// The most records merged, directly or not, into one record whose cases are read together.
  static let maximumMergedRecords = 10_000

  /// Record `kept` and every record merged into it, directly or through others (at most
  /// `CustomerService.maximumMergeChain` merges deep, as ids are resolved): the records whose
  /// cases are `kept`'s. Each level is one lookup per record in the repository's merges index.
  func records(mergedInto kept: String) throws(ServiceError) -> [String] {
    let service = try customerService(for: kept)
    var found = [kept]
    var seen: Set<String> = [kept]
    var level = [kept]
    for _ in 0..<CustomerService.maximumMergeChain where !level.isEmpty {
      var next: [String] = []
      for id in level {
        let merged = try ServiceError.wrap { () throws(RepositoryError) in
          try service.repository.customers(mergedInto: id)
        }
        next += merged.filter { seen.insert($0).inserted }
      }
      found += next
      guard found.count <= Self.maximumMergedRecords + 1 else {
        throw .refused(.tooManyMerged(customer: kept, limit: Self.maximumMergedRecords))
      }
      level = next
    }
    return found
  }

  /// The cases that match `filter` linked to record `kept` (not merged itself) or to a record
  /// merged into it, its page of them (each record's page, then the first of their union): one
  /// index lookup per record, never a scan of the store, so
  /// a case still linked to a merged record (a merge not finished moving its cases) is found.
  func cases(ofCustomer kept: String, _ filter: CaseFilter) throws(ServiceError) -> [CaseState] {
    var found: [CaseState] = []
    for id in try records(mergedInto: kept) {
      var query = filter
      query.customer = id
      found += served(try ServiceError.wrap { () throws(RepositoryError) in try queries.cases(query) })
    }
    return filter.page(found)
  }
}
