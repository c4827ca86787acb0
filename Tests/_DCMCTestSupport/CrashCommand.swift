/// A command of the crash tests that kill `dcmc` processes (`BinaryCrashTests`,
/// `PostgresCrashTests`): a create with a request id, a claim or a release of a known case's
/// first task by bob, or a tick.
public struct CrashCommand: Sendable {
  /// The arguments, without `--at` and `--store`.
  public let arguments: [String]
  /// The case a claim or a release acts on.
  public let caseID: String?
  /// The request id of a create.
  public let request: String?
  /// The event an acknowledged claim or release leaves in its case's history.
  public let event: String?

  /// A create with `request` while no case is `known`; then a create, a claim, a release or a
  /// tick, drawn from `generator` (a claim or a release of a known case drawn from it too).
  public static func random(known: [String], request: String, using generator: inout SeededGenerator)
    -> CrashCommand
  {
    switch known.isEmpty ? 0 : Int.random(in: 0..<4, using: &generator) {
    case 0:
      let arguments = [
        "case", "create", "technical", "--fields", "samples/fields/technical.json", "--request-id", request, "--as",
        "alice",
      ]
      return CrashCommand(arguments: arguments, caseID: nil, request: request, event: nil)
    case let verb where verb < 3:
      let id = known[Int.random(in: 0..<known.count, using: &generator)]
      return CrashCommand(
        arguments: ["task", verb == 1 ? "claim" : "release", id + ".1", "--as", "bob"], caseID: id, request: nil,
        event: verb == 1 ? "task.assigned" : "task.released")
    default:
      return CrashCommand(arguments: ["tick"], caseID: nil, request: nil, event: nil)
    }
  }
}
