public import DCMCCalendar
package import DCMCJSON
import DCMCRuntime

/// One entry of a store's deployment history (SPEC section 8): the bundle that became the one
/// new cases start on, who deployed it and when. Only a deployment that changed the current
/// bundle is recorded (a redeploy of the current bundle records nothing), so no two entries in
/// a row name the same bundle. The history lists them oldest first; the last is the current.
public struct DeploymentRecord: Sendable, Equatable {
  /// 1 for the first deployment the store recorded, then one more for each (PostgreSQL's
  /// serial may skip one that a lost connection rolled back after its insert).
  public var number: Int
  /// The bundle's hash (`sha256:...`).
  public var bundle: String
  /// The acting user (`--as`, else `$DCM_USER`); `nil`: none was given, or the store kept the
  /// deployment before it recorded who made it.
  public var by: String?
  /// When it was made (`--at`, else the shell's clock); `nil`: kept before the store recorded it.
  public var at: Instant?

  public init(number: Int, bundle: String, by: String?, at: Instant?) {
    self.number = number
    self.bundle = bundle
    self.by = by
    self.at = at
  }

  /// The entry as the file store keeps it (a line of `deployments.jsonl`):
  /// `{"at", "bundle", "by", "number"}`, unknown user or time `null`.
  package var json: JSONValue {
    .object([
      ("at", at?.json ?? .null), ("bundle", .string(bundle)), ("by", by.map { .string($0) } ?? .null),
      ("number", .number(String(number))),
    ])
  }

  /// An entry read back from `json`.
  package init(json: JSONValue) throws(JSONShapeError) {
    let fields = try JSONFields(json)
    self.init(
      number: try fields.required("number", in: 1...Int.max), bundle: try fields.required("bundle"),
      by: try fields.optional("by"), at: try fields.optional("at"))
  }

  /// The entries of `history` (oldest first) numbered after `after`, at most `limit`: the page
  /// `CaseRepository.deployments(after:limit:)` answers, for a store that holds the history
  /// whole (memory, the file store's `deployments.jsonl`).
  package static func page(_ history: [DeploymentRecord], after: Int?, limit: Int?) -> [DeploymentRecord] {
    let following = history.drop(while: { $0.number <= after ?? 0 })
    return Array(limit.map { following.prefix(max(0, $0)) } ?? following)
  }

  /// `history` without an entry that names the bundle of the one before it: what a copy makes
  /// and compares. PostgreSQL stores of schemas before 11 recorded a redeploy of the current
  /// bundle as a deployment; it changed nothing, and no store records one now.
  static func changes(_ history: [DeploymentRecord]) -> [DeploymentRecord] {
    history.enumerated().filter { $0.offset == 0 || history[$0.offset - 1].bundle != $0.element.bundle }
      .map(\.element)
  }

  /// Whether `other` records the same deployment, whatever number each store gave it.
  func sameDeployment(as other: DeploymentRecord) -> Bool {
    bundle == other.bundle && by == other.by && at == other.at
  }
}
