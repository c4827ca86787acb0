import DCMCBundle
import DCMCCalendar
internal import DCMCJSON
public import DCMCRuntime

extension CustomerService {
  /// Adds a customer record, idempotently for a `request`: a retry (the same user, id and
  /// details) returns the record the first try added; the same id with other details is
  /// refused, naming that record, and the same id from another user without naming it. Empty email, phone or field values are left out. An email or phone
  /// number a record in use has already is refused, naming that record (checked under the
  /// store's lock, as identification checks it): finding the customer by it would be
  /// ambiguous. `shared` adds it all the same (a household's one address), knowingly: cases
  /// found by that key are then `ambiguous` until linked.
  public func add(
    name: String, email: String?, phone: String?, fields: [String: String], request: String?,
    shared: Bool = false, by user: String?
  ) throws(ServiceError) -> CustomerState {
    let deployed = try definitions.deployed()
    let user = try acting(user, deployed: deployed)
    return try add(
      name: name, email: email, phone: phone, fields: fields, request: request, user: user, deployed: deployed,
      found: { $0 },
      commit: { change throws(ServiceError) in
        if shared { return try append(change) == .appended ? change.after : nil }
        let outcome = try ServiceError.wrap { () throws(RepositoryError) in
          try repository.appendCustomer(unlessKeyTaken: change)
        }
        switch outcome {
        case .added: return change.after
        case .keyTaken(let ids):
          // One request run twice at once: the other run added the record, which is the answer.
          let digest = Self.digest(name: name, email: email, phone: phone, fields: fields)
          if let request = change.request, let existing = try added(by: request, of: user, digest: digest) {
            return existing
          }
          throw try keyTaken(change.after, ids)
        case .conflict: return nil
        }
      })
  }

  /// The refusal of `record`'s email or phone, which records `ids` have: the key the first of
  /// them has, its email when it has it, else its phone number.
  private func keyTaken(_ record: CustomerState, _ ids: [String]) throws(ServiceError) -> ServiceError {
    guard let first = ids.first else { return .refused(.customerBusy(record.id)) }
    let holder = try load(first)
    let key =
      if let email = record.details.email, holder.details.email?.key == email.key { "email '\(email)'" } else {
        "phone number '\(record.details.phone.map { "\($0)" } ?? "")'"
      }
    return .refused(.customerKeyTaken(key: key, customers: ids))
  }

  /// `add` by `user`, who was checked, through `commit`: the step that writes a new record's
  /// change and answers what it did, or `nil` when its id was taken (the loop then tries the
  /// next number). `found` answers a record a retry of the same request finds.
  /// Identification commits only when no record in use has the new record's email or phone,
  /// which the repository checks under its lock (`CustomerRepository.appendCustomer(unlessKeyTaken:)`).
  func add<Outcome>(
    name: String, email: String?, phone: String?, fields: [String: String], request: String?,
    user: String, deployed: RuntimeDefinitions, found: (CustomerState) -> Outcome,
    commit: (CustomerChangeSet) throws(ServiceError) -> Outcome?
  ) throws(ServiceError) -> Outcome {
    let now = clock.now()
    let request = try request.map { text throws(ServiceError) in try UserID.checked(text) }
    let digest = Self.digest(name: name, email: email, phone: phone, fields: fields)
    if let request, let existing = try added(by: request, of: user, digest: digest) {
      return found(existing)
    }
    let decision = CustomerDecision(definitions: deployed)
    var sequence =
      try ServiceError.wrap { () throws(RepositoryError) in try repository.lastCustomerSequence() }
      + 1
    // A number another writer took since it was read costs a retry with the next one.
    for _ in 0..<1000 {
      let decided: (event: CustomerEvent, record: CustomerState)
      do throws(CustomerRefusal) {
        decided = try decision.add(
          name: name, email: email, phone: phone, fields: fields, sequence: sequence,
          request: request,
          requestDigest: request.map { _ in digest }, by: user, at: now)
      } catch {
        throw .refused(.customer(error))
      }
      let change = CustomerChangeSet(
        before: nil, events: [decided.event], after: decided.record, sequence: sequence, request: request)
      if let outcome = try commit(change) { return outcome }
      // The id is taken: by this very request (a retry whose first try's outcome was unknown),
      // or by another record.
      if let request {
        if let existing = try added(by: request, of: user, digest: digest) { return found(existing) }
        if let existing = try added(decided.record.id, by: request, of: user, digest: digest) {
          return found(existing)
        }
      }
      sequence += 1
    }
    throw .refused(.noFreeCustomerID(pattern: decision.definitions.customerReference))
  }

  /// Gives the record `id` stands for the values given (`nil`: unchanged; an empty email,
  /// phone or field value clears it) and returns it; a record another writer changed
  /// meanwhile is loaded and decided again. A new email or phone number that another record
  /// in use has is refused, naming it, as `add` refuses it (checked under the same lock), but
  /// with `shared`.
  public func update(
    _ id: String, name: String?, email: String?, phone: String?, fields: [String: String],
    shared: Bool = false, by user: String?
  ) throws(ServiceError) -> CustomerState {
    let now = clock.now()
    let deployed = try definitions.deployed()
    let user = try acting(user, deployed: deployed)
    let decision = CustomerDecision(definitions: deployed)
    for _ in 0..<CaseService.attempts {
      let before = try resolved(id)
      try requireNotBefore(before, now)
      let events: [CustomerEvent]
      do throws(CustomerRefusal) {
        events = try decision.update(
          before, name: name, email: email, phone: phone, fields: fields, by: user, at: now)
      } catch {
        throw .refused(.customer(error))
      }
      guard !events.isEmpty else { return before }
      let after = Self.applying(events, to: before)
      let change = CustomerChangeSet(before: before, events: events, after: after)
      if shared {
        if try append(change) == .appended { return after }
        continue
      }
      let outcome = try ServiceError.wrap { () throws(RepositoryError) in
        try repository.appendCustomer(unlessKeyTaken: change)
      }
      switch outcome {
      case .added: return after
      case .keyTaken(let ids): throw try keyTaken(after, ids)
      case .conflict: continue
      }
    }
    throw .refused(.customerBusy(id))
  }

  /// Merges record `duplicate` into record `keep`, which stands for it from then on, and
  /// returns the kept record. Both histories are kept; `customer.merged` ends the duplicate's.
  /// Neither may have been merged already (ids are not resolved here: a merge names records),
  /// except a duplicate merged into this very `keep`: the same merge run again writes nothing
  /// and answers the kept record, so that `CaseService.mergeCustomers` finishes moving the
  /// cases of an interrupted merge.
  ///
  /// This records the merge; `CaseService.mergeCustomers` then moves the duplicate's cases.
  public func merge(keep: String, duplicate: String, by user: String?) throws(ServiceError)
    -> CustomerState
  {
    let now = clock.now()
    let deployed = try definitions.deployed()
    let user = try acting(user, supervisor: "merge customer records", deployed: deployed)
    let decision = CustomerDecision(definitions: deployed)
    for _ in 0..<CaseService.attempts {
      let kept = try load(keep)
      let before = try load(duplicate)
      if before.mergedInto == kept.id, kept.mergedInto == nil { return kept }
      try requireNotBefore(before, now)
      let event: CustomerEvent
      do throws(CustomerRefusal) {
        event = try decision.merge(before, into: kept, by: user, at: now)
      } catch {
        throw .refused(.customer(error))
      }
      let after = Self.applying([event], to: before)
      // The kept record must not have moved either: two merges of the same records the other
      // way round would each see the other unmerged.
      let change = CustomerChangeSet(before: before, events: [event], after: after, unmoved: [kept.id: kept.version])
      if try append(change) == .appended {
        return try load(keep)
      }
    }
    throw .refused(.customerBusy(duplicate))
  }

  /// A history never runs backwards: a command is dated at or after the record's last event.
  private func requireNotBefore(_ state: CustomerState, _ now: Instant) throws(ServiceError) {
    if now < state.updatedAt {
      throw .refused(.customerBeforeLastEvent(customer: state.id, last: state.updatedAt))
    }
  }

  /// Record `id`, when its `customer.added` records `request`; a refusal when another user
  /// added it (`ServiceRefusal.requestOwned`) or it records the request with other details.
  private func added(_ id: String, by request: String, of user: String, digest: String) throws(ServiceError)
    -> CustomerState?
  {
    let history = try ServiceError.wrap { () throws(RepositoryError) in
      try repository.customerHistory(of: id)
    }
    guard let first = history?.first, case .added(let added) = first.change, added.request == request else {
      return nil
    }
    try ServiceRefusal.requestOwned(request, by: first.by, retriedBy: user)
    guard added.requestDigest == digest else {
      throw .refused(.customerRequestReused(request: request, customer: id))
    }
    return try resolved(id)
  }

  /// The record `request` of `user` added, if any.
  private func added(by request: String, of user: String, digest: String) throws(ServiceError) -> CustomerState? {
    let id = try ServiceError.wrap { () throws(RepositoryError) in
      try repository.customerAdded(byRequest: request)
    }
    guard let id else { return nil }
    return try added(id, by: request, of: user, digest: digest)
  }

  /// What an add asks for: `sha256:` and the digest of the canonical JSON of the details as
  /// given (`docs/customers.md`).
  static func digest(name: String, email: String?, phone: String?, fields: [String: String])
    -> String
  {
    let request = JSONValue.object([
      ("email", .string(email)), ("fields", fields.json), ("name", .string(name)),
      ("phone", .string(phone)),
    ])
    return "sha256:" + SHA256.hexDigest(of: request.compact())
  }

  static func applying(_ events: [CustomerEvent], to state: CustomerState) -> CustomerState {
    var state = state
    for event in events { state.evolve(event) }
    return state
  }
}
