import DCMCApplication
import DCMCCalendar
import DCMCJSON
import DCMCModel
import DCMCReports

/// `/api/v1/reports`: what `dcmc report NAME` computes (SPEC section 16), from the same
/// `ReportQuery`, as JSON, CSV, HTML or a text table.
enum ReportRoutes {
  static let routes: [Route] = [
    Route(
      method: "GET", template: "/api/v1/reports", operationID: "listReports",
      summary: "the names of the reports, the dashboard last",
      response: .object([("type", .string("array")), ("items", APISchemas.type("string"))])
    ) { _ throws(Problem) in .array(ReportCatalog.names.map { .string($0) }) },
    Route(
      method: "GET", template: "/api/v1/reports/{name}", operationID: "showReport",
      summary: "a report over a period (without from and to: the current month in zone)",
      queries: [
        .init(name: "from", summary: "the period's start: a day (midnight in zone) or a time with an offset", type: "string"),
        .init(name: "to", summary: "the period's end, exclusive: a day or a time with an offset", type: "string"),
        .init(name: "type", summary: "only these case types, separated by commas", type: "string"),
        .init(name: "target", summary: "only the tasks of these workbins, separated by commas", type: "string"),
        .init(name: "zone", summary: "the zone of days and times shown (else UTC)", type: "string"),
        .init(name: "format", summary: "json, csv, html or table; else by Accept, else json", type: "string"),
      ],
      response: .object([("oneOf", .array([APISchemas.reference("Report"), APISchemas.reference("Dashboard")]))]),
      media: ReportOutput.Format.allCases.map(\.mediaType), respond: report),
  ]

  private static func report(_ request: APIRequest) throws(Problem) -> HTTPResponse {
    let name = request.parameter("name")
    guard let selection = ReportCatalog.selection(named: name) else {
      throw Problem(404, "not_found", "no report '\(name.prefix(40))'; the reports are \(ReportCatalog.names.joined(separator: ", "))")
    }
    let format = try self.format(request)
    var zone = ZoneRules.utc
    if let text = request.query("zone") {
      guard let rules = TimeZoneDatabase.knownRules(named: text) else {
        throw JSONBody.invalid("zone", "is not a zone of the time-zone database, such as UTC or Europe/Brussels")
      }
      zone = rules
    }
    let (from, to) = (try instant("from", request, zone), try instant("to", request, zone))
    let query: ReportQuery
    do {
      query = try ReportQuery(
        selection, from: from, to: to, zone: zone, types: list("type", request), targets: list("target", request),
        now: request.cases.clock.now())
    } catch {
      throw Problem(
        422, "invalid_input", error.description,
        errors: error.parameter.map { [Problem.FieldError(field: $0, detail: error.description)] } ?? [])
    }
    guard let facts = request.facts else { throw Problem(404, "not_found", "this server keeps no report facts") }
    let computed = try served { () throws(ServiceError) in try query.compute(on: request.cases, facts: facts) }
    return HTTPResponse(
      status: 200, headers: [("Content-Type", format.mediaType)], body: ReportOutput.bytes(computed, format))
  }

  /// `format`, else the first of CSV, HTML or plain text that `Accept` names, else JSON.
  private static func format(_ request: APIRequest) throws(Problem) -> ReportOutput.Format {
    if let text = request.query("format") {
      guard let format = ReportOutput.Format(rawValue: text) else {
        let valid = ReportOutput.Format.allCases.map(\.rawValue).joined(separator: ", ")
        throw JSONBody.invalid("format", "is not one of \(valid)")
      }
      return format
    }
    let accepted = (request.http.headers["accept"] ?? "").split(separator: ",").map {
      $0.split(separator: ";", omittingEmptySubsequences: false)[0].trimmingSpaces.lowercased()
    }
    let offered: [(String, ReportOutput.Format)] = [("text/csv", .csv), ("text/html", .html), ("text/plain", .table)]
    for type in accepted {
      if let format = offered.first(where: { $0.0 == type }) { return format.1 }
      if type == "application/json" || type == "*/*" { return .json }
    }
    return .json
  }

  private static func instant(_ name: String, _ request: APIRequest, _ zone: ZoneRules) throws(Problem) -> Instant? {
    guard let text = request.query(name) else { return nil }
    guard let instant = ReportQuery.instant(text, in: zone) else {
      throw JSONBody.invalid(name, "is not a day (2026-03-01) or a time with an offset (2026-03-02T09:00:00+01:00)")
    }
    return instant
  }

  private static func list(_ name: String, _ request: APIRequest) -> [String] {
    (request.query(name) ?? "").split(separator: ",").map(String.init)
  }
}
