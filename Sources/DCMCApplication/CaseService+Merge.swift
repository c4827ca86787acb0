public import DCMCRuntime

extension CaseService {
  /// `customer merge KEEP DUPLICATE` (SPEC section 14): merges record `duplicate` into record
  /// `keep` (`CustomerService.merge`: the merge is recorded in the duplicate's history, the
  /// commit point) and then moves the duplicate's cases, and those of the records merged into
  /// it, to the kept record: each gets a `case.customer_moved` by the merging user. Returns the
  /// kept record.
  ///
  /// The two aggregates do not change in one transaction. A merge interrupted after its
  /// `customer.merged` leaves some cases on the duplicate, where the lists still find them
  /// (`cases(ofCustomer:_:)` reads the records merged into a record); running the same merge
  /// again is not refused but finishes moving them and answers as the first did.
  public func mergeCustomers(keep: String, duplicate: String, by user: String?) throws(ServiceError)
    -> CustomerState
  {
    let kept = try customerService(for: keep).merge(keep: keep, duplicate: duplicate, by: user)
    let workgroups = try directory.workgroups()
    for record in try records(mergedInto: duplicate) {
      let linked = served(
        try ServiceError.wrap { () throws(RepositoryError) in try queries.cases(CaseFilter(customer: record)) })
      for state in linked {
        // The merge was authorised: the move needs no supervisor of the case's own targets. A
        // case whose customer changed since it was listed is left as it is.
        _ = try execute(.moveCustomer(from: record, to: kept.id), onCase: state.id, by: user, workgroups: workgroups)
      }
    }
    return kept
  }
}
