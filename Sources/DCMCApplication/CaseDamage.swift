/// A case the store cannot serve as it is: its history is corrupt, shorter than (or other
/// than) what its state recorded, missing, or another case's. A command on it fails; the
/// listings, `task next`, `tick` and outbox delivery report it (`CaseService.damageFound`)
/// and serve the other cases, so one damaged case never stops the rest of the store.
public struct CaseDamage: Error, Sendable, Equatable, CustomStringConvertible {
  /// The damaged case's id.
  public var caseID: String
  /// What is wrong, naming the file: one lowercase clause, such as `streams/TEC-000003.log
  /// ends at event 7, its state recorded 9: events 8-9 are missing`.
  public var problem: String

  public init(caseID: String, problem: String) {
    self.caseID = caseID
    self.problem = problem
  }

  public var description: String { "case '\(UserID.printable(caseID))': \(problem)" }

  /// How a refusal to lose acknowledged events ends (`store rebuild --accept-loss` rebuilds
  /// such a case from what its history holds), on either store.
  public static let lossRefusal = "; rebuilding it would lose them"

  /// What is lost when `history` (a log, a table's rows) ends at event `end` while what was
  /// made from it (`by`: its state, its row) recorded `recorded`: `streams/TEC-000003.log ends
  /// at event 7, its state recorded 9: events 8-9 are missing`. One wording for both stores.
  public static func lost(_ history: String, end: Int, recorded: Int, by: String) -> String {
    "\(history) ends at event \(end), \(by) recorded \(recorded): \(events(end + 1, recorded)) missing"
  }

  /// What is lost when `history` is missing while what was made from it (`by`) recorded
  /// `recorded` events: `streams/TEC-000003.log is missing, its state recorded 9: events 1-9
  /// are missing`.
  public static func missing(_ history: String, recorded: Int, by: String) -> String {
    "\(history) is missing, \(by) recorded \(recorded): \(events(1, recorded)) missing"
  }

  /// What is wrong when `history` reaches the `recorded` events of what was made from it
  /// (`by`) but is not the history that was made from: `streams/TEC-000003.log differs from
  /// the history its state recorded: events 1-9 do not match`.
  public static func differs(_ history: String, recorded: Int, by: String) -> String {
    "\(history) differs from the history \(by) recorded: events 1-\(recorded) do not match"
  }

  /// `events 8-9 are`, `event 9 is`.
  public static func events(_ first: Int, _ last: Int) -> String {
    first == last ? "event \(first) is" : "events \(first)-\(last) are"
  }
}
