extension SVGChart {
  /// Vertical bars over a duration axis, one per bin row, with dashed lines at the markers
  /// (labelled at the top) and the markers' figures repeated under the chart.
  func histogramChart(_ histogram: HistogramChart) -> String {
    guard let lowerIndex = section.columnIndex(histogram.lowerColumn),
      let upperIndex = section.columnIndex(histogram.upperColumn),
      let countIndex = section.columnIndex(histogram.countColumn)
    else { return "" }
    let clock = section.columns[lowerIndex].kind.clock ?? .wallClock
    let bins: [(row: Int, lower: Int64, upper: Int64, count: Int64)] = section.rows.enumerated().compactMap {
      row, cells in
      guard case .duration(let lower) = cells[lowerIndex], case .duration(let upper) = cells[upperIndex],
        case .count(let count) = cells[countIndex]
      else { return nil }
      return (row, lower, upper, count)
    }
    guard let low = bins.map(\.lower).min(), let high = bins.map(\.upper).max(), high > low else { return "" }
    let (left, top, plotHeight) = (44.0, 16 + 12 * Double(histogram.markers.count), 140.0)
    let plotWidth = Self.width - left - 16
    let bottom = top + plotHeight
    func x(_ seconds: Int64) -> Double {
      left + Double(min(max(seconds, low), high) - low) / Double(high - low) * plotWidth
    }
    let highest = bins.map(\.count).max() ?? 0
    var svg = svgStart(
      height: bottom + 24,
      description: "Histogram of \(section.columns[countIndex].label.lowercased()) by "
        + "\(section.columns[lowerIndex].label.lowercased())"
        + histogram.markers.map { ", \($0.label) marked at \(ReportFormat.duration($0.seconds, clock: clock))" }
        .joined()
        + "; the table below lists the same figures")
    svg +=
      "<text x=\"\(HTMLText.length(left - 4))\" y=\"\(HTMLText.length(top + 4))\" text-anchor=\"end\">"
      + "\(highest)</text><text x=\"\(HTMLText.length(left - 4))\" y=\"\(HTMLText.length(bottom))\" "
      + "text-anchor=\"end\">0</text>\n"
    let step = max(1, Int((56 / (plotWidth / Double(bins.count))).rounded(.up)))
    for (index, bin) in bins.enumerated() {
      let height = highest > 0 ? Double(bin.count) / Double(highest) * plotHeight : 0
      let (start, end) = (x(bin.lower), x(bin.upper))
      svg +=
        "<rect class=\"s0\" x=\"\(HTMLText.length(start + 1))\" y=\"\(HTMLText.length(bottom - height))\" "
        + "width=\"\(HTMLText.length(max(end - start - 2, 0)))\" height=\"\(HTMLText.length(height))\" "
        + "data-row=\"\(bin.row)\" data-lower=\"\(bin.lower)\" data-upper=\"\(bin.upper)\" data-value=\"\(bin.count)\">"
        + "<title>\(ReportFormat.duration(bin.lower, clock: clock)) to \(ReportFormat.duration(bin.upper, clock: clock))"
        + ": \(bin.count)</title></rect>\n"
      if index % step == 0 { svg += tick(at: start, bottom, ReportFormat.edge(bin.lower, clock: clock)) }
    }
    if bins.count % step == 0 { svg += tick(at: x(high), bottom, ReportFormat.edge(high, clock: clock)) }
    svg +=
      "<line class=\"axis\" x1=\"\(HTMLText.length(left))\" y1=\"\(HTMLText.length(bottom))\" "
      + "x2=\"\(HTMLText.length(left + plotWidth))\" y2=\"\(HTMLText.length(bottom))\"/>\n"
    for (index, marker) in histogram.markers.enumerated() {
      let position = x(marker.seconds)
      let anchor = position > left + plotWidth / 2 ? "end" : "start"
      let shift = anchor == "end" ? -3.0 : 3.0
      let text = "\(marker.label) \(ReportFormat.duration(marker.seconds, clock: clock))"
      svg +=
        "<g data-marker=\"\(HTMLText.escaped(marker.label))\" data-value=\"\(marker.seconds)\">"
        + "<line class=\"marker\" x1=\"\(HTMLText.length(position))\" y1=\"\(HTMLText.length(4 + 12 * Double(index)))\" "
        + "x2=\"\(HTMLText.length(position))\" y2=\"\(HTMLText.length(bottom))\"/>"
        + "<text x=\"\(HTMLText.length(position + shift))\" y=\"\(HTMLText.length(12 + 12 * Double(index)))\" "
        + "text-anchor=\"\(anchor)\">\(HTMLText.escaped(text))</text></g>\n"
    }
    svg += "</svg>\n"
    guard !histogram.markers.isEmpty else { return svg }
    let markers = histogram.markers.map {
      "<span data-marker=\"\(HTMLText.escaped($0.label))\" data-value=\"\($0.seconds)\">"
        + "\(HTMLText.escaped($0.label)): \(ReportFormat.duration($0.seconds, clock: clock))</span>"
    }
    return svg + "<p class=\"markers\">" + markers.joined(separator: ", ") + "</p>\n"
  }

  private func tick(at x: Double, _ bottom: Double, _ text: String) -> String {
    "<text x=\"\(HTMLText.length(x))\" y=\"\(HTMLText.length(bottom + 16))\" text-anchor=\"middle\">"
      + "\(HTMLText.escaped(text))</text>\n"
  }
}
