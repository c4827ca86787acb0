import DCMCReports
import Foundation
import Testing
import _DCMCTestSupport

/// Each renderer's output for the sample report and dashboard, compared with
/// `Golden/{cases,dashboard}.{txt,csv,json,html}`. `DCMC_RECORD=1` rewrites them.
@Suite struct RendererGoldenTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

  static func rendered(_ format: String, dashboard: Bool) -> String {
    let (report, board) = (SampleReports.cases, SampleReports.dashboard)
    switch format {
    case "txt": return dashboard ? TableRenderer.render(board) : TableRenderer.render(report)
    case "csv": return dashboard ? CSVRenderer.render(board) : CSVRenderer.render(report)
    case "json":
      return String(decoding: dashboard ? JSONRenderer.render(board) : JSONRenderer.render(report), as: UTF8.self)
    default: return dashboard ? HTMLRenderer.render(board) : HTMLRenderer.render(report)
    }
  }

  @Test("each format of the sample report and dashboard matches its golden file",
    arguments: ["txt", "csv", "json", "html"], [false, true])
  func formatMatchesGolden(format: String, dashboard: Bool) throws {
    let actual = Self.rendered(format, dashboard: dashboard)
    let url = Self.folder.appendingPathComponent("\(dashboard ? "dashboard" : "cases").\(format)")
    #expect(actual == (try Golden.expected(at: url, actual: actual)))
  }

  @Test func jsonKeepsExactFiguresAndMarksMissingPercentagesNull() throws {
    let object = try JSONSerialization.jsonObject(with: Data(JSONRenderer.render(SampleReports.cases)))
    let sections = try #require((object as? [String: Any])?["sections"] as? [[String: Any]])
    let rows = try #require(sections.first?["rows"] as? [[String: Any]])
    let met = try #require(rows[0]["sla_met"] as? [String: Any])
    #expect(met["numerator"] as? Int == 84 && met["denominator"] as? Int == 96)
    #expect(met["percent"] as? Double == 87.5)
    let none = try #require(rows[1]["sla_met"] as? [String: Any])
    #expect(none["percent"] is NSNull && none["denominator"] as? Int == 0)
    #expect(rows[0]["mean_business"] as? Int == 11_100)
    #expect(rows[1]["mean_business"] is NSNull)
    #expect(rows[0]["last_closed"] as? String == "2026-03-31T12:30:00Z")
    #expect(rows[1]["type"] as? String == SampleReports.awkward)
  }

  @Test func csvSectionsAreRFC4180DocumentsWithOneFieldPerColumn() throws {
    let report = SampleReports.cases
    let documents = CSVRenderer.documents(report)
    #expect(documents.map(\.section) == report.sections.map(\.key))
    for (document, section) in zip(documents, report.sections) {
      let records = try CSVReader.records(document.text)
      #expect(records.first == ["section"] + section.columns.map(\.key))
      #expect(records.count == section.rows.count + 1)
      #expect(records.dropFirst().allSatisfy { $0.count == section.columns.count + 1 && $0[0] == section.key })
    }
    let perType = try CSVReader.records(documents[0].text)
    #expect(perType[2][1] == SampleReports.awkward && perType[3][1] == SampleReports.long)
    #expect(perType[1][5] == "87.5" && perType[2][5] == "" && perType[3][5] == "33.3")
    #expect(perType[1][8] == "2026-03-31T14:30:00+02:00" && perType[2][8] == "")
  }
}

/// A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes.
enum CSVReader {
  struct Malformed: Error {}

  static func records(_ text: String) throws -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var scalars = Array(text.unicodeScalars)[...]
    while let first = scalars.first {
      if first == "\"" && field.isEmpty {
        scalars.removeFirst()
        while true {
          guard let next = scalars.popFirst() else { throw Malformed() }
          if next == "\"" {
            if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { break }
          } else {
            field.unicodeScalars.append(next)
          }
        }
        continue
      }
      scalars.removeFirst()
      if first == "," {
        record.append(field)
        field = ""
      } else if first == "\r" {
        guard scalars.popFirst() == "\n" else { throw Malformed() }
        record.append(field)
        records.append(record)
        (record, field) = ([], "")
      } else {
        guard first != "\n" else { throw Malformed() }
        field.unicodeScalars.append(first)
      }
    }
    guard record.isEmpty && field.isEmpty else { throw Malformed() }
    return records
  }
}
