@testable import DCMCServer
import Foundation
import Testing

/// A template matches a path segment by segment, `{name}` any non-empty segment: the walk in
/// place (`Routing.match`) gives what splitting both at every `/` gives, for every template of
/// the API and paths near each.
@Suite struct RoutingTests {
  /// The reference: both split at every `/`, the segments compared pairwise.
  static func reference(_ template: String, _ path: String) -> [String: String]? {
    let patterns = template.split(separator: "/", omittingEmptySubsequences: false)
    let segments = path.split(separator: "/", omittingEmptySubsequences: false)
    guard patterns.count == segments.count else { return nil }
    var parameters: [String: String] = [:]
    for (pattern, segment) in zip(patterns, segments) {
      if pattern.hasPrefix("{") {
        guard !segment.isEmpty else { return nil }
        parameters[String(pattern.dropFirst().dropLast())] = HTTPRequest.decodingSlashes(String(segment))
      } else if pattern != segment {
        return nil
      }
    }
    return parameters
  }

  /// Paths near `template`: its parameters filled, emptied, with a segment more or less, a
  /// trailing or doubled `/`, another literal.
  static func paths(near template: String) -> [String] {
    let filled = template.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("{") ? "TEC-000001" : String($0) }.joined(separator: "/")
    let emptied = template.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.hasPrefix("{") ? "" : String($0) }.joined(separator: "/")
    return [
      filled, emptied, filled + "/", filled + "/x", "/" + filled, filled.replacingOccurrences(of: "/", with: "//"),
      String(filled.dropLast()), String(filled.dropFirst()), filled.uppercased(), "", "/", "//",
      filled + "é", "/api/v1", "/api/v1/cases/TEC-000001/tasks/TEC-000001.1/complete",
    ]
  }

  @Test func theWalkInPlaceMatchesAsSplittingDoes() {
    let templates = APIRoutes.all.map(\.template) + ["", "/", "{a}", "/{a}/{b}", "/x/{a}/y"]
    var compared = 0
    for template in templates {
      for path in templates.flatMap({ Self.paths(near: $0) }) {
        #expect(Routing<Int>.match(template, path) == Self.reference(template, path), "\(template) \(path)")
        compared += 1
      }
    }
    #expect(compared > 10_000)
  }

  /// `/api/v1/tasks/next` matches `POST /api/v1/tasks/next` and `PATCH /api/v1/tasks/{id}`:
  /// the template with more literal segments routes it alone, so a PATCH of it is 405 with
  /// `Allow: POST, OPTIONS`, never `task set` on a task called `next`.
  @Test func theTemplateWithMoreLiteralSegmentsAloneRoutesItsPath() throws {
    let routed = Routing(APIRoutes.all, method: "PATCH", path: "/api/v1/tasks/next") { ($0.method, $0.template) }
    guard case .notAllowed(let methods) = routed else {
      Issue.record("PATCH /api/v1/tasks/next is not 405: \(routed)")
      return
    }
    #expect(methods == ["POST", "OPTIONS"])
    let harness = try APIHarness()
    let patch = harness.send("PATCH", "/api/v1/tasks/next", #"{"priority": 1}"#, as: "sam")
    #expect(patch.status == 405 && patch.json?.text("code") == "method_not_allowed", "\(patch.status)")
    #expect(patch.response.header("Allow") == "POST, OPTIONS")
    // A task id in its place is task set's, as before.
    #expect(harness.send("PATCH", "/api/v1/tasks/TEC-000001.1", #"{"priority": 1}"#, as: "sam").status == 404)
  }
}

/// An encoded slash stays inside its segment (the shell keeps `%2F` and `%25` encoded,
/// `dcmc_mhd_unescape`): `TEC-000001%2Fhistory` is one id, refused as one, never the history.
@Suite struct EncodedSlashTests {
  @Test func anEncodedSlashIsDecodedInsideItsSegmentOnly() {
    #expect(HTTPRequest.decodingSlashes("TEC-000001%2Fhistory") == "TEC-000001/history")
    #expect(HTTPRequest.decodingSlashes("a%2fb%25c") == "a/b%c")
    #expect(HTTPRequest.decodingSlashes("%252F") == "%2F")
    #expect(HTTPRequest.decodingSlashes("100%") == "100%" && HTTPRequest.decodingSlashes("%2") == "%2")
    #expect(Routing<Int>.match("/api/v1/cases/{id}/history", "/api/v1/cases/TEC-000001%2Fhistory") == nil)
    #expect(
      Routing<Int>.match("/api/v1/cases/{id}", "/api/v1/cases/TEC-000001%2Fhistory") == ["id": "TEC-000001/history"])
  }

  @Test func theAPIAnswersAnIdWithAnEncodedSlash404() throws {
    let harness = try APIHarness()
    let id = try #require(harness.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    #expect(harness.send("GET", "/api/v1/cases/\(id)/history", as: "alice").status == 200)
    #expect(harness.send("GET", "/api/v1/cases/\(id)%2Fhistory", as: "alice").status == 404)
    #expect(harness.send("GET", "/api/v1/cases/\(id)%2fhistory", as: "alice").status == 404)
  }
}

/// HEAD is GET without the body (RFC 9110): every GET resource answers it with the GET's status
/// and headers (it was 405), `Allow` lists it after GET, and a stream is not started.
@Suite struct HeadRequestTests {
  @Test func headAnswersAsGetOnTheAPIAndThePages() throws {
    let harness = try PagesHarness()
    let api = harness.api
    let id = try #require(api.send("POST", "/api/v1/cases", APIHarness.form, as: "alice").json?.text("id"))
    for path in ["/api/v1/cases/\(id)", "/api/v1/cases", "/api/v1/openapi.json", "/api/v1/cases/\(id)/history"] {
      let get = api.send("GET", path, as: "alice")
      let head = api.send("HEAD", path, as: "alice")
      #expect(head.status == 200 && head.response.headers.map(\.name) == get.response.headers.map(\.name), "\(path)")
    }
    #expect(api.send("HEAD", "/api/v1/cases/TEC-999999", as: "alice").status == 404)
    #expect(api.send("HEAD", "/api/v1/tasks/next", as: "alice").response.header("Allow") == "POST, OPTIONS")
    #expect(api.send("PUT", "/api/v1/cases/\(id)", as: "alice").response.header("Allow") == "GET, HEAD, PATCH, OPTIONS")
    let events = api.send("HEAD", "/api/v1/events", as: "alice").response
    #expect(events.status == 200 && events.header("Content-Type") == "text/event-stream" && events.stream == nil)
    #expect(harness.send("HEAD", "/forms/technical").status == 200)
    #expect(harness.send("HEAD", "/pages.css").header("Content-Type") == harness.send("GET", "/pages.css").header("Content-Type"))
  }
}
