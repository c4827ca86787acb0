/// Why a repository could not do what was asked. Refusals of the rules are not here: the
/// repository stores, the service decides.
public enum RepositoryError: Error, Sendable, CustomStringConvertible {
  /// An id a user gave cannot name anything in this store (a path separator, too long...).
  case invalidID(String, reason: String)
  /// The store could not be read or written, or holds damage: the adapter's error, whose
  /// description says which file and what (lowercase, one line).
  case unavailable(any Error & Sendable)
  /// One case is damaged (the rest of the store is not): reading it would serve a history
  /// that lost or changed acknowledged events.
  case damaged(CaseDamage)
  /// One user's presence history is damaged (the rest of the store is not).
  case damagedPresence(PresenceDamage)

  public var description: String {
    switch self {
    case .invalidID(_, let reason): reason
    case .unavailable(let error): "\(error)"
    case .damaged(let damage): "\(damage)"
    case .damagedPresence(let damage): "\(damage)"
    }
  }
}

/// An adapter's error whose description names paths on the server's disk, with words that do
/// not: what an API answer says, where the log keeps the whole description.
public protocol PathFreeDescription {
  /// The description with each path cut to its file's name.
  var descriptionWithoutPaths: String { get }
}

extension RepositoryError {
  /// `description`, without the server's paths where the adapter's error names them
  /// (`PathFreeDescription`).
  public var descriptionWithoutPaths: String {
    if case .unavailable(let error as any PathFreeDescription) = self { return error.descriptionWithoutPaths }
    return description
  }
}
