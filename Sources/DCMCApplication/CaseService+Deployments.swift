public import DCMCBundle
package import DCMCJSON
import DCMCRuntime

/// A deployed bundle with its deployment, as `dcmc deploy --history` and
/// `GET /api/v1/deployments` show it.
public struct DeploymentView: Sendable {
  public var bundle: DefinitionBundle
  /// The deployment shown: an entry of the history, or for a bundle named alone its latest
  /// deployment; `nil` for a bundle the store holds that no entry of the history names.
  public var record: DeploymentRecord?
  /// Whether new cases start on it: the history's last entry.
  public var current: Bool

  /// `{"bundle", "case_types", "compiler_version", "current", "deployed_at", "deployed_by",
  /// "number", "workgroups"}`, the deployment's user, time and number `null` when unknown.
  package var json: JSONValue {
    .object([
      ("bundle", .string(bundle.hash)), ("case_types", .array(bundle.caseTypes.map { .string($0.id) })),
      ("compiler_version", .string(bundle.compiler.version)), ("current", .bool(current)),
      ("deployed_at", record?.at?.json ?? .null), ("deployed_by", record?.by.map { .string($0) } ?? .null),
      ("number", record.map { .number(String($0.number)) } ?? .null),
      ("workgroups", .array(bundle.workgroups.map { .string($0.id) })),
    ])
  }
}

extension CaseService {
  /// The deployment history, oldest first, each entry with its bundle; the last is current.
  public func deploymentHistory() throws(ServiceError) -> [DeploymentView] {
    let records = try ServiceError.wrap { () throws(RepositoryError) in try repository.deployments() }
    var views: [DeploymentView] = []
    for record in records {
      views.append(
        DeploymentView(
          bundle: try definitions.definitions(record.bundle).bundle, record: record,
          current: record.number == records.last?.number))
    }
    return views
  }

  /// The bundle `hash` with its latest deployment (a bundle deployed, replaced and deployed
  /// again shows the last time); `nil` when the store does not hold it.
  public func deployment(of hash: String) throws(ServiceError) -> DeploymentView? {
    let (held, records) = try ServiceError.wrap { () throws(RepositoryError) in
      (try repository.bundle(hash) != nil, try repository.deployments())
    }
    guard held else { return nil }
    let latest = records.last { $0.bundle == hash }
    return DeploymentView(
      bundle: try definitions.definitions(hash).bundle, record: latest,
      current: latest != nil && latest?.number == records.last?.number)
  }
}
