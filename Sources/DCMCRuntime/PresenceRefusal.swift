/// Why a presence change was refused; nothing was decided.
public enum PresenceRefusal: Error, Sendable, Hashable, CustomStringConvertible {
  /// The reason is none of the Presence kind's `not_ready` reasons; `valid` lists those.
  case unknownReason(String, valid: [String])
  /// `RONA` is given by the system to a user who let an offer time out, never chosen.
  case reasonNotChosen(String)
  /// `not_ready` needs a reason when the Presence kind declares some; `valid` lists them.
  case reasonMissing(valid: [String])
  /// A reason was given for a state that takes none.
  case reasonNotTaken(state: String)
  /// The user whose presence is set is in no workgroup.
  case unknownUser(String)
  /// `by` sets the presence of `user`, who is a member of no workgroup `by` supervises.
  case notSupervised(user: String, by: String)

  /// What kind of refusal it is, for shells that map kinds.
  public var kind: Refusal.Kind {
    switch self {
    case .unknownReason, .reasonNotChosen, .reasonMissing, .reasonNotTaken: .invalidInput
    case .unknownUser: .notFound
    case .notSupervised: .forbidden
    }
  }

  /// The input the refusal is about, named as `PresenceDecision.set` and the shells name it
  /// (`reason`: `--reason`, the API's member), when it is about one.
  public var field: String? {
    switch self {
    case .unknownReason, .reasonNotChosen, .reasonMissing, .reasonNotTaken: "reason"
    case .unknownUser, .notSupervised: nil
    }
  }

  public var description: String {
    switch self {
    case .unknownReason(let reason, let valid):
      "unknown not-ready reason '\(reason.prefix(40))'; "
        + (valid.isEmpty ? "none is declared" : "the reasons are \(valid.joined(separator: ", "))")
    case .reasonNotChosen(let reason): "'\(reason)' is given by the system when an offer times out, not chosen"
    case .reasonMissing(let valid): "not_ready needs a reason: \(valid.joined(separator: ", "))"
    case .reasonNotTaken(let state): "\(state) takes no reason"
    case .unknownUser(let user): "user '\(user.prefix(40))' is in no workgroup"
    case .notSupervised(let user, let by): "'\(by)' supervises no workgroup of '\(user)' and may not set their presence"
    }
  }
}
