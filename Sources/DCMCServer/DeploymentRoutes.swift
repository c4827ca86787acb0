import DCMCApplication
import DCMCJSON

/// `/api/v1/deployments`: the deployment history and the bundles the store runs cases on.
enum DeploymentRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/deployments", operationID: "listDeployments",
      summary: "the deployments, oldest first, a page at a time; the last is the one new cases start on "
        + "(empty before the first)",
      queries: Route.Query.page(
        of: "deployments", next: "later deployments", standard: DeploymentView.defaultLimit,
        maximum: DeploymentView.maximumLimit),
      response: APISchemas.array(of: "Deployment"), respond: list),
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

  /// A page of the history, oldest first, as `GET /api/v1/cases` pages its list: the body the
  /// array of `deploy --history --json`; when later deployments follow,
  /// `Link: <...&after=NUMBER>; rel="next"` names the next page.
  private static func list(_ request: APIRequest) throws(Problem) -> HTTPResponse {
    let after = try request.query("after").map { text throws(Problem) -> Int in
      guard let number = DeploymentView.after(text) else {
        throw JSONBody.invalid("after", "is not a deployment number (take it from a Link header)")
      }
      return number
    }
    let limit = try request.limit(standard: DeploymentView.defaultLimit, maximum: DeploymentView.maximumLimit)
    let page = try served { () throws(ServiceError) in try request.cases.deploymentHistory(after: after, limit: limit) }
    var response = HTTPResponse.json(.array(page.views.map(\.json)))
    if page.more, let last = page.views.last?.record { response.linkNext(after: String(last.number), of: request) }
    return response
  }
}
