/// A user's presence history the store cannot serve as it is (corrupt, numbered with a gap, or
/// another user's). `presence list` reports it (`PresenceService.damageFound`) and lists the
/// other users, as the case listings do a damaged case.
public struct PresenceDamage: Error, Sendable, Equatable, CustomStringConvertible {
  /// The user whose history is damaged.
  public var user: String
  /// What is wrong, naming the file: one lowercase clause.
  public var problem: String

  public init(user: String, problem: String) {
    self.user = user
    self.problem = problem
  }

  public var description: String { "presence of '\(UserID.printable(user))': \(problem)" }
}
