import DCMCCalendar

/// Renders reports as one self-contained HTML page: inline CSS and SVG, no script, no
/// external resource, links only to anchors of the page. Each chart is an
/// `<svg role="img">` named by its `<title>` and `<desc>` and followed by its data table.
/// The markup is also well-formed XML (void elements closed, every attribute quoted, only
/// the references XML knows), so it can be checked with an XML parser.
public enum HTMLRenderer {
  /// A page with one report; a table of contents when it has several sections.
  public static func render(_ report: Report) -> String {
    page(title: report.title, body: body(report, level: 1, container: "main"))
  }

  /// A page with several reports under one header, with a table of contents of reports and sections.
  public static func render(_ dashboard: Dashboard) -> String {
    page(title: dashboard.title, body: body(dashboard, level: 1, container: "main"))
  }

  /// `computed`'s page without the document around it or its style sheet, for a page that
  /// shows it among its own parts: its title an `h2`, its sections in a `div` rather than the
  /// page's `main`. The embedding page styles it with `HTMLStyle.parts`.
  public static func embedded(_ computed: ReportCatalog.Computed) -> String {
    switch computed {
    case .report(let report): body(report, level: 2, container: "div")
    case .dashboard(let dashboard): body(dashboard, level: 2, container: "div")
    }
  }

  /// The report's header (its title an `h<level>`), contents and sections, in `container`.
  static func body(_ report: Report, level: Int, container: String) -> String {
    var body = header(report.title, period: report.period, generatedAt: report.generatedAt, level: level)
    if report.sections.count > 1 {
      body += "<nav aria-label=\"Table of contents\"><h\(level + 1)>Contents</h\(level + 1)><ol>\n"
      for section in report.sections { body += link(to: anchor(report, section), section.title) }
      body += "</ol></nav>\n"
    }
    body += "<\(container)>\n"
    for section in report.sections { body += render(section, of: report, heading: level + 1) }
    body += "</\(container)>\n"
    return body
  }

  static func body(_ dashboard: Dashboard, level: Int, container: String) -> String {
    var body = header(dashboard.title, period: dashboard.period, generatedAt: dashboard.generatedAt, level: level)
    body += "<nav aria-label=\"Table of contents\"><h\(level + 1)>Contents</h\(level + 1)><ol>\n"
    for report in dashboard.reports {
      body += "<li><a href=\"#\(anchor(report))\">\(HTMLText.escaped(report.title))</a><ol>\n"
      for section in report.sections { body += link(to: anchor(report, section), section.title) }
      body += "</ol></li>\n"
    }
    body += "</ol></nav>\n<\(container)>\n"
    for report in dashboard.reports {
      body += "<section class=\"report\" id=\"\(anchor(report))\">\n"
      body += "<h\(level + 1)>\(HTMLText.escaped(report.title))</h\(level + 1)>\n"
      for section in report.sections { body += render(section, of: report, heading: level + 2) }
      body += "</section>\n"
    }
    body += "</\(container)>\n"
    return body
  }

  static func page(title: String, body: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en">
    <head>
    <meta charset="utf-8"/>
    <meta name="viewport" content="width=device-width, initial-scale=1"/>
    <title>\(HTMLText.escaped(title))</title>
    <style>
    \(HTMLStyle.css)
    </style>
    </head>
    <body>
    \(body)</body>
    </html>

    """
  }

  static func header(_ title: String, period: ReportPeriod, generatedAt: Instant, level: Int) -> String {
    let zone = period.zone
    return "<header>\n<h\(level)>\(HTMLText.escaped(title))</h\(level)>\n<p class=\"meta\">"
      + "\(time(period.from, zone)) to \(time(period.to, zone)) (\(HTMLText.escaped(zone.name))), "
      + "generated \(time(generatedAt, zone))</p>\n</header>\n"
  }

  static func time(_ instant: Instant, _ zone: ZoneRules) -> String {
    "<time datetime=\"\(instant)\">\(ReportFormat.localTime(instant, in: zone))</time>"
  }

  static func link(to anchor: String, _ text: String) -> String {
    "<li><a href=\"#\(anchor)\">\(HTMLText.escaped(text))</a></li>\n"
  }

  static func anchor(_ report: Report) -> String { "r-\(report.name)" }

  static func anchor(_ report: Report, _ section: ReportSection) -> String { "r-\(report.name)--\(section.key)" }

  static func render(_ section: ReportSection, of report: Report, heading level: Int) -> String {
    let id = anchor(report, section)
    var output = "<section class=\"part\" id=\"\(id)\">\n<h\(level)>\(HTMLText.escaped(section.title))</h\(level)>\n"
    if !section.definition.isEmpty {
      output += "<p class=\"definition\">\(HTMLText.escaped(section.definition))</p>\n"
    }
    if let chart = section.chart { output += SVGChart(section: section, chart: chart, id: "\(id)--chart").figure }
    output += table(section, zone: report.period.zone)
    return output + "</section>\n"
  }

  /// The section's data table; the first text column heads each row. Numeric cells carry
  /// their exact value in `data-value` (counts, seconds) or `data-numerator` and
  /// `data-denominator` (percentages).
  static func table(_ section: ReportSection, zone: ZoneRules) -> String {
    var output = "<div class=\"scroll\"><table data-section=\"\(section.key)\">\n"
    output += "<caption>\(HTMLText.escaped(section.title))</caption>\n<thead><tr>"
    for column in section.columns {
      output += "<th scope=\"col\" data-column=\"\(column.key)\"\(classAttribute(column.kind))>"
      output += "\(HTMLText.escaped(column.label))</th>"
    }
    output += "</tr></thead>\n<tbody>\n"
    let rowHeader = section.columns.firstIndex { $0.kind == .text }
    if section.rows.isEmpty {
      output += "<tr><td class=\"none\" colspan=\"\(section.columns.count)\">none in this period</td></tr>\n"
    }
    for row in section.rows {
      output += "<tr>"
      for (index, (cell, column)) in zip(row, section.columns).enumerated() {
        let element = index == rowHeader ? "th scope=\"row\"" : "td"
        let text = HTMLText.escaped(ReportFormat.text(cell, kind: column.kind, zone: zone))
        output += "<\(element)\(classAttribute(column.kind))\(dataAttributes(cell))>"
        output += "\(text)</\(element.prefix(2))>"
      }
      output += "</tr>\n"
    }
    return output + "</tbody></table></div>\n"
  }

  /// Numbers align right; times do not wrap.
  static func classAttribute(_ kind: ReportColumnKind) -> String {
    kind.isNumeric ? " class=\"num\"" : kind == .instant ? " class=\"time\"" : ""
  }

  static func dataAttributes(_ cell: ReportCell) -> String {
    switch cell {
    case .count(let value), .duration(let value): " data-value=\"\(value)\""
    case .percentage(let numerator, let denominator):
      " data-numerator=\"\(numerator)\" data-denominator=\"\(denominator)\""
    case .instant(let instant): " data-value=\"\(instant)\""
    case .text, .empty: ""
    }
  }
}
