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

  /// Where `method` and `path` lead: a route with its path parameters, or for OPTIONS the
  /// methods the path takes (`OPTIONS *`: every method of the server, the pages' too); 404
  /// when no template matches the path, 405 (with `Allow`) when templates match but not with
  /// this method.
  static func route(_ method: String, _ path: String) throws(Problem) -> Destination {
    if method == "OPTIONS", path == "*" {
      var methods = Routing.methods(of: all, by: { ($0.method, $0.template) })
      methods += Pages.methods.filter { !methods.contains($0) }
      return .options(methods + ["OPTIONS"])
    }
    switch Routing(all, method: method, path: path, by: { ($0.method, $0.template) }) {
    case .found(let route, let parameters): return .route(route, parameters)
    case .options(let methods): return .options(methods)
    case .notFound: throw Problem(404, "not_found", "no such resource")
    case .notAllowed(let methods):
      throw Problem(
        405, "method_not_allowed", "\(method.prefix(20)) is not allowed here",
        headers: [("Allow", methods.joined(separator: ", "))])
    }
  }

  /// Where a request leads (`route`).
  enum Destination {
    case route(Route, [String: String])
    /// OPTIONS: the methods to list in `Allow`.
    case options([String])
  }
}
