import DCMCReports
import Foundation
import Testing

/// The HTML page parsed as XML: self-contained, accessible, and every chart drawing exactly
/// the figures of the table that follows it.
@Suite struct HTMLPageTests {
  static let pages = [HTMLRenderer.render(SampleReports.cases), HTMLRenderer.render(SampleReports.dashboard)]

  @Test(arguments: pages) func pageIsWellFormedAndSelfContained(page: String) throws {
    let root = try XMLTree.parse(page)
    #expect(root.name == "html")
    for banned in ["http:", "https:", "//", "<script", "src=", "url(", "@import"] { #expect(!page.contains(banned)) }
    let ids = Set(root.all.compactMap { $0.attributes["id"] })
    #expect(ids.count == root.all.compactMap { $0.attributes["id"] }.count)
    for link in root.all.compactMap({ $0.attributes["href"] }) {
      #expect(link.hasPrefix("#") && ids.contains(String(link.dropFirst())), "link \(link)")
    }
    #expect(root.elements("meta").contains { $0.attributes["name"] == "viewport" })
    #expect(root.elements("style").first?.allText.contains("@media print") == true)
  }

  @Test(arguments: pages) func everyChartIsNamedAndFollowedByItsTable(page: String) throws {
    let sections = try XMLTree.parse(page).elements("section").filter { $0.attributes["class"] == "part" }
    #expect(!sections.isEmpty)
    for section in sections {
      let children = section.all
      guard let svg = children.first(where: { $0.name == "svg" }) else { continue }
      #expect(svg.attributes["role"] == "img")
      let names = try #require(svg.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
      #expect(names.count == 2)
      #expect(svg.children.first { $0.name == "title" }?.attributes["id"] == names.first)
      #expect(svg.children.first { $0.name == "desc" }?.attributes["id"] == names.last)
      #expect(svg.attributes["viewBox"] != nil)
      let svgIndex = try #require(children.firstIndex { $0 === svg })
      #expect(children[svgIndex...].contains { $0.name == "table" })
      #expect(section.elements("caption").count == 1)
    }
  }

  /// Each mark's figure equals the table's cell in its row and column, and bar lengths are
  /// proportional to the figures.
  @Test(arguments: pages) func chartsDrawTheirTablesFigures(page: String) throws {
    var checkedMarks = 0
    for section in try XMLTree.parse(page).elements("section") where section.attributes["class"] == "part" {
      guard let svg = section.elements("svg").first else { continue }
      let table = try #require(section.elements("table").first)
      let keys = table.elements("th").compactMap { $0.attributes["data-column"] }
      let rows = try #require(table.elements("tbody").first).children.map(\.children)
      let groups = svg.children.filter { $0.attributes["data-row"] != nil }
      var lengths: [(value: Double, width: Double)] = []
      for group in groups {
        let row = try #require(group.attributes["data-row"].flatMap { Int($0) })
        for mark in group.elements("rect") where mark.attributes["data-column"] != nil {
          let column = try #require(keys.firstIndex { $0 == mark.attributes["data-column"] })
          let cell = rows[row][column]
          for attribute in ["data-value", "data-numerator", "data-denominator"] {
            #expect(mark.attributes[attribute] == cell.attributes[attribute])
          }
          let width = try #require(mark.attributes["width"].flatMap { Double($0) })
          if let value = mark.attributes["data-value"].flatMap(Double.init) { lengths.append((value, width)) }
          checkedMarks += 1
        }
      }
      if let longest = lengths.max(by: { $0.value < $1.value }), longest.value > 0 {
        // Lengths are written to 0.01: each is its value at the longest bar's scale, to that precision.
        #expect(lengths.allSatisfy { abs($0.width - $0.value * longest.width / longest.value) <= 0.006 })
      }
      let bins = svg.children.filter { $0.attributes["data-lower"] != nil }
      for bin in bins {
        let cells = rows[try #require(bin.attributes["data-row"].flatMap { Int($0) })]
        #expect(bin.attributes["data-lower"] == cells[0].attributes["data-value"])
        #expect(bin.attributes["data-upper"] == cells[1].attributes["data-value"])
        #expect(bin.attributes["data-value"] == cells[2].attributes["data-value"])
        checkedMarks += 1
      }
      #expect(bins.isEmpty || bins.count == rows.count)
      let drawnMarkers = svg.children.compactMap { $0.attributes["data-marker"] }
      let listedMarkers = section.elements("span").compactMap { $0.attributes["data-marker"] }
      #expect(drawnMarkers == listedMarkers)
    }
    #expect(checkedMarks >= 20)
  }

  @Test func percentBarsDrawNothingForNoCases() throws {
    let svg = try #require(try XMLTree.parse(HTMLRenderer.render(SampleReports.sla)).elements("svg").first)
    let bars = svg.elements("rect").filter { $0.attributes["data-denominator"] != nil }
    #expect(bars.map { $0.attributes["data-denominator"] } == ["96", "2", "5"])
    let track = try #require(svg.elements("rect").first { $0.attributes["class"] == "track" }?.attributes["width"])
    let full = try #require(Double(track))
    #expect(bars.map { $0.attributes["width"].flatMap(Double.init) } == [0.875 * full, full, 0])
    #expect(svg.allText.contains("—"))
  }

  @Test func textIsEscapedAndReadsBackWhole() throws {
    let root = try XMLTree.parse(HTMLRenderer.render(SampleReports.cases))
    let headers = root.elements("th").filter { $0.attributes["scope"] == "row" }.map(\.allText)
    #expect(headers.contains(SampleReports.awkward))
    #expect(headers.contains(SampleReports.long))
    #expect(root.elements("td").contains { $0.attributes["class"] == "none" })
  }
}
