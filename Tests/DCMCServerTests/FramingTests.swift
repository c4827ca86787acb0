import DCMCCalendar
import Synchronization
import Testing
import _DCMCTestSupport

@testable import DCMCServer

#if canImport(Glibc)
  import Glibc
#endif

/// Requests libmicrohttpd 0.9.75 left unanswered until a deadline closed their connection
/// (found by stop 28's QA): more than about 220 query parameters, and a `Transfer-Encoding`
/// other than `chunked` alone. Each is answered at once now, on a daemon on a free loopback
/// port, by a raw socket client that waits 2 s at most for each read (the deadlines are 10 s):
/// a test of the old server fails on an empty answer instead of passing late.
@Suite struct FramingTests {
  /// A daemon whose handler answers 200 with the number of query parameters it was given,
  /// and counts its calls.
  final class Server {
    final class Calls: Sendable {
      let count = Atomic<Int>(0)
    }

    let calls = Calls()
    var daemon: HTTPDaemon!

    init() throws {
      var limits = HTTPDaemon.Limits()
      limits.threads = 1
      limits.pollers = 1
      daemon = try HTTPDaemon(
        host: "127.0.0.1", port: 0, limits: limits, unavailable: HTTPResponse(status: 503, headers: [], body: []),
        clock: { Instant(secondsSinceEpoch: 0) }
      ) { [calls] request in
        calls.count.add(1, ordering: .sequentiallyConsistent)
        return HTTPResponse(
          status: 200, headers: [("Content-Type", "text/plain")],
          body: Array("\(request.query.count) \(String(decoding: request.body, as: UTF8.self))".utf8))
      }
    }

    /// What the daemon answers `request` (sent whole) until it closes the connection, each
    /// read given up after 2 s; empty when nothing came.
    func exchange(_ request: String) -> String {
      guard let client = Loopback.connectedSocket(daemon.port, readTimeout: 2) else { return "no connection" }
      defer { close(client) }
      let bytes = Array(request.utf8)
      guard send(client, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { return "not sent" }
      return Loopback.readToEnd(client)
    }
  }

  /// A GET of `/q` with `count` parameters `aN=1` and `headers`, closing.
  static func query(_ count: Int, _ headers: String = "") -> String {
    let query = (0..<count).map { "a\($0)=1" }.joined(separator: "&")
    return "GET /q?\(query) HTTP/1.1\r\nHost: dcmc\r\n\(headers)Connection: close\r\n\r\n"
  }

  @Test func aQueryOverTheLimitsIsAnswered414AtOnceAndOneWithinThemIsServed() throws {
    let server = try Server()
    defer { server.daemon.stop() }
    let many = server.exchange(Self.query(250))
    let over = server.exchange(Self.query(65))
    let calledBefore = server.calls.count.load(ordering: .sequentiallyConsistent)
    let limit = server.exchange(Self.query(64))
    // A trailing `&` adds no parameter (libmicrohttpd's count); empty pieces between do.
    let close = "Host: d\r\nConnection: close\r\n\r\n"
    let trailing = server.exchange("GET /q?\((0..<64).map { "a\($0)" }.joined(separator: "&"))& HTTP/1.1\r\n\(close)")
    let empty = server.exchange("GET /q?\(String(repeating: "&", count: 65)) HTTP/1.1\r\n\(close)")
    // The longest target with a query, 64 parameters in it, and 40 headers besides: all fit.
    let head = "/q?" + (0..<63).map { "a\($0)=1" }.joined(separator: "&") + "&b="
    let longest = head + String(repeating: "x", count: 8000 - head.utf8.count)
    let headers = (0..<40).map { "X-Header-\($0): value\($0)\r\n" }.joined()
    let long = server.exchange("GET \(longest) HTTP/1.1\r\nHost: d\r\n\(headers)Connection: close\r\n\r\n")
    let tooLong = server.exchange("GET \(longest)x HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
    // Without a query, a long target is libmicrohttpd's to judge, as before.
    let path = server.exchange("GET /\(String(repeating: "p", count: 9000)) HTTP/1.1\r\nHost: d\r\nConnection: close\r\n\r\n")
    for (name, answer) in [("250", many), ("65", over), ("65 empty", empty), ("8001 bytes", tooLong)] {
      #expect(answer.hasPrefix("HTTP/1.1 414 URI Too Long\r\n"), "\(name): \(answer.prefix(200))")
      #expect(answer.contains("\"code\" : \"uri_too_long\"") || answer.contains("\"code\": \"uri_too_long\""), "\(name)")
      #expect(answer.lowercased().contains("connection: close"), "\(name)")
    }
    #expect(many.contains("more than 64 parameters"), "\(many)")
    #expect(calledBefore == 0, "a refused request reaches no handler")
    #expect(limit.hasPrefix("HTTP/1.1 200 ") && limit.hasSuffix("\r\n\r\n64 "), "\(limit.suffix(200))")
    #expect(trailing.hasPrefix("HTTP/1.1 200 ") && trailing.hasSuffix("\r\n\r\n64 "), "\(trailing.suffix(200))")
    #expect(long.hasPrefix("HTTP/1.1 200 ") && long.hasSuffix("\r\n\r\n64 "), "\(long.prefix(200))")
    #expect(path.hasPrefix("HTTP/1.1 200 "), "\(path.prefix(200))")
  }

  @Test func aTransferEncodingOtherThanChunkedAloneIsRefusedAtOnce() throws {
    let server = try Server()
    defer { server.daemon.stop() }
    func post(_ encodings: [String]) -> String {
      let lines = encodings.map { "Transfer-Encoding: \($0)\r\n" }.joined()
      return server.exchange("POST /p HTTP/1.1\r\nHost: d\r\n\(lines)Connection: close\r\n\r\n5\r\nhello\r\n0\r\n\r\n")
    }
    let answers = [
      ("xchunked", [["xchunked"]], 400), ("identity", [["identity"]], 400),
      ("chunked, identity", [["chunked, identity"]], 400), ("chunked twice", [["chunked, chunked"]], 400),
      ("an empty element", [["chunked,"]], 400), ("gzip, chunked", [["gzip, chunked"]], 501),
      ("two lines", [["gzip", "chunked"]], 501), ("a Kelvin sign", [["chun\u{212A}ed"]], 400),
    ].map { (name, encodings, status) in (name, encodings.map(post), status) }
    let refusedCalls = server.calls.count.load(ordering: .sequentiallyConsistent)
    let chunked = post(["chunked"])
    let upper = post(["CHUNKED"])
    for (name, answer, status) in answers {
      let text = answer[0]
      #expect(text.hasPrefix("HTTP/1.1 \(status) "), "\(name): \(text.prefix(200))")
      #expect(text.lowercased().contains("connection: close"), "\(name)")
      #expect(text.contains(status == 501 ? "unsupported_transfer_coding" : "malformed_request"), "\(name): \(text)")
    }
    #expect(refusedCalls == 0, "a refused request reaches no handler")
    #expect(chunked.hasPrefix("HTTP/1.1 200 ") && chunked.hasSuffix("0 hello"), "\(chunked)")
    #expect(upper.hasPrefix("HTTP/1.1 200 ") && upper.hasSuffix("0 hello"), "\(upper)")
  }

  /// RFC 9112 sections 6.1 and 6.3: a request with both `Transfer-Encoding` and
  /// `Content-Length`, or with two `Content-Length`s, may be request smuggling (a proxy that
  /// reads the other length passes the rest of the body on as a second request). It is
  /// refused, 400, and its connection closed, so nothing after it is read as a request; before
  /// 7 December 2026 the body was read by one of them and the connection kept, so the bytes
  /// the other leaves out were served as a request of their own.
  @Test func aRequestWithAnAmbiguousLengthIsRefusedAndItsConnectionClosed() throws {
    let server = try Server()
    defer { server.daemon.stop() }
    /// What the daemon answers `request`, and whether it closed the connection (rather than
    /// leave it open past a 2 s read).
    func exchange(_ request: String) -> (answer: String, closed: Bool) {
      guard let client = Loopback.connectedSocket(server.daemon.port, readTimeout: 2) else { return ("", false) }
      defer { close(client) }
      let bytes = Array(request.utf8)
      guard send(client, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { return ("", false) }
      var (answer, buffer) = ([UInt8](), [UInt8](repeating: 0, count: 4096))
      for _ in 0..<64 {
        let count = recv(client, &buffer, buffer.count, 0)
        guard count > 0 else { return (String(decoding: answer, as: UTF8.self), count == 0) }
        answer += buffer.prefix(count)
      }
      return (String(decoding: answer, as: UTF8.self), false)
    }
    // The length covers `5\r\nhello\r\n0\r\n\r\n` (15 bytes) but one that reads 5 would pass on the rest.
    let smuggled = "GET /smuggled HTTP/1.1\r\nHost: d\r\n\r\n"
    let requests = [
      ("chunked, Content-Length", "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n"),
      ("Content-Length first", "Content-Length: 15\r\nTransfer-Encoding: chunked\r\n"),
      ("lowercase names", "transfer-encoding: chunked\r\ncontent-length: 15\r\n"),
      ("gzip, chunked", "Transfer-Encoding: gzip, chunked\r\nContent-Length: 15\r\n"),
      // RFC 9112 section 6.3: two lengths, alike or not, are the same ambiguity (the 400 for a
      // repeated header came from the handler, and the connection was kept).
      ("two lengths", "Content-Length: 5\r\nContent-Length: 15\r\n"),
      ("two lengths alike", "Content-Length: 15\r\ncontent-length: 15\r\n"),
      // RFC 9112 section 5.2: a line folded under another (obs-fold). libmicrohttpd 0.9.75
      // appends it to the name before ('Content-Lengthfoo'), so the request had no length and
      // its 15 bytes were read as the next request (two answers).
      ("a line folded under the length", "Content-Length: 15\r\n foo\r\n"),
      ("the length folded under another line", "X-A: 1\r\n Content-Length: 15\r\n"),
      ("the coding folded under the length", "Content-Length: 15\r\n Transfer-Encoding: chunked\r\n"),
      // RFC 9112 section 3.2: two Host lines (a proxy may route by the other), 400.
      ("two hosts", "Host: e\r\nContent-Length: 15\r\n"),
    ]
    for (name, headers) in requests {
      let (answer, closed) = exchange("POST /p HTTP/1.1\r\nHost: d\r\n\(headers)\r\n5\r\nhello\r\n0\r\n\r\n" + smuggled)
      #expect(answer.hasPrefix("HTTP/1.1 400 "), "\(name): \(answer.prefix(300))")
      #expect(
        answer.contains("malformed_request")
          && ["Content-Length", "header line", "Host more than once"].contains { answer.contains($0) }, "\(name)")
      #expect(answer.lowercased().contains("connection: close"), "\(name)")
      #expect(answer.components(separatedBy: "HTTP/1.1 ").count == 2, "\(name): one answer, \(answer)")
      #expect(closed, "\(name): the connection is closed")
    }
    #expect(server.calls.count.load(ordering: .sequentiallyConsistent) == 0, "a refused request reaches no handler")
    // Either alone is served, the connection kept for the next request.
    let chunked = exchange("POST /p HTTP/1.1\r\nHost: d\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n" + smuggled)
    let length = exchange("POST /p HTTP/1.1\r\nHost: d\r\nContent-Length: 5\r\n\r\nhello" + smuggled)
    for (name, answer) in [("chunked", chunked.answer), ("Content-Length", length.answer)] {
      #expect(answer.hasPrefix("HTTP/1.1 200 ") && answer.components(separatedBy: "HTTP/1.1 200 ").count == 3, "\(name): \(answer)")
    }
  }

  @Test func theRefusalOfEachTransferEncodingFollowsRFC9112() {
    func status(_ lines: [String], contentLength lengths: [String] = []) -> Int? {
      Framing.refusal(transferEncoding: lines, contentLength: lengths)?.status
    }
    #expect(status([], contentLength: ["5"]) == nil)
    #expect(status([], contentLength: ["5", "5"]) == 400)
    #expect(status(["chunked"], contentLength: ["5"]) == 400)
    #expect(status(["gzip, chunked"], contentLength: ["5"]) == 400)
    #expect(status([]) == nil)
    #expect(status(["chunked"]) == nil)
    #expect(status(["ChUnKeD"]) == nil)
    #expect(status(["gzip, chunked"]) == 501)
    #expect(status(["deflate,\tchunked"]) == 501)
    #expect(status(["chunked, gzip"]) == 400)
    // Names as libmicrohttpd reports a folded line's: appended to the name before.
    #expect(Framing.refusal(transferEncoding: [], contentLength: [], names: ["Host", "X-Afoo", "X-Original-Content-Length"]) == nil)
    for folded in ["Content-Lengthfoo", "X-AContent-Length: 5", "Accept: text/html", "Transfer-Encodingx"] {
      #expect(Framing.refusal(transferEncoding: [], contentLength: [], names: ["Host", folded])?.status == 400, "\(folded)")
    }
    #expect(status(["xchunked"]) == 400)
    #expect(status([""]) == 400)
    #expect(status(["chunked", "chunked"]) == 400)
    #expect(status([" chunked "]) == 400)
  }
}
