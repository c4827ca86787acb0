import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `Expect: 100-continue` (RFC 9110 section 10.1.1) against `dcmc serve` over raw sockets: a
/// refusal the headers decide comes instead of `100 Continue`, before the body is sent; a
/// request the headers admit is told to continue. Part of `ServeCommandTests`, so servers run
/// one at a time. A refusal is read until the server closes (`exchange`); were `100 Continue`
/// sent instead, the read would wait for the body and give up after its time-out.
extension ServeCommandTests {
  @Test func aRefusalTheHeadersDecideComesBeforeTheBodyInsteadOf100Continue() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let (server, base, errors) = try startServer(["--listen", "127.0.0.1:0", "--as", "alice"], in: directory)
    let port = try #require(URL(string: base)?.port)
    func head(_ line: String, _ headers: String = "", length: Int) -> String {
      "\(line) HTTP/1.1\r\nHost: dcmc\r\nContent-Type: application/json\r\nContent-Length: \(length)\r\n"
        + "Expect: 100-continue\r\n\(headers)\r\n"
    }
    let bearer = "Authorization: Bearer \(alice)\r\n"
    let noToken = exchange(head("POST /api/v1/cases", length: 5_000_000), port: port)
    let badToken = exchange(head("POST /api/v1/cases", "Authorization: Bearer dcm_nobody_0\r\n", length: 10), port: port)
    let tooLarge = exchange(head("POST /api/v1/cases", bearer, length: 2 << 20), port: port)
    let noRoute = exchange(head("POST /api/v1/nothing", bearer, length: 10), port: port)
    let wrongMethod = exchange(head("PUT /api/v1/cases", bearer, length: 10), port: port)
    let formTooLarge = exchange(head("POST /forms/technical", length: 100 << 20), port: port)
    let deskSignedOut = exchange(head("POST /desk/next", length: 10), port: port)
    // Admitted: told to continue, then answered once the body is in.
    let body = #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}"#
    var continued = ""
    var created = ""
    if let client = Loopback.connectedSocket(port, readTimeout: 10) {
      let bytes = Array(head("POST /api/v1/cases", bearer + "Connection: close\r\n", length: body.utf8.count).utf8)
      _ = Glibc.send(client, bytes, bytes.count, Int32(MSG_NOSIGNAL))
      var buffer = [UInt8](repeating: 0, count: 256)
      let count = recv(client, &buffer, buffer.count, 0)
      continued = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
      let rest = Array(body.utf8)
      _ = Glibc.send(client, rest, rest.count, Int32(MSG_NOSIGNAL))
      created = Loopback.readToEnd(client)
      close(client)
    }
    stop(server)
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    for (name, answer, status) in [
      ("no token", noToken, 401), ("a token that does not act", badToken, 401), ("over 1 MiB", tooLarge, 413),
      ("no route", noRoute, 404), ("a method the path does not take", wrongMethod, 405),
      ("a form over its limit", formTooLarge, 413), ("a staff page signed out", deskSignedOut, 303),
    ] {
      // The refusal first, no `100 Continue` before it, although no byte of the body was sent.
      #expect(answer.hasPrefix("HTTP/1.1 \(status) "), "\(name): \(answer.prefix(120))")
      #expect(!answer.contains("100 Continue"), "\(name)")
    }
    #expect(header("Allow", in: wrongMethod) == "GET, HEAD, POST, OPTIONS")
    #expect(continued == "HTTP/1.1 100 Continue\r\n\r\n", "\(continued)")
    #expect(created.hasPrefix("HTTP/1.1 201 "), "\(created.prefix(200))")
    // The screened refusals are in the request log.
    #expect(log.contains("POST  /api/v1/cases  401"), "\(log)")
    #expect(try dcmc(["store", "verify"], in: directory).status == 0)
  }
}
