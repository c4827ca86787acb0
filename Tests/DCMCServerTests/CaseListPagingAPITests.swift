import DCMCApplication
import DCMCJSON
import DCMCServer
import Testing
import _DCMCTestSupport

/// `GET /api/v1/cases` answers a page (100 cases unless `limit` says otherwise, 1000 at most):
/// the body stays the array of `case list --json`, and `Link: <...>; rel="next"` names the
/// next page with the same query and its cursor.
@Suite struct CaseListPagingAPITests {
  /// The path and query of a `Link` header's `rel="next"` target.
  static func next(_ response: HTTPResponse) -> (path: String, query: [String: String])? {
    guard let link = response.header("Link"), link.hasPrefix("<"), link.hasSuffix(">; rel=\"next\""),
      let close = link.firstIndex(of: ">")
    else { return nil }
    let target = link[link.index(after: link.startIndex)..<close]
    let parts = target.split(separator: "?", maxSplits: 1)
    var query: [String: String] = [:]
    for pair in (parts.count > 1 ? parts[1] : "").split(separator: "&") {
      let halves = pair.split(separator: "=", maxSplits: 1).map(String.init)
      query[halves[0]] = (halves.count > 1 ? halves[1] : "").removingPercentEncodingForTest
    }
    return (String(parts[0]), query)
  }

  @Test func aLimitedListLinksItsNextPageUntilTheLast() throws {
    let harness = try APIHarness()
    var made: [String] = []
    for second in 0..<5 {
      made.append(try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: second).json?.text("id")))
    }
    var seen: [String] = []
    var query = ["limit": "2", "status": "open"]
    for _ in 0..<10 {
      let page = harness.send("GET", "/api/v1/cases", as: "bob", query: query)
      #expect(page.status == 200)
      let ids = page.json?.elements.compactMap { $0.text("id") } ?? []
      #expect(ids.count <= 2)
      seen += ids
      guard let next = Self.next(page.response) else { break }
      #expect(next.path == "/api/v1/cases")
      #expect(next.query["limit"] == "2" && next.query["status"] == "open")
      query = next.query
    }
    #expect(seen == made)
    // The last page is full and has no link: one case more was asked to know.
    let exact = harness.send("GET", "/api/v1/cases", as: "bob", query: ["limit": "5"])
    #expect(exact.json?.elements.count == 5 && exact.response.header("Link") == nil)
  }

  @Test func withoutALimitAPageHoldsAHundredCases() throws {
    let harness = try APIHarness()
    for second in 0...CaseFilter.defaultLimit {
      #expect(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: second).status == 201)
    }
    let first = harness.send("GET", "/api/v1/cases", as: "bob", at: 200)
    #expect(first.json?.elements.count == CaseFilter.defaultLimit)
    let next = try #require(Self.next(first.response))
    let rest = harness.send("GET", "/api/v1/cases", as: "bob", query: next.query, at: 200)
    #expect(rest.json?.elements.count == 1 && rest.response.header("Link") == nil)
  }

  @Test(arguments: [
    ["limit": "0"], ["limit": "1001"], ["limit": "ten"], ["limit": "-1"], ["after": "TEC-000001"],
    ["after": "1772438400.zz"],
  ])
  func aBadLimitOrCursorIs422(query: [String: String]) throws {
    let harness = try APIHarness()
    let answer = harness.send("GET", "/api/v1/cases", as: "bob", query: query)
    #expect(answer.status == 422 && answer.json?.text("code") == "invalid_input")
    #expect(answer.json?.text("detail")?.contains("'\(query.keys.first ?? "")'") == true)
  }
}

extension String {
  /// The text with `%XX` escapes decoded (the test's reading of a `Link` target).
  var removingPercentEncodingForTest: String {
    var bytes: [UInt8] = []
    var index = utf8.startIndex
    while index < utf8.endIndex {
      let byte = utf8[index]
      if byte == UInt8(ascii: "%"), let end = utf8.index(index, offsetBy: 3, limitedBy: utf8.endIndex),
        let value = UInt8(String(self[utf8.index(after: index)..<end]), radix: 16)
      {
        bytes.append(value)
        index = end
      } else {
        bytes.append(byte)
        index = utf8.index(after: index)
      }
    }
    return String(decoding: bytes, as: UTF8.self)
  }
}

/// `GET /api/v1/customers/{id}/cases` pages as `GET /api/v1/cases` does, newest first.
@Suite struct CustomerCasesPagingAPITests {
  @Test func aCustomersCasesArePagedNewestFirstWithTheNextPageLinked() throws {
    let harness = try APIHarness()
    var made: [String] = []
    var customer = ""
    for second in 0..<5 {
      let created = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice", at: second).json)
      made.append(try #require(created.text("id")))
      customer = try #require(created.text("customer"))
    }
    let path = "/api/v1/customers/\(customer)/cases"
    var seen: [String] = []
    var query = ["limit": "2"]
    for _ in 0..<10 {
      let page = harness.send("GET", path, as: "bob", query: query, at: 10)
      #expect(page.status == 200)
      let ids = page.json?.elements.compactMap { $0.text("id") } ?? []
      #expect(ids.count <= 2)
      seen += ids
      guard let next = CaseListPagingAPITests.next(page.response) else { break }
      #expect(next.path == path && next.query["limit"] == "2")
      query = next.query
    }
    #expect(seen == made.reversed())
    // Without a limit, all five on one page and no link; a cursor past the oldest: none older.
    let all = harness.send("GET", path, as: "bob", at: 10)
    #expect(all.json?.elements.count == 5 && all.response.header("Link") == nil)
    // The cursor of the oldest case: `GET /api/v1/cases` (oldest first) links past it. The
    // service answers it with no case (it gave the last page, which this route filtered away).
    let oldestFirst = harness.send("GET", "/api/v1/cases", as: "bob", query: ["limit": "1"], at: 10)
    let pastTheEnd = try #require(CaseListPagingAPITests.next(oldestFirst.response))
    let none = harness.send("GET", path, as: "bob", query: ["after": try #require(pastTheEnd.query["after"])], at: 10)
    #expect(none.status == 200 && none.json?.elements.count == 0 && none.response.header("Link") == nil)
    let bad = harness.send("GET", path, as: "bob", query: ["after": "TEC-000001"], at: 10)
    #expect(bad.status == 422 && bad.json?.text("code") == "invalid_input")
  }
}
