import DCMCApplication
import DCMCJSON

/// `/api/v1/deployments`: the deployment history and the bundles the store runs cases on.
enum DeploymentRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/deployments", operationID: "listDeployments",
      summary: "every deployment, oldest first; the last is the one new cases start on (empty before the first)",
      response: APISchemas.array(of: "Deployment")
    ) { request throws(Problem) in
      .array(try served { () throws(ServiceError) in try request.cases.deploymentHistory() }.map(\.json))
    },
    Route(
      method: "GET", template: "/api/v1/deployments/{bundle}", operationID: "showDeployment",
      summary: "a deployed bundle, by its hash, with its latest deployment",
      response: APISchemas.reference("Deployment")
    ) { request throws(Problem) in
      let hash = request.parameter("bundle")
      // Only the exact form of a bundle hash names a bundle: another spelling would load (and
      // cache) the same bundle under another key.
      let digest = hash.utf8.dropFirst(7)
      guard hash.hasPrefix("sha256:"), digest.count == 64,
        digest.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }),
        let found = try served({ () throws(ServiceError) in try request.cases.deployment(of: hash) })
      else { throw Problem(404, "not_found", "no deployed bundle '\(hash.prefix(80))'") }
      return found.json
    },
  ]
}
