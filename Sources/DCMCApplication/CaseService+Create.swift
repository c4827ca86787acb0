import DCMCBundle
import DCMCCalendar
internal import DCMCJSON
public import DCMCRuntime

extension CaseService {
  /// Creates a case of `type` on the deployed bundle from its form, idempotently for a
  /// `request`: a retry (the same user, id, case type and form) returns the case the first try
  /// made; the same id for another case type or form is refused, naming that case, and the
  /// same id from another user is refused without naming it.
  ///
  /// The case is linked to a customer (`identify`): `customer` when given, else the one the
  /// case type's mapping finds, or a record added for it, which is appended before the case,
  /// so a crash between the two leaves a record the retry finds. `channel` is recorded.
  /// Identification reads the form as the rules leave it without the customer; with a
  /// customer, the case is then decided again on its context (`customer.…`, CE20).
  ///
  /// `statusLink`, when given, makes a status page link for the customer record this creation
  /// added (called once, with the record's id, before the case is decided again), which the
  /// case's notifications read as `{{Status_Link}}`: the public form's acknowledgement. A
  /// record the form's email or phone matched gets none (`Identification.mayShowStatusLink`).
  public func create(
    type: String, fields: [String: String], request: String?, customer: String? = nil,
    channel: ContactChannel? = nil, by user: String?,
    statusLink: ((String) throws(ServiceError) -> String)? = nil
  ) throws(ServiceError) -> CaseState {
    let now = clock.now()
    let request = try request.map { text throws(ServiceError) in try UserID.checked(text) }
    // The deployment is read once for the whole use case: the workgroups, the engine and the
    // customer's identification all come from it.
    let deployed = try definitions.deployed()
    let workgroups = try directory.workgroups(deployed: deployed)
    let user = try permitted(user, Permissions(workgroups))
    // Only a create with a request id records what it asked for (a SHA-256 of the form).
    let digest = request.map { _ in Self.digest(type: type, fields: fields) } ?? ""
    if let request, let existing = try createdCase(by: request, of: user, type: type, digest: digest) {
      return existing
    }
    let engine = Engine(definitions: deployed.with(workgroups: workgroups))
    var sequence = try nextSequence(of: type, after: nil)
    var link: CustomerLink?
    var context: CustomerContext?
    // A number another writer took since it was read costs a retry with the next one.
    // A create refused before it was written gives its number back, so refused requests leave
    // no gaps in the references (when no other create took a number since).
    do throws(ServiceError) {
      for _ in 0..<1000 {
        let command = Command.create(type: type, fields: fields, sequence: sequence)
        var events = try decided(command, by: user, at: now, on: engine, customer: context)
        // Once the form is known to be valid; for every number tried, the link and context found.
        if link == nil, case .created(let created) = events.first?.change,
          let caseType = engine.definitions.bundle.caseTypes.first(where: { $0.id == type })
        {
          link = try identify(
            explicit: customer, channel: channel, caseType: caseType, fields: created.fields, request: request,
            user: user, deployed: deployed)
          context = try customerContext(of: link ?? .none, for: caseType, on: engine, always: statusLink != nil)
          if let statusLink, link?.identification.mayShowStatusLink == true, let customer = context?.id {
            context?.statusLink = try statusLink(customer)
          }
          // The rules again, reading the customer's context this time.
          if context != nil { events = try decided(command, by: user, at: now, on: engine, customer: context) }
        }
        if case .created(var created) = events.first?.change {
          created.customer = link?.customer
          created.identification = link?.identification ?? CustomerLink.none.identification
          created.channel = channel
          if let request {
            created.request = request
            created.requestDigest = digest
          }
          events[0].change = .created(created)
        }
        guard let state = CaseState.replay(events) else { throw .refused(.rule(Refusal(.invalidInput, "no case made"))) }
        let change = CaseChangeSet(before: nil, events: events, after: state, sequence: sequence, request: request)
        if try append([change]) == [.appended] { return followUp([change], workgroups)[state.id] ?? state }
        // The reference is taken: by this very request (a retry whose first try's outcome was
        // unknown, whose index entry may be gone), or by another case.
        if let request {
          if let existing = try createdCase(by: request, of: user, type: type, digest: digest) { return existing }
          if let existing = try createdCase(state.id, by: request, of: user, type: type, digest: digest) {
            return existing
          }
        }
        sequence = try nextSequence(of: type, after: sequence)
      }
    } catch {
      giveBack(sequence, of: type)
      throw error
    }
    throw .refused(.noFreeReference(type: type))
  }

  /// The events `command` causes, decided by `engine` with `customer`'s context.
  private func decided(
    _ command: Command, by user: String, at now: Instant, on engine: Engine, customer: CustomerContext?
  ) throws(ServiceError) -> [CaseEvent] {
    switch engine.decide(command, on: nil, by: user, at: now, customer: customer) {
    case .success(let events): events
    case .failure(let refusal): throw .refused(.rule(refusal))
    }
  }

  /// Case `id`, when its creation records `request`; a refusal when another user recorded it
  /// (`ServiceRefusal.requestOwned`), when it records another request under the same id (a
  /// creation recorded before digests only by its case type), or when a command recorded the
  /// id on the case (a `task next` claiming its task: another request).
  func createdCase(_ id: String, by request: String, of user: String, type: String, digest: String)
    throws(ServiceError) -> CaseState?
  {
    let history = try ServiceError.wrap { () throws(RepositoryError) in try repository.history(of: id) } ?? []
    guard let event = history.first(where: { $0.recordedRequest?.id == request }) else { return nil }
    let same: Bool =
      if case .created(let created) = event.change {
        created.requestDigest.map { $0 == digest } ?? (created.type == type)
      } else {
        false
      }
    try Self.checkRetry(request, recordedBy: event.by, same: same, by: user, case: id)
    return try load(id)
  }

  /// The case `request` of `user` created, if any: only a case whose creation records the
  /// request counts.
  func createdCase(by request: String, of user: String, type: String, digest: String) throws(ServiceError)
    -> CaseState?
  {
    let id = try ServiceError.wrap { () throws(RepositoryError) in try repository.caseRecording(request: request) }
    guard let id else { return nil }
    return try createdCase(id, by: request, of: user, type: type, digest: digest)
  }

  /// What a create asks for: `sha256:` and the digest of the canonical JSON of the case type
  /// and the form data as given (`docs/store.md`, `request_digest`).
  static func digest(type: String, fields: [String: String]) -> String {
    requestDigest(.object([("case_type", .string(type)), ("fields", fields.json)]))
  }
}
