/// One section's chart as an inline SVG figure, drawn from the section's rows. Every mark
/// carries the figure it draws (`data-row`, `data-column`, `data-value`, and for percentages
/// `data-numerator` and `data-denominator`), so tests check a chart against its table.
struct SVGChart {
  let section: ReportSection
  let chart: ReportChart
  /// The figure's id; its title and description are `id-title` and `id-desc`.
  let id: String

  static let width = 400.0
  static let labelWidth = 124.0
  static let valueWidth = 78.0
  static var plotWidth: Double { width - labelWidth - valueWidth }
  static let labelCharacters = 17

  var figure: String {
    switch chart {
    case .bars(let bars):
      guard !section.rows.isEmpty else { return "" }
      return "<figure>\n" + legend(bars) + barChart(bars) + "</figure>\n"
    case .percentBars(let bars):
      guard !section.rows.isEmpty else { return "" }
      return "<figure>\n" + percentChart(bars) + "</figure>\n"
    case .histogram(let histogram):
      guard !section.rows.isEmpty else { return "" }
      return "<figure>\n" + histogramChart(histogram) + "</figure>\n"
    }
  }

  /// The `<svg>` start tag with its accessible name, and the `<title>` and `<desc>`.
  func svgStart(height: Double, description: String) -> String {
    "<svg role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\" viewBox=\"0 0 \(HTMLText.length(Self.width)) "
      + "\(HTMLText.length(height))\" width=\"\(HTMLText.length(Self.width))\" height=\"\(HTMLText.length(height))\">\n"
      + "<title id=\"\(id)-title\">\(HTMLText.escaped(section.title))</title>\n"
      + "<desc id=\"\(id)-desc\">\(HTMLText.escaped(description))</desc>\n"
  }

  func label(row: Int, column: Int) -> String {
    if case .text(let text) = section.rows[row][column] { text } else { "—" }
  }

  func text(_ value: Int64, column: ReportColumn) -> String {
    column.kind.clock.map { ReportFormat.duration(value, clock: $0) } ?? String(value)
  }

  func legend(_ bars: BarChart) -> String {
    guard bars.valueColumns.count > 1 else { return "" }
    let items = bars.valueColumns.enumerated().map { series, key in
      "<li><span class=\"swatch s\(series % 4)\"></span>"
        + "\(HTMLText.escaped(section.columnIndex(key).map { section.columns[$0].label } ?? key))</li>"
    }
    return "<ul class=\"legend\">" + items.joined() + "</ul>\n"
  }

  func barChart(_ bars: BarChart) -> String {
    guard let labelIndex = section.columnIndex(bars.labelColumn) else { return "" }
    let columns = bars.valueColumns.compactMap { section.columnIndex($0) }
    let stacked = bars.layout == .stacked
    let values = section.rows.map { row in columns.map { row[$0].chartValue } }
    let scale =
      stacked
      ? values.map { $0.reduce(0) { $0 + ($1 ?? 0) } }.max() ?? 0 : values.flatMap { $0.compactMap { $0 } }.max() ?? 0
    let barHeight = stacked ? 16.0 : 12.0
    let groupHeight = stacked ? barHeight : Double(columns.count) * (barHeight + 2) - 2
    let rowHeight = groupHeight + 8
    let height = 8 + Double(section.rows.count) * rowHeight
    let seriesNames = columns.map { section.columns[$0].label }.joined(separator: ", ")
    var svg = svgStart(
      height: height,
      description: "\(stacked ? "Stacked bars" : "Bars") of \(seriesNames) for each "
        + "\(section.columns[labelIndex].label.lowercased()); the table below lists the same figures")
    for (row, rowValues) in values.enumerated() {
      let top = 8 + Double(row) * rowHeight
      let name = label(row: row, column: labelIndex)
      svg += "<g data-row=\"\(row)\"><title>\(HTMLText.escaped(name))</title>\n"
      svg +=
        "<text x=\"\(HTMLText.length(Self.labelWidth - 6))\" y=\"\(HTMLText.length(top + groupHeight / 2 + 4))\" "
        + "text-anchor=\"end\">\(HTMLText.escaped(HTMLText.shortened(name, to: Self.labelCharacters)))</text>\n"
      var x = Self.labelWidth
      for (series, value) in rowValues.enumerated() {
        let column = section.columns[columns[series]]
        let y = stacked ? top : top + Double(series) * (barHeight + 2)
        let length = scale > 0 ? Double(value ?? 0) / Double(scale) * Self.plotWidth : 0
        if let value {
          svg +=
            "<rect class=\"s\(series % 4)\" x=\"\(HTMLText.length(x))\" y=\"\(HTMLText.length(y))\" "
            + "width=\"\(HTMLText.length(length))\" height=\"\(HTMLText.length(barHeight))\" "
            + "data-column=\"\(column.key)\" data-value=\"\(value)\"/>\n"
        }
        if stacked {
          x += length
        } else {
          svg += valueText(value.map { text($0, column: column) } ?? "—", x: x + length, y: y + barHeight - 2)
        }
      }
      if stacked {
        let total = rowValues.reduce(Int64(0)) { $0 + ($1 ?? 0) }
        svg += valueText(text(total, column: section.columns[columns[0]]), x: x, y: top + barHeight - 3)
      }
      svg += "</g>\n"
    }
    svg += axis(from: 4, to: height - 4)
    return svg + "</svg>\n"
  }

  func percentChart(_ bars: PercentBarChart) -> String {
    guard let labelIndex = section.columnIndex(bars.labelColumn), let column = section.columnIndex(bars.valueColumn)
    else { return "" }
    let rowHeight = 22.0
    let plotBottom = 8 + Double(section.rows.count) * rowHeight
    var svg = svgStart(
      height: plotBottom + 18,
      description: "Bars of \(section.columns[column].label) from 0 to 100 % for each "
        + "\(section.columns[labelIndex].label.lowercased()); the table below lists the same figures")
    for tick in [0.0, 50, 100] {
      let x = HTMLText.length(Self.labelWidth + tick / 100 * Self.plotWidth)
      svg +=
        "<line class=\"grid\" x1=\"\(x)\" y1=\"4\" x2=\"\(x)\" y2=\"\(HTMLText.length(plotBottom))\"/>"
        + "<text x=\"\(x)\" y=\"\(HTMLText.length(plotBottom + 14))\" text-anchor=\"middle\">\(Int(tick))%</text>\n"
    }
    for (row, cells) in section.rows.enumerated() {
      let top = 8 + Double(row) * rowHeight
      let name = label(row: row, column: labelIndex)
      svg += "<g data-row=\"\(row)\"><title>\(HTMLText.escaped(name))</title>\n"
      svg +=
        "<text x=\"\(HTMLText.length(Self.labelWidth - 6))\" y=\"\(HTMLText.length(top + 12))\" "
        + "text-anchor=\"end\">\(HTMLText.escaped(HTMLText.shortened(name, to: Self.labelCharacters)))</text>\n"
      svg +=
        "<rect class=\"track\" x=\"\(HTMLText.length(Self.labelWidth))\" y=\"\(HTMLText.length(top))\" "
        + "width=\"\(HTMLText.length(Self.plotWidth))\" height=\"16\"/>\n"
      if case .percentage(let numerator, let denominator) = cells[column],
        let permille = ReportFormat.permille(numerator, of: denominator)
      {
        let length = Double(min(max(permille, 0), 1000)) / 1000 * Self.plotWidth
        svg +=
          "<rect class=\"s0\" x=\"\(HTMLText.length(Self.labelWidth))\" y=\"\(HTMLText.length(top))\" "
          + "width=\"\(HTMLText.length(length))\" height=\"16\" data-column=\"\(section.columns[column].key)\" "
          + "data-numerator=\"\(numerator)\" data-denominator=\"\(denominator)\"/>\n"
      }
      let shown = ReportFormat.text(cells[column], kind: .percentage, zone: .utc)
      svg += valueText(shown, x: Self.labelWidth + Self.plotWidth, y: top + 12) + "</g>\n"
    }
    return svg + "</svg>\n"
  }

  func valueText(_ text: String, x: Double, y: Double) -> String {
    "<text class=\"value\" x=\"\(HTMLText.length(x + 4))\" y=\"\(HTMLText.length(y))\">\(HTMLText.escaped(text))</text>\n"
  }

  func axis(from top: Double, to bottom: Double) -> String {
    let x = HTMLText.length(Self.labelWidth)
    return
      "<line class=\"axis\" x1=\"\(x)\" y1=\"\(HTMLText.length(top))\" x2=\"\(x)\" y2=\"\(HTMLText.length(bottom))\"/>\n"
  }
}
