import DCMCApplication
import DCMCBundle
import DCMCJSON

/// `/api/v1/deployments`: the bundles the store runs cases on.
enum DeploymentRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/deployments", operationID: "listDeployments",
      summary: "the deployment new cases start on (empty before the first)", response: APISchemas.array(of: "Deployment")
    ) { request throws(Problem) in
      let current = try served { () throws(ServiceError) in
        try ServiceError.wrap { () throws(RepositoryError) in try request.cases.repository.deployedBundle() }
      }
      guard let current else { return .array([]) }
      return .array([try deployment(current, current: current, request)])
    },
    Route(
      method: "GET", template: "/api/v1/deployments/{bundle}", operationID: "showDeployment",
      summary: "a deployed bundle, by its hash", response: APISchemas.reference("Deployment")
    ) { request throws(Problem) in
      let current = try served { () throws(ServiceError) in
        try ServiceError.wrap { () throws(RepositoryError) in try request.cases.repository.deployedBundle() }
      }
      return try deployment(request.parameter("bundle"), current: current, request)
    },
  ]

  /// A deployed bundle: its hash, whether new cases start on it, its case types and workgroups.
  private static func deployment(_ hash: String, current: String?, _ request: APIRequest) throws(Problem) -> JSONValue {
    // Only the exact form of a bundle hash names a bundle: another spelling would load (and
    // cache) the same bundle under another key.
    let digest = hash.utf8.dropFirst(7)
    guard hash.hasPrefix("sha256:"), digest.count == 64,
      digest.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
    else { throw Problem(404, "not_found", "no deployed bundle '\(hash.prefix(80))'") }
    let held = try served { () throws(ServiceError) in
      try ServiceError.wrap { () throws(RepositoryError) in try request.cases.repository.bundle(hash) }
    }
    guard held != nil else { throw Problem(404, "not_found", "no deployed bundle '\(hash.prefix(80))'") }
    let bundle = try served { () throws(ServiceError) in try request.cases.definitions.definitions(hash) }.bundle
    return .object([
      ("bundle", .string(bundle.hash)), ("case_types", .array(bundle.caseTypes.map { .string($0.id) })),
      ("compiler_version", .string(bundle.compiler.version)), ("current", .bool(bundle.hash == current)),
      ("workgroups", .array(bundle.workgroups.map { .string($0.id) })),
    ])
  }
}
