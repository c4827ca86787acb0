import DCMCJSON

/// The one table of the API: `API.respond` routes by it and `OpenAPIDocument` describes it.
enum APIRoutes {
  static let all: [Route] =
    [
      Route(
        method: "GET", template: "/api/v1/openapi.json", operationID: "openAPI",
        summary: "this API's description (OpenAPI 3.1), generated from its routes",
        response: APISchemas.type("object"), right: .anyone
      ) { _ throws(Problem) in OpenAPIDocument.json }
    ] + DeploymentRoutes.routes + CaseRoutes.routes + TaskRoutes.routes + PresenceRoutes.routes
    + CustomerRoutes.routes + OutboxRoutes.routes + ReportRoutes.routes + EventRoutes.routes

  /// The route for `method` and `path` with its path parameters; 404 when no template
  /// matches the path, 405 (with `Allow`) when templates match but not with this method.
  static func route(_ method: String, _ path: String) throws(Problem) -> (Route, [String: String]) {
    switch Routing(all, method: method, path: path, by: { ($0.method, $0.template) }) {
    case .found(let route, let parameters): return (route, parameters)
    case .notFound: throw Problem(404, "not_found", "no such resource")
    case .notAllowed(let methods):
      throw Problem(
        405, "method_not_allowed", "\(method.prefix(20)) is not allowed here",
        headers: [("Allow", methods.joined(separator: ", "))])
    }
  }
}
