import DCMCApplication
import DCMCCalendar
import DCMCModel
import DCMCReports

/// `/supervisor/reports`: the reports of SPEC section 16 chosen through a GET form (so a
/// report is a bookmark): the report, `from`, `to`, `type`, `target` and `zone` read as
/// `dcmc report` reads `--from --to --type --target --zone`, into the same `ReportQuery`. The
/// page shows the report as DCMCReports' HTML renderer draws it (its SVG charts and their
/// tables, no script) and links its CSV, which `/supervisor/reports.csv` sends as a download:
/// the bytes `dcmc report NAME --format csv` writes for the same store and arguments.
struct SupervisorReportsPage {
  let context: SupervisorPages

  /// The form's inputs: name, label and hint.
  static let inputs: [(name: String, label: String, hint: String)] = [
    ("from", "From", "a day (2026-03-01, midnight in the zone) or a time with an offset; empty: this month"),
    ("to", "To (not included)", "a day or a time with an offset"),
    ("type", "Case types", "ids separated by commas; empty: all"),
    ("target", "Workbins", "workgroup ids separated by commas; empty: all"),
  ]

  func show() -> HTTPResponse {
    guard context.isSupervisor else { return context.notSupervisor }
    var content: [HTML] = [.tag("h1", text: "Reports")]
    guard let name = context.request.query["report"], !name.isEmpty else {
      content.append(.tag("p", [("class", "lead")], text: "Choose a report and its period."))
      return context.page(title: "Reports", content + [form(errors: [])])
    }
    switch computed(name) {
    case .failure(let problems):
      let errors = problems.list
      let general = errors.filter { $0.0.isEmpty }.map { SupervisorPages.notice($0.1, refused: true) }
      let fields = errors.filter { !$0.0.isEmpty }
      return context.page(
        422, title: "Reports",
        content + general + (fields.isEmpty ? [] : [FormFields.summary(fields)]) + [form(errors: fields)])
    case .success(let computed):
      let csv = context.link("\(SupervisorPages.root)/reports.csv", parameters())
      content += [
        form(errors: []),
        .tag(
          "p", [("class", "download")],
          [.tag("a", [("href", csv), ("id", "csv-link"), ("download", "")], text: "Download this report as CSV")]),
        .tag("div", [("class", "report-view"), ("id", "report")], [.report(computed)]),
      ]
      return context.page(title: "Report \(name)", content)
    }
  }

  /// The report as CSV, a download named after it and its period.
  func csv() -> HTTPResponse {
    guard context.isSupervisor else { return context.notSupervisor }
    let name = context.request.query["report"] ?? ""
    switch computed(name) {
    case .failure(let problems):
      return Page.message(422, "The report cannot be made", problems.list.map { $0.1 }.joined(separator: "; "))
    case .success(let computed):
      let period = context.request.query["from"].map { "-" + $0.prefix(10) } ?? ""
      let file = "\(name)\(period).csv".filter { $0.isLetter || $0.isNumber || "-._".contains($0) }
      return HTTPResponse(
        status: 200,
        headers: [
          ("Content-Type", ReportOutput.Format.csv.mediaType),
          ("Content-Disposition", "attachment; filename=\"\(file)\""),
        ] + Page.securityHeaders,
        body: ReportOutput.bytes(computed, .csv))
    }
  }

  /// The query's parameters as the form sent them, for the CSV link.
  private func parameters() -> [(String, String)] {
    [("report", context.request.query["report"] ?? "")]
      + Self.inputs.map { ($0.name, context.request.query[$0.name] ?? "") }
  }

  /// Report `name` computed as the request's parameters ask, or the problems (field, message;
  /// an empty field for the request as a whole) that stop it.
  private func computed(_ name: String) -> Result<ReportCatalog.Computed, Problems> {
    guard let selection = ReportCatalog.selection(named: name) else {
      return .failure(Problems(list: [("report", "there is no report '\(name.prefix(40))'")]))
    }
    var errors: [(String, String)] = []
    func instant(_ field: String) -> Instant? {
      guard let text = context.request.query[field], !text.isEmpty else { return nil }
      guard let instant = ReportQuery.instant(text, in: context.zone) else {
        errors.append((field, "'\(text.prefix(40))' is not a day (2026-03-01) or a time with an offset"))
        return nil
      }
      return instant
    }
    let (from, to) = (instant("from"), instant("to"))
    guard errors.isEmpty else { return .failure(Problems(list: errors)) }
    let list = { (field: String) in
      (context.request.query[field] ?? "").split(separator: ",").map { String($0.trimmingSpaces) }
    }
    guard let facts = context.pages.facts else {
      return .failure(Problems(list: [("", "this server keeps no report facts")]))
    }
    do {
      let query = try ReportQuery(
        selection, from: from, to: to, zone: context.zone, types: list("type"), targets: list("target"),
        now: context.cases.clock.now())
      return .success(try query.compute(on: context.cases, facts: facts))
    } catch let period as ReportQuery.InvalidPeriod {
      return .failure(Problems(list: [(period.parameter ?? "to", period.description)]))
    } catch let error as ServiceError {
      return .failure(Problems(list: [("", Problem(error).detail)]))
    } catch {
      return .failure(Problems(list: [("", "the report cannot be made")]))
    }
  }

  /// What stops a report: each problem's field (empty for the request as a whole) and message.
  struct Problems: Error {
    var list: [(String, String)]
  }

  /// The GET form that chooses the report, with the request's values and `errors` kept.
  private func form(errors: [(String, String)]) -> HTML {
    let chosen = context.request.query["report"] ?? ""
    let options = ReportCatalog.names.map { name in
      HTML.tag("option", [("value", name)] + (name == chosen ? [("selected", "")] : []), text: name)
    }
    var fields: [HTML] = [
      field("report", "Report", hint: nil, errors: errors) { .tag("select", $0, options) }
    ]
    for input in Self.inputs {
      fields.append(
        field(input.name, input.label, hint: input.hint, errors: errors) {
          .void("input", $0 + [("type", "text"), ("value", context.request.query[input.name] ?? "")])
        })
    }
    fields.append(
      field("zone", "Time zone", hint: "days and times are read and shown in it", errors: errors) {
        .void("input", $0 + [("type", "text"), ("value", context.zone.name)])
      })
    return .tag(
      "form", [("method", "get"), ("action", "\(SupervisorPages.root)/reports"), ("class", "report-form")],
      fields + [.tag("button", [("type", "submit")], text: "Show the report")])
  }

  /// A labelled input with its hint and errors: `input` made from the attributes that name it
  /// and tie it to them.
  private func field(
    _ name: String, _ label: String, hint: String?, errors: [(String, String)],
    input: ([(String, String)]) -> HTML
  ) -> HTML {
    let id = "field-\(name)"
    var parts: [HTML] = [.tag("label", [("for", id)], text: label)]
    var described: [String] = []
    if let hint {
      parts.append(.tag("span", [("class", "hint"), ("id", "\(id)-hint")], text: hint))
      described.append("\(id)-hint")
    }
    let messages = errors.filter { $0.0 == name }.map(\.1)
    for (index, error) in messages.enumerated() {
      parts.append(.tag("span", [("class", "error"), ("id", "\(id)-error-\(index)")], text: error))
      described.append("\(id)-error-\(index)")
    }
    var attributes = [("id", id), ("name", name)]
    if !described.isEmpty { attributes.append(("aria-describedby", described.joined(separator: " "))) }
    if !messages.isEmpty { attributes.append(("aria-invalid", "true")) }
    return .tag("div", [("class", messages.isEmpty ? "field" : "field invalid")], parts + [input(attributes)])
  }
}
