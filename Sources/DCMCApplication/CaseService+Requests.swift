import DCMCBundle
internal import DCMCJSON
public import DCMCRuntime

/// A command's request: its id (`--request-id`, or the one an `Idempotency-Key` stands for) and
/// what it asked for, so a retry is told from another request reusing the id.
public struct CommandRequest: Sendable, Hashable {
  public var id: String
  /// `sha256:` and a hex digest of what the request asked for (`CaseService.requestDigest`).
  public var digest: String

  /// A request whose digest is already made (the server's: its fingerprint), under an id that
  /// is one (`UserID.checked`; the server's are digests).
  public init(id: String, digest: String) {
    self.id = id
    self.digest = digest
  }

  /// `--request-id ID` of a command asking `asking` (its action and arguments, in order) with
  /// `content` (an attachment's bytes): the id checked as a create's is.
  public init(id: String, asking: [String], content: [UInt8] = []) throws(ServiceError) {
    let parts = asking + [SHA256.hexDigest(of: content)]
    self.init(id: try UserID.checked(id), digest: CaseService.requestDigest(.array(parts.map { .string($0) })))
  }
}

extension CaseService {
  /// `sha256:` and the digest of `request`'s canonical JSON: what a request asked for, as its
  /// record keeps it (`request_digest`, `docs/store.md`).
  static func requestDigest(_ request: JSONValue) -> String {
    "sha256:" + SHA256.hexDigest(of: request.compact())
  }

  /// The one rule of a request id met again, for a creation and for a command: only the user who
  /// recorded it may retry it (else refused, naming nothing), and only with what it asked for
  /// (`same`; else refused, naming case `id`).
  static func checkRetry(_ request: String, recordedBy recorder: String?, same: Bool, by user: String, case id: String)
    throws(ServiceError)
  {
    try checkRetry(request, recordedBy: recorder, same: same, by: user, otherwise: .requestReused(request: request, case: id))
  }

  /// `checkRetry(_:recordedBy:same:by:case:)` with the refusal of another request under the
  /// id given (a presence change's names the user).
  static func checkRetry(
    _ request: String, recordedBy recorder: String?, same: Bool, by user: String, otherwise refusal: ServiceRefusal
  ) throws(ServiceError) {
    try ServiceRefusal.requestOwned(request, by: recorder, retriedBy: user)
    guard same else { throw .refused(refusal) }
  }

  /// The event that recorded `request` and its case, checked by `checkRetry`: looked for in the
  /// case the store's request index names (wherever the request's case is now, a task it
  /// claimed long completed), then in case `id`'s history (a command recorded before the index
  /// kept commands' requests, 7 December 2026); `nil` when neither records it.
  func recorded(_ request: CommandRequest, onCase id: String?, by user: String) throws(ServiceError)
    -> (case: String, event: CaseEvent)?
  {
    let indexed = try ServiceError.wrap { () throws(RepositoryError) in try repository.caseRecording(request: request.id) }
    for candidate in [indexed, indexed == id ? nil : id] {
      guard let candidate else { continue }
      let history = try ServiceError.wrap { () throws(RepositoryError) in try repository.history(of: candidate) } ?? []
      guard let event = history.first(where: { $0.recordedRequest?.id == request.id }) else { continue }
      try Self.checkRetry(
        request.id, recordedBy: event.by, same: event.recordedRequest?.digest == request.digest, by: user,
        case: candidate)
      return (candidate, event)
    }
    return nil
  }

  /// `events` with `request` recorded on the first: the command's, in the same append.
  static func stamped(_ events: [CaseEvent], with request: CommandRequest?) -> [CaseEvent] {
    guard let request, !events.isEmpty else { return events }
    var events = events
    events[0].request = request.id
    events[0].requestDigest = request.digest
    return events
  }
}

extension CaseEvent {
  /// The request this event records and what it asked for: a creation's (`CaseCreated`) or
  /// the one on a command's first event; `nil` for an event that records none.
  public var recordedRequest: (id: String, digest: String?)? {
    if let request { return (request, requestDigest) }
    if case .created(let created) = change, let request = created.request { return (request, created.requestDigest) }
    return nil
  }
}
