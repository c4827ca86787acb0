import DCMCApplication
import DCMCCalendar
import DCMCServer
import Synchronization
import Testing
import _DCMCTestSupport

/// The customers' pages over the in-memory store with the reference definitions deployed,
/// acting as alice (a member of the technical cases' targets), with a fixed CSRF secret and a
/// counter for randomness: pages answered without a socket, their HTML read strictly.
struct PagesHarness {
  let api: APIHarness
  let pages: Pages

  init(
    limits: RateLimits = RateLimits(), user: String? = "alice", publicURL: String? = nil,
    users: [String] = ["alice", "bob", "sam", "eve", "mallory"], secure: Bool = false, kind: RepositoryKind = .memory,
    tokensInStore: Bool = false, interleaved: Bool = false
  ) throws {
    api = try APIHarness(
      kind: kind, users: users, limits: limits, tokensInStore: tokensInStore, interleaved: interleaved)
    let counter = Mutex<UInt8>(0)
    pages = Pages(
      api: api.api, links: try #require(api.store.repository as? any StatusLinkRepository), user: user,
      secret: Array("a test secret".utf8), secure: secure, publicURL: publicURL
    ) { count in
      let seed = counter.withLock { seed in
        seed &+= 1
        return seed
      }
      return (0..<count).map { UInt8(truncatingIfNeeded: $0 * 13 + Int(seed) * 101) }
    }
  }

  /// A page's answer, `seconds` after Monday 09:00, from `address`.
  func send(
    _ method: String, _ path: String, body: [UInt8] = [], headers: [String: String] = [:], at seconds: Int = 60,
    from address: String = "127.0.0.1", query: [String: String] = [:]
  ) -> HTTPResponse {
    pages.respond(
      to: HTTPRequest(method: method, path: path, query: query, headers: headers, body: body, remoteAddress: address),
      at: RepositoryUnderTest.monday.adding(seconds: seconds))
  }

  /// The HTML of `response`, read strictly.
  static func document(_ response: HTTPResponse) throws -> HTMLDocument {
    try HTMLDocument(String(decoding: response.body, as: UTF8.self))
  }

  /// What a browser keeps of a form page: its cookie and its hidden CSRF field.
  struct Visit {
    var cookie: String
    var token: String
  }

  /// Opens `/forms/TYPE` as a browser does, keeping the cookie it sets and its CSRF field.
  func open(_ type: String = "technical", from address: String = "127.0.0.1") throws -> Visit {
    let response = send("GET", "/forms/\(type)", from: address)
    let document = try Self.document(response)
    let cookie = response.header("Set-Cookie")?.split(separator: ";").first.map(String.init) ?? ""
    let token = document.elements("input").first { $0["name"] == "csrf" }?["value"] ?? ""
    return Visit(cookie: cookie, token: token)
  }

  /// Posts `fields` and `files` (name, bytes) to `/forms/TYPE` as multipart/form-data, parts
  /// between `boundary` lines (a browser draws a new one each time a form is sent).
  func post(
    _ fields: [(String, String)], files: [(String, [UInt8])] = [], to type: String = "technical",
    visit: Visit?, at seconds: Int = 60, from address: String = "127.0.0.1",
    boundary: String = "----dcmcTestBoundary7MA4YWxk"
  ) -> HTTPResponse {
    var all = fields
    if let visit { all.insert(("csrf", visit.token), at: 0) }
    var body: [UInt8] = []
    for (name, value) in all {
      body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
    }
    for (name, bytes) in files {
      let quoted = name.replacing("\"", with: "%22")
      body += Array(
        "--\(boundary)\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"\(quoted)\"\r\nContent-Type: application/pdf\r\n\r\n"
          .utf8) + bytes + Array("\r\n".utf8)
    }
    body += Array("--\(boundary)--\r\n".utf8)
    var headers = ["Content-Type": "multipart/form-data; boundary=\(boundary)"]
    if let visit { headers["Cookie"] = visit.cookie }
    return send("POST", "/forms/\(type)", body: body, headers: headers, at: seconds, from: address)
  }

  /// A valid form of the technical case type, with `name` as the customer's name.
  static func form(name: String = "Jane Doe", email: String = "jane@example.com") -> [(String, String)] {
    [
      ("Customer_Name", name), ("Customer_Email", email), ("Product", "internet"),
      ("Problem_Description", "no signal since Monday"),
    ]
  }

  /// The cases in the store.
  func caseCount() throws -> Int { try api.store.service.cases(CaseFilter()).count }
}
