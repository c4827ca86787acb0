public import DCMCRuntime

extension CaseService {
  /// Changes form values of case `id` (`case update`) and reclassifies its tasks nobody holds
  /// by the creation rules (`Decision.update`), which read the context of the case's customer
  /// as at its creation; the customer's record is never touched. Returns the case after it,
  /// and whether it recorded anything: the values the case has, given again, record nothing
  /// (`CaseChangeSet.recorded`, as `executeRecording` tells). A task the update moves to a
  /// push workbin is offered there, as after any command (`followUp`). `expecting`: the values
  /// the caller read the case's fields to have, a condition of the write (`change`).
  public func update(_ id: String, fields: [String: String], by user: String?, expecting: [String: String] = [:])
    throws(ServiceError) -> (after: CaseState, recorded: Bool)
  {
    let workgroups = try directory.workgroups()
    let state = try load(id)
    let engine = try engine(for: state, workgroups)
    let link = CustomerLink(customer: state.customer, identification: state.identification ?? .none)
    let context = try engine.definitions.caseType(state.type).flatMap { caseType throws(ServiceError) in
      try customerContext(of: link, for: caseType, on: engine, excluding: state.id)
    }
    let decided = try change(
      .update(fields: fields), onCase: id, by: user, workgroups: workgroups, customer: context, expecting: expecting)
    return (followUp([decided], workgroups)[id] ?? decided.after, decided.recorded)
  }
}
