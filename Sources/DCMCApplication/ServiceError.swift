public import DCMCCalendar
public import DCMCRuntime

/// Why a use case did nothing: refused by the rules (the store is unchanged), or the store
/// failed. Shells word it: the CLI as text and an exit status, the server as a status code.
public enum ServiceError: Error, Sendable, CustomStringConvertible {
  case refused(ServiceRefusal)
  case repository(RepositoryError)

  public var description: String {
    switch self {
    case .refused(let refusal): "\(refusal)"
    case .repository(let error): "\(error)"
    }
  }

  /// Runs a repository call, its failure as a service error: an id that cannot name anything
  /// is the user's mistake, a refusal; the rest is the store's.
  public static func wrap<T>(_ body: () throws(RepositoryError) -> T) throws(ServiceError) -> T {
    do {
      return try body()
    } catch {
      switch error {
      case .invalidID(let id, let reason): throw .refused(.invalidID(id, reason: reason))
      case .unavailable, .damaged, .damagedPresence: throw .repository(error)
      }
    }
  }
}

/// What the rules refused, with what was asked; nothing changed.
public enum ServiceRefusal: Sendable, Equatable, CustomStringConvertible {
  /// A command that acts as a user was given none.
  case noActingUser
  /// The user is in no workgroup of the directory.
  case unknownUser(String)
  /// Nothing has been deployed yet.
  case notDeployed
  /// A bundle the store names cannot be loaded or used here.
  case bundleUnusable(hash: String, reason: String)
  case noSuchCase(String)
  /// An id that cannot name a case, request or file.
  case invalidID(String, reason: String)
  /// A command dated before the case's last event, which would write its history out of order.
  case beforeLastEvent(case: String, last: Instant)
  /// `task next` found no task the user may take.
  case nothingToPull(user: String)
  case attachmentTooLarge(name: String, size: Int, limit: Int)
  /// Every reference of the case type was taken (a store numbered past its pattern).
  case noFreeReference(type: String)
  /// Another writer kept changing the case while this command was decided.
  case busy(case: String)
  /// A command given the values its caller read (`expecting`: a staff form's values as it
  /// showed them) on a case whose `fields` no longer have them, as the command would have been
  /// written: another change landed between the read and the write (`CaseService.change`).
  case changedMeanwhile(case: String, fields: [String])
  /// A request id that created `case` from another request (another case type or form).
  /// `case`: the case the request created; `nil` while another create of the request, sent
  /// at the same time, is making it.
  case requestReused(request: String, case: String?)
  /// A request id another user's create or add recorded: a request id is its user's, so the
  /// retry's answer (that user's case or record) is not given, nor named.
  case requestOfAnotherUser(request: String)
  /// The user may not do this; `reason` keeps the instants it quotes (a scheduled task's
  /// return), which a staff page writes in its zone.
  case forbidden(user: String, reason: Refusal.Words)
  /// A filter names a value that does not exist; `valid` lists those that do (none for a
  /// customer: records are too many to list).
  case unknownValue(of: FilterKind, String, valid: [String])
  /// A list of the cases of a customer record that are unidentified: no case is both.
  case customerWithUnidentified
  /// The engine refused the command on the case's state.
  case rule(Refusal)
  case noSuchCustomer(String)
  /// A request id that added `customer` from another request (other details).
  case customerRequestReused(request: String, customer: String)
  /// A request id that set `user`'s presence from another request (another state, reason or
  /// user, or a case's request).
  case presenceRequestReused(request: String, user: String)
  /// The engine refused the change to a customer record.
  case customer(CustomerRefusal)
  /// `customer add` of an email or phone number (`key`, worded: `email 'q@example.com'`) that
  /// records in use (`customers`, sorted) have already: finding a customer by it would be
  /// ambiguous.
  case customerKeyTaken(key: String, customers: [String])
  /// Another writer kept changing the customer record while the command was decided.
  case customerBusy(String)
  /// More records were merged into `customer` than its cases are read for at once.
  case tooManyMerged(customer: String, limit: Int)
  /// Every id of the customer reference pattern was taken.
  case noFreeCustomerID(pattern: String)
  /// A command dated before the record's last event.
  case customerBeforeLastEvent(customer: String, last: Instant)
  /// The engine refused the presence change.
  case presence(PresenceRefusal)
  /// Another writer kept changing the user's presence while the command was decided.
  case presenceBusy(String)
  /// A store that keeps no presence histories.
  case noPresence
  /// A presence change dated before the user's last one.
  case presenceBeforeLastEvent(user: String, last: Instant)
  /// Taking a task of `weight` would put `user` over their capacity in `workgroup`.
  case overCapacity(user: String, holds: Int, capacity: Int, workgroup: String, weight: Int)
  /// Another claim by `user` held the user's claim lock past the wait's bound.
  case claimBusy(user: String)
  /// A member claimed a task other than the one `task next` gives them (`next`, if any).
  case notNextTask(user: String, task: String, next: String?)
  /// `token revoke` named no token.
  case noSuchToken(String)
  /// A token asked to expire at or before the time it is made, or after the last instant kept.
  case tokenExpiry(Instant)
  /// A delivery run at `at` whose lease of `seconds` would end after the last instant kept.
  case leasePastLastInstant(seconds: Int, at: Instant)
  /// A new SLA or OLA (`deadline`: `SLA`, `OLA`) longer than a supervisor may set
  /// (`CaseService.longestDeadlineDays`), `given` as written.
  case deadlineTooLong(String, given: String)

  /// What kind of refusal it is, for shells that map kinds (exit statuses, HTTP statuses).
  public var kind: Refusal.Kind {
    switch self {
    case .noActingUser, .unknownUser, .forbidden: .forbidden
    case .notDeployed, .bundleUnusable, .noSuchCase, .nothingToPull: .notFound
    case .invalidID, .attachmentTooLarge, .unknownValue, .customerWithUnidentified: .invalidInput
    case .beforeLastEvent, .noFreeReference, .busy, .changedMeanwhile: .wrongState
    // The request's own mistake, as a reused Idempotency-Key is (422 in the API).
    case .requestReused, .customerRequestReused, .presenceRequestReused, .requestOfAnotherUser: .invalidInput
    case .rule(let refusal): refusal.kind
    case .noSuchCustomer: .notFound
    case .customerBusy, .customerBeforeLastEvent, .noFreeCustomerID, .tooManyMerged, .customerKeyTaken:
      .wrongState
    case .customer(let refusal): refusal.kind
    case .presence(let refusal): refusal.kind
    case .presenceBusy, .presenceBeforeLastEvent, .overCapacity, .noPresence, .claimBusy: .wrongState
    case .notNextTask: .forbidden
    case .noSuchToken: .notFound
    case .tokenExpiry, .leasePastLastInstant, .deadlineTooLong: .invalidInput
    }
  }

  /// The instants `description` quotes, in order, each as `Instant.description` writes it
  /// (`Refusal.instants`): a staff page writes them in its zone's words.
  public var instants: [Instant] {
    switch self {
    case .rule(let refusal): refusal.instants
    case .forbidden(_, let reason): reason.instants
    case .beforeLastEvent(_, let last), .customerBeforeLastEvent(_, let last), .presenceBeforeLastEvent(_, let last):
      [last]
    default: []
    }
  }

  /// The input a refusal of invalid input is about, named as the API's member is: `sla` or
  /// `ola` for a deadline, a presence's `reason`, a reused `request_id`; `nil` when it is
  /// about no one input.
  public var field: String? {
    switch self {
    case .deadlineTooLong(let deadline, _): deadline.lowercased()
    case .presence(let refusal): refusal.field
    case .requestReused, .customerRequestReused, .presenceRequestReused, .requestOfAnotherUser: "request_id"
    default: nil
    }
  }

  public var description: String {
    switch self {
    case .noActingUser: "no acting user"
    case .unknownUser(let user): "user '\(user)' is in no workgroup and can do nothing"
    case .notDeployed: "nothing is deployed"
    case .bundleUnusable(let hash, let reason): "bundle '\(hash)' cannot be used: \(reason)"
    case .noSuchCase(let id): "no case '\(id)'"
    case .invalidID(_, let reason): reason
    case .beforeLastEvent(let id, let last): "time does not run backwards: case '\(id)' last changed at \(last)"
    case .nothingToPull(let user): "no task that '\(user)' may take is waiting"
    case .attachmentTooLarge(let name, let size, let limit):
      "'\(name)' has \(size) bytes; an attachment holds at most \(limit)"
    case .noFreeReference(let type): "no free reference for a new '\(type)' case"
    case .busy(let id): "case '\(id)' kept changing while the command was decided"
    case .changedMeanwhile(let id, let fields):
      "case '\(id)' changed since its values were read: " + fields.map { "'\($0)'" }.joined(separator: ", ")
        + " no longer \(fields.count > 1 ? "have" : "has") the value read"
    case .requestReused(let request, let id?):
      "request '\(request)' created case '\(id)' from another case type or form"
    case .requestReused(let request, nil):
      "request '\(request)' was sent at the same time with another case type or form, which it is creating a case from"
    case .requestOfAnotherUser(let request):
      "request '\(request)' was used by another user; give a request id of your own"
    case .forbidden(_, let reason): reason.text
    // Customer records are too many to list.
    case .unknownValue(.customer, let value, _):
      "unknown customer '\(UserID.printable(String(value.prefix(40))))'; no customer record has this id"
    case .unknownValue(let kind, let value, let valid):
      "unknown \(kind.rawValue) '\(UserID.printable(String(value.prefix(40))))'; "
        + (valid.isEmpty ? "there are none" : "the \(kind.plural) are \(valid.joined(separator: ", "))")
    case .customerWithUnidentified: Self.customerWithUnidentifiedText("'customer'", "'unidentified'")
    case .rule(let refusal): "\(refusal)"
    case .noSuchCustomer(let id): "no customer '\(id)'"
    case .customerRequestReused(let request, let id):
      "request '\(request)' added customer '\(id)' from other details"
    case .presenceRequestReused(let request, let user):
      "request '\(request)' set the presence of '\(user)' with another state, reason or user"
    case .customer(let refusal): "\(refusal)"
    case .customerKeyTaken(let key, let ids):
      "customer " + ids.map { "'\($0)'" }.joined(separator: ", ") + " \(ids.count > 1 ? "have" : "has") the \(key) "
        + "already; a second record would make finding the customer by it ambiguous: "
        + "update that record, or mark this one shared"
    case .customerBusy(let id): "customer '\(id)' kept changing while the command was decided"
    case .tooManyMerged(let id, let limit): "more than \(limit) records were merged into customer '\(id)'"
    case .noFreeCustomerID(let pattern): "no free customer id: every id of '\(pattern)' is taken"
    case .customerBeforeLastEvent(let id, let last):
      "time does not run backwards: customer '\(id)' last changed at \(last)"
    case .presence(let refusal): "\(refusal)"
    case .presenceBusy(let user): "the presence of '\(user)' kept changing while the command was decided"
    case .noPresence: "this store keeps no presence"
    case .presenceBeforeLastEvent(let user, let last):
      "time does not run backwards: the presence of '\(user)' last changed at \(last)"
    case .overCapacity(let user, let holds, let capacity, let workgroup, let weight):
      "'\(user)' holds \(holds) of capacity \(capacity) in '\(workgroup)'"
        + (weight > 1 ? " and the task weighs \(weight)" : "")
    case .claimBusy(let user):
      "another claim by '\(user)' is still running; nothing was claimed, try again"
    case .notNextTask(let user, let task, let next):
      "'\(user)' may not pick task '\(task)': "
        + (next.map { "'task next' gives '\($0)'" } ?? "'task next' gives no task now")
    case .noSuchToken(let id): "no token '\(id.prefix(40))'"
    case .tokenExpiry(let expires) where expires > Instant.supported.upperBound:
      "a token cannot expire at \(expires), after \(Instant.supported.upperBound), the last instant dcmc keeps"
    case .tokenExpiry(let expires): "a token cannot expire at \(expires), which is not after now"
    case .leasePastLastInstant(let seconds, let now):
      "a delivery at \(now) cannot lease the outbox: its lease of \(seconds) s would end past "
        + "\(Instant.supported.upperBound), the last instant dcmc keeps; nothing was delivered"
    case .deadlineTooLong(let deadline, let given):
      "an \(deadline) of \(given) is longer than a supervisor may set: at most "
        + "\(CaseService.longestDeadlineDays) days (\(CaseService.longestDeadlineDays * 24) hours)"
    }
  }
}

extension ServiceRefusal {
  /// What `request` made, recorded `by` a user, answers a retry by `user` only: a request id
  /// is its user's, as an `Idempotency-Key` is. Another user's is refused, unnamed.
  static func requestOwned(_ request: String, by recorder: String?, retriedBy user: String) throws(ServiceError) {
    guard recorder == user else { throw .refused(.requestOfAnotherUser(request: request)) }
  }

  /// Why a customer filter and the unidentified one, named so in the shell's words, cannot be
  /// given together.
  public static func customerWithUnidentifiedText(_ customer: String, _ unidentified: String) -> String {
    "\(customer) and \(unidentified) cannot be combined: an unidentified case is linked to no customer record "
      + "(its customer was ambiguous and no one has linked it), so no case would match"
  }
}

/// What a filter of a list names.
public enum FilterKind: String, Sendable {
  case caseType = "case type"
  case workbin
  case workgroup
  case customer

  var plural: String { rawValue + "s" }
}
