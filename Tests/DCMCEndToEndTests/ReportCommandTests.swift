import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc report` through the built binary, on the worked example of docs/reports.md: the
/// store its lines make, the outputs it quotes, a golden file per report and format, `-o`,
/// and every kind of bad input. `DCMC_RECORD=1` rewrites the golden files.
@Suite struct ReportCommandTests {
  static let docs = BinaryRunner.repositoryRoot.appendingPathComponent("docs/reports.md")
  static let golden = BinaryRunner.repositoryRoot.appendingPathComponent("Tests/DCMCEndToEndTests/Golden/reports")
  /// The period, zone and instant of the goldens.
  static let common = [
    "--from", "2026-03-01", "--to", "2026-04-01", "--zone", "Europe/Brussels", "--at", "2026-03-05T12:00:00Z",
  ]

  /// The fenced block after each `<!-- worked-example: ARGS -->` of the docs, by ARGS.
  static func examples() throws -> [(arguments: String, block: String)] {
    let text = try String(contentsOf: docs, encoding: .utf8)
    let marker = "<!-- worked-example: "
    return text.components(separatedBy: marker).dropFirst().map { part in
      let arguments = String(part.prefix { $0 != "\n" }.dropLast(" -->".count))
      let afterFence = part.components(separatedBy: "```").dropFirst().first ?? ""
      let block = afterFence.drop { $0 != "\n" }.dropFirst()
      return (arguments, String(block))
    }
  }

  /// A store made by the docs' worked-example lines.
  static func store() throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    let store = directory.url.appendingPathComponent("store").path
    let lines = try #require(try examples().first { $0.arguments == "store" }?.block).split(separator: "\n")
    #expect(lines.count == 15)
    for line in lines {
      let words = line.split(separator: " ").map(String.init).dropFirst()
      let result = try BinaryRunner.run(Array(words) + ["--store", store])
      #expect(result.status == 0, "\(line): \(result.stderr)")
    }
    return directory
  }

  static func report(_ arguments: [String], in directory: TemporaryDirectory) throws -> BinaryRunner.Output {
    try BinaryRunner.run(["report"] + arguments + ["--store", directory.url.appendingPathComponent("store").path])
  }

  @Test("the worked example's outputs in docs/reports.md are the command's")
  func workedExampleMatchesTheDocs() throws {
    let directory = try Self.store()
    defer { directory.remove() }
    let reports = try Self.examples().filter { $0.arguments.hasPrefix("report ") }
    #expect(reports.count == 4)
    for (arguments, block) in reports {
      let words = arguments.split(separator: " ").map(String.init).dropFirst()
      let result = try Self.report(Array(words), in: directory)
      #expect(result.status == 0, "\(result.stderr)")
      #expect(result.stdout.replacingOccurrences(of: "\r", with: "") == block, "\(arguments)")
    }
  }

  @Test("each report in table, CSV and JSON, and the dashboard in HTML, match their goldens; -o writes the same")
  func reportsMatchTheirGoldens() throws {
    let directory = try Self.store()
    defer { directory.remove() }
    let names = [
      "cases", "closure", "sla", "advisors", "escalations", "status-time", "workbins", "outcomes", "presence",
      "service-level", "dashboard",
    ]
    for name in names {
      for format in ["table", "csv", "json"] {
        let result = try Self.report([name, "--format", format] + Self.common, in: directory)
        #expect(result.status == 0 && result.stderr.isEmpty, "\(name) \(format): \(result.stderr)")
        let url = Self.golden.appendingPathComponent("\(name).\(format)")
        #expect(result.stdout == (try Golden.expected(at: url, actual: result.stdout)), "\(name).\(format)")
      }
    }
    let page = directory.url.appendingPathComponent("dashboard.html")
    let written = try Self.report(["dashboard", "--format", "html", "-o", page.path] + Self.common, in: directory)
    #expect(written.status == 0 && written.stdout.isEmpty)
    let printed = try Self.report(["dashboard", "--format", "html"] + Self.common, in: directory)
    #expect(try String(contentsOf: page, encoding: .utf8) == printed.stdout)
    let html = Self.golden.appendingPathComponent("dashboard.html")
    #expect(printed.stdout == (try Golden.expected(at: html, actual: printed.stdout)), "dashboard.html")
    #expect(printed.stdout.contains("<svg"))
    let json = try Self.report(["sla", "--json"] + Self.common, in: directory)
    #expect(json.stdout == (try Self.report(["sla", "--format", "json"] + Self.common, in: directory)).stdout)
  }

  @Test(
    "bad input is exit 2 with the valid values",
    arguments: [
      (["nope"], "unknown report 'nope'; the reports are cases, closure, sla, advisors"),
      (["cases", "--type", "claims"], "unknown case type 'claims'; the case types are address_change, complaint"),
      (["cases", "--target", "desk"], "unknown workbin 'desk'; the workbins are back_office_fr"),
      (["cases", "--zone", "Mars/Olympus"], "unknown zone 'Mars/Olympus'; the zones are the names"),
      // TZif files that are no zone, refused as definitions refuse them (right/ misread by an hour).
      (["cases", "--zone", "right/Europe/Brussels"], "unknown zone 'right/Europe/Brussels'; the zones are the names"),
      (["cases", "--zone", "localtime"], "unknown zone 'localtime'; the zones are the names"),
      (["cases", "--from", "2026-03-05", "--to", "2026-03-01"], "the period ends (2026-02-28T23:00:00Z) before"),
      (["cases", "--from", "2016-03-01", "--to", "2026-03-10"], "the period is 3661 days long; a report covers at most 3660 days"),
      (["cases", "--format", "pdf"], "unknown format 'pdf'; the formats are table, json, csv, html"),
      (["cases", "--json", "--format", "csv"], "--json and --format csv disagree"),
      (
        ["cases", "--from", "2026-13-01"],
        "invalid --from '2026-13-01'; write a day like 2026-03-01 or a time with an offset like 2026-03-02T09:00:00+01:00"
      ),
      (["cases", "--to", "tomorrow"], "invalid --to 'tomorrow'; write a day like 2026-03-01 or a time"),
      // The month of --to 0001-01-01 is December of year 0, which no date of dcmc is in.
      (["cases", "--to", "0001-01-01"], "without a start the period is the month its end falls in, which begins"),
      (["cases", "--from", "0001-01-01T00:00:00Z", "--zone", "America/New_York"], "the period starts before 0001-"),
    ])
  func badInput(arguments: [String], message: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    let zone = arguments.contains("--zone") ? [] : ["--zone", "Europe/Brussels"]
    let result = try Self.report(arguments + zone, in: directory)
    #expect(result.status == 2)
    #expect(result.stderr.hasPrefix("dcmc: " + message), "\(result.stderr)")
    #expect(result.stdout.isEmpty)
  }

  @Test(
    "without --from and --to the period is the month of --at; with one of them, that day's month",
    arguments: [
      ([String](), "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z"),
      (["--from", "2026-02-01"], "2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z"),
      (["--to", "2026-02-01"], "2025-12-31T23:00:00Z", "2026-01-31T23:00:00Z"),
      (["--from", "2026-03-02T10:00:00+01:00", "--to", "2026-03-03"], "2026-03-02T09:00:00Z", "2026-03-02T23:00:00Z"),
    ])
  func periodDefaults(arguments: [String], from: String, to: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    let result = try Self.report(
      ["sla", "--json", "--zone", "Europe/Brussels", "--at", "2026-03-05T12:00:00Z"] + arguments, in: directory)
    let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let period = try #require(json["period"] as? [String: Any])
    #expect(period["from"] as? String == from && period["to"] as? String == to, "\(arguments)")
  }

  @Test("an empty period gives zeros, not an error")
  func emptyPeriodGivesZeros() throws {
    let directory = try Self.store()
    defer { directory.remove() }
    let result = try Self.report(
      ["cases", "--format", "csv", "--from", "2026-02-01", "--to", "2026-02-01", "--type", "technical"], in: directory)
    #expect(result.status == 0)
    let header = "section,type,opened,closed,cancelled,escalated,now_open,now_in_progress,now_pending,now_escalated"
    #expect(result.stdout.hasPrefix(header + "\r\nper-type,technical,0,0,0,0,1,0,0,0\r\n"), "\(result.stdout)")
  }
}
