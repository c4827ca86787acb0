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

  /// The deployments a page of the history holds when `GET /api/v1/deployments` gives no
  /// `limit`: fewer than a page of cases, as each entry reads its bundle from the store
  /// (`DefinitionsLoader.bundle`).
  public static let defaultLimit = 20
  /// The most deployments a page holds (`limit`).
  public static let maximumLimit = 100

  /// The deployment number a page of the history starts after (`after`: the number of the
  /// previous page's last entry, 0 for the first page), as `GET /api/v1/deployments?after=`
  /// and `deploy --history --after` read it: decimal digits only; `nil` for anything else.
  public static func after(_ text: String) -> Int? {
    guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return Int(text)
  }

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
  /// A page of the deployment history, oldest first: the entries numbered after `after`
  /// (`nil`: from the first), at most `limit` (`nil`: all), each with its bundle, read and not
  /// kept (`DefinitionsLoader.bundle`); `more`: entries follow the page. The history's last
  /// entry is current: the last of the page when none follows.
  public func deploymentHistory(after: Int? = nil, limit: Int? = nil) throws(ServiceError)
    -> (views: [DeploymentView], more: Bool)
  {
    let limit = limit.map { min(max(0, $0), Int.max - 1) }
    // One entry more than the page tells whether any follows.
    let records = try ServiceError.wrap { () throws(RepositoryError) in
      try repository.deployments(after: after, limit: limit.map { $0 + 1 })
    }
    let page = records.prefix(limit ?? records.count)
    let more = records.count > page.count
    var bundles: [String: DefinitionBundle] = [:]
    var views: [DeploymentView] = []
    for record in page {
      // A bundle deployed again (A, B, A) is read once for the page.
      let bundle: DefinitionBundle
      if let read = bundles[record.bundle] { bundle = read } else { bundle = try definitions.bundle(record.bundle) }
      bundles[record.bundle] = bundle
      views.append(
        DeploymentView(bundle: bundle, record: record, current: !more && record.number == page.last?.number))
    }
    return (views, more)
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
      bundle: try definitions.bundle(hash), record: latest,
      current: latest != nil && latest?.number == records.last?.number)
  }
}
