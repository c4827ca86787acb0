import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `dcmc serve` over raw sockets, where the request's shape is the point: OPTIONS (RFC 9110
/// section 9.3.7), absolute-form targets (RFC 9112 section 3.2.2). Part of `ServeCommandTests`,
/// so servers run one at a time.
extension ServeCommandTests {
  /// What the server at `port` answers `request` (sent whole) until it closes the
  /// connection, within `seconds` a read.
  func exchange(_ request: String, port: Int, seconds: Int = 10) -> String {
    guard let client = Loopback.connectedSocket(port, readTimeout: seconds) else { return "no connection" }
    defer { close(client) }
    let bytes = Array(request.utf8)
    guard Glibc.send(client, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { return "not sent" }
    return Loopback.readToEnd(client)
  }

  /// The value of header `name` in the head of `answer`.
  func header(_ name: String, in answer: String) -> String? {
    let head = answer.components(separatedBy: "\r\n\r\n").first ?? ""
    for line in head.components(separatedBy: "\r\n").dropFirst() {
      let parts = line.split(separator: ":", maxSplits: 1)
      if parts.count == 2, parts[0].lowercased() == name.lowercased() {
        return parts[1].trimmingCharacters(in: .whitespaces)
      }
    }
    return nil
  }

  @Test func optionsAnswersTheMethodsAndAnAbsoluteFormTargetIsRoutedByItsPath() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let (server, base, _) = try startServer(["--listen", "127.0.0.1:0", "--as", "alice"], in: directory)
    let port = try #require(URL(string: base)?.port)
    func options(_ target: String) -> String {
      exchange("OPTIONS \(target) HTTP/1.1\r\nHost: dcmc\r\nConnection: close\r\n\r\n", port: port)
    }
    let cases = options("/api/v1/cases")
    let server_ = options("*")
    let desk = options("/desk")
    let form = options("/forms/technical")
    let nothing = options("/api/v1/nothing")
    let put = exchange(
      "PUT /api/v1/cases HTTP/1.1\r\nHost: dcmc\r\nAuthorization: Bearer \(alice)\r\nContent-Length: 0\r\n"
        + "Connection: close\r\n\r\n", port: port)
    let absolute = exchange(
      "GET http://127.0.0.1:\(port)/api/v1/cases?status=open HTTP/1.1\r\nHost: elsewhere\r\n"
        + "Authorization: Bearer \(alice)\r\nConnection: close\r\n\r\n", port: port)
    let absoluteRoot = exchange(
      "GET HTTP://127.0.0.1:\(port)/api/v1/openapi.json HTTP/1.1\r\nHost: dcmc\r\nConnection: close\r\n\r\n", port: port)
    let page = exchange(
      "GET http://127.0.0.1:\(port)/forms/technical HTTP/1.1\r\nHost: dcmc\r\nConnection: close\r\n\r\n", port: port)
    stop(server)
    #expect(cases.hasPrefix("HTTP/1.1 204 "), "\(cases.prefix(200))")
    #expect(header("Allow", in: cases) == "GET, HEAD, POST, OPTIONS")
    #expect(server_.hasPrefix("HTTP/1.1 204 "), "\(server_.prefix(200))")
    #expect(header("Allow", in: server_) == "GET, HEAD, POST, PATCH, DELETE, OPTIONS")
    // A staff page's methods, without a session (no redirect to sign in).
    #expect(desk.hasPrefix("HTTP/1.1 204 ") && header("Allow", in: desk) == "GET, HEAD, OPTIONS", "\(desk.prefix(200))")
    #expect(form.hasPrefix("HTTP/1.1 204 ") && header("Allow", in: form) == "GET, HEAD, POST, OPTIONS")
    #expect(nothing.hasPrefix("HTTP/1.1 404 "))
    #expect(put.hasPrefix("HTTP/1.1 405 ") && header("Allow", in: put) == "GET, HEAD, POST, OPTIONS")
    #expect(absolute.hasPrefix("HTTP/1.1 200 "), "\(absolute.prefix(300))")
    #expect(absoluteRoot.hasPrefix("HTTP/1.1 200 ") && absoluteRoot.contains("\"openapi\""))
    #expect(page.hasPrefix("HTTP/1.1 200 ") && page.contains("<form"))
  }
}

extension ServeCommandTests {
  /// RFC 9110 section 5.5: a NUL or CR in a header's value is refused, 400 problem details,
  /// and the connection closed. libmicrohttpd 0.9.75 reads a value up to its NUL, so
  /// `X-Bad: a\0b` was the header `X-Bad: a` and answered 200 (audit37 L4); the server reads
  /// the head's bytes (`RequestHead`). Line ends of CR LF or LF alone, blanks and empty
  /// values are served as before.
  @Test func aNulOrCRInAHeaderValueIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let (server, base, _) = try startServer(["--listen", "127.0.0.1:0", "--as", "alice"], in: directory)
    let port = try #require(URL(string: base)?.port)
    func get(_ headers: String, end: String = "\r\n") -> String {
      exchange(
        "GET /api/v1/cases HTTP/1.1\(end)Host: dcmc\(end)Authorization: Bearer \(alice)\(end)\(headers)"
          + "Connection: close\(end)\(end)", port: port)
    }
    let refused = [
      ("a NUL inside", get("X-Bad: a\u{0}b\r\n"), "X-Bad"),
      ("a NUL at the end", get("X-Bad: a\u{0}\r\n"), "X-Bad"),
      ("NULs only", get("X-Bad: \u{0}\u{0}\r\n"), "X-Bad"),
      ("a NUL in a token", exchange(
        "GET /api/v1/cases HTTP/1.1\r\nHost: dcmc\r\nAuthorization: Bearer \(alice)\u{0}x\r\nConnection: close\r\n\r\n",
        port: port), "Authorization"),
      ("a NUL in the last header", exchange(
        "GET /api/v1/cases HTTP/1.1\r\nHost: dcmc\r\nAuthorization: Bearer \(alice)\r\nX-Last: a\u{0}b\r\n\r\n",
        port: port), "X-Last"),
      ("a NUL with LF line ends", get("X-Bad: a\u{0}b\n", end: "\n"), "X-Bad"),
      ("a CR inside", get("X-Bad: a\rb\r\n"), "X-Bad"),
    ]
    let served = [
      ("CR LF", get("X-Fine: a b\r\n")),
      ("LF alone", get("X-Fine: a b\n", end: "\n")),
      ("blanks around and empty values", get("X-Blank:   a \t \r\nX-Empty:\r\nX-Spaces:   \r\n")),
    ]
    stop(server)
    for (name, answer, header) in refused {
      #expect(answer.hasPrefix("HTTP/1.1 400 "), "\(name): \(answer.prefix(300))")
      #expect(self.header("Content-Type", in: answer) == "application/problem+json", "\(name)")
      #expect(answer.contains("the value of the header '\(header)' holds a NUL or a CR"), "\(name): \(answer)")
      #expect(self.header("Connection", in: answer)?.lowercased() == "close", "\(name)")
    }
    for (name, answer) in served {
      #expect(answer.hasPrefix("HTTP/1.1 200 "), "\(name): \(answer.prefix(300))")
    }
  }

  /// A `phone` field holds the numbers a customer record takes, no others: 17 digits were
  /// taken by the case (201) and refused by its customer record (7 to 15). The refusal names
  /// the limit.
  @Test func aPhoneFieldRefusesANumberACustomerRecordRefusesNamingTheLimit() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let (server, base, _) = try startServer(["--listen", "127.0.0.1:0"], in: directory)
    let port = try #require(URL(string: base)?.port)
    func create(_ phone: String) -> String {
      let body = #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "#
        + #""Customer_Phone": "\#(phone)", "Product": "internet", "Problem_Description": "no signal"}}"#
      return exchange(
        "POST /api/v1/cases HTTP/1.1\r\nHost: dcmc\r\nAuthorization: Bearer \(alice)\r\n"
          + "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n" + body,
        port: port)
    }
    let long = create("+99999999999999999")
    let fifteen = create("+32 470 12 34 56 78 90")
    stop(server)
    #expect(long.hasPrefix("HTTP/1.1 422 "), "\(long.prefix(200))")
    #expect(long.contains("has 17 digits; a phone number has 7 to 15 with its calling code"), "\(long)")
    #expect(fifteen.hasPrefix("HTTP/1.1 201 "), "\(fifteen.prefix(400))")
    #expect(try dcmc(["store", "verify"], in: directory).status == 0)
  }
}
