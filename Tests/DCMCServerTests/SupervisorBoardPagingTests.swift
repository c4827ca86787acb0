import DCMCApplication
import Foundation
import DCMCServer
import Testing
import _DCMCTestSupport

/// The supervisor's board pages its lists as the case list does (a cursor, `limit`, a next
/// link): before 6 December 2026 it listed every task of its workbins at once (2,000 tasks:
/// 658 KB). The counts per workbin stay whole.
@Suite struct SupervisorBoardPagingTests {
  /// The query of a link's `href` (`/supervisor?list=...&after=...#id`).
  static func query(of href: String) -> [String: String] {
    let text = href.split(separator: "#").first.map(String.init) ?? href
    guard let question = text.firstIndex(of: "?") else { return [:] }
    var query: [String: String] = [:]
    for pair in text[text.index(after: question)...].split(separator: "&") {
      let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
      if parts.count == 2 { query[parts[0]] = parts[1].removingPercentEncoding ?? parts[1] }
    }
    return query
  }

  @Test func aWorkbinsTasksArePagedByANextLinkWithTheCountsWhole() throws {
    let harness = try SupervisorHarness()
    var made: Set<String> = []
    for minute in 1...45 { made.insert(try harness.technical(minutes: minute).id) }
    let sam = try harness.signIn()
    var query = ["limit": "20"]
    var seen: [String] = []
    var captions: [String] = []
    // Bounded: three pages of 20 and one more turn to see none is left.
    for _ in 0..<4 {
      let response = harness.get("/supervisor", as: sam, query: query)
      #expect(response.status == 200)
      let document = try PagesHarness.document(response)
      let summary = try #require(document.element(id: "workbins-summary"))
      let employees = summary.all.filter { $0.name == "tr" }.first { $0.text.contains("Employees") }
      #expect(employees?.all.filter { $0.name == "td" }.first?.text == "45", "the count is the workbin's whole")
      let table = try #require(document.element(id: "workbin-employees_group"))
      captions.append(table.all.first { $0.name == "caption" }?.text ?? "")
      // Each row's task id, beside its name (`.ref`).
      let rows = table.all.filter { $0.name == "th" && $0["scope"] == "row" }.map {
        $0.all.first { $0["class"] == "ref" }?.text ?? ""
      }
      seen += rows.map { String($0.split(separator: ".").first ?? "") }
      // The at-risk list is paged on its own: its first page whatever the workbin's is.
      let late = try #require(document.element(id: "late-tasks"))
      #expect(late.all.first { $0.name == "caption" }?.text == "At risk or breached: 45 tasks, 1 to 20 shown")
      let next = document.elements("a").first {
        $0["rel"] == "next" && ($0["href"] ?? "").contains("list=workbin-employees_group")
      }
      guard let href = next?["href"] else { break }
      #expect(href.hasSuffix("#workbin-employees_group"))
      query = Self.query(of: href)
    }
    #expect(
      captions == [
        "Employees: 45 tasks, 1 to 20 shown", "Employees: 45 tasks, 21 to 40 shown", "Employees: 45 tasks, 41 to 45 shown",
      ])
    #expect(seen.count == 45 && Set(seen) == made, "each task once, none skipped")
  }

  @Test func aLimitOrCursorThatIsNoneIsRefusedWithWhy() throws {
    let harness = try SupervisorHarness()
    let made = try harness.technical()
    let sam = try harness.signIn()
    for (query, reason) in [
      (["limit": "0"], "'limit' takes a whole number of tasks from 1 to 500"),
      (["limit": "ten"], "'limit' takes a whole number of tasks from 1 to 500"),
      (["list": "late-tasks", "after": "p50.x"], "'after' is not a place in a list of this board (take it from a Next link)"),
      (["after": TaskPosition(made.tasks[0]).cursor], "'after' is not a place in a list of this board (take it from a Next link)"),
      (["list": "workbin-nobody"], "There is no list 'workbin-nobody' on your board"),
    ] {
      let response = harness.get("/supervisor", as: sam, query: query)
      #expect(response.status == 400, "\(query)")
      let document = try PagesHarness.document(response)
      #expect(document.root.all.first { $0["role"] == "alert" }?.text == reason, "\(query)")
    }
  }

  @Test func aTaskPositionsCursorReadsBackAsItself() throws {
    let harness = try SupervisorHarness()
    let state = try harness.technical()
    let position = TaskPosition(state.tasks[0])
    #expect(TaskPosition(cursor: position.cursor) == position)
    for text in ["", "p", "p1.2", "x1.-.1.41", "s99999999999999.1.41", "p1.-.1.4"] {
      #expect(TaskPosition(cursor: text) == nil, "\(text)")
    }
  }
}
