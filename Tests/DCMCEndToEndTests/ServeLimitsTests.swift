import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// `dcmc serve`'s protections on the built binary over loopback (SPEC section 17): idempotent
/// retries, 429, 415, a revoked token refused at the next request, the header deadline, a
/// flood of connections, IPv6 and TLS. Part of `ServeCommandTests`, so servers run one at a time.
extension ServeCommandTests {
  /// A server on the store in `directory` with `options`; its URL, read from its first line.
  func startServer(_ options: [String], in directory: TemporaryDirectory) throws -> (Process, String, Pipe) {
    let output = Pipe()
    let errors = Pipe()
    let server = try BinaryRunner.start(
      ["serve", "--store", directory.url.appendingPathComponent("store").path] + options, output: output,
      errors: errors)
    let line = firstLine(of: output)
    #expect(line.hasPrefix("listening on "), "\(line)")
    return (server, String(line.dropFirst("listening on ".count)), errors)
  }

  /// Stops `server` with SIGTERM: it exits 0.
  func stop(_ server: Process) {
    server.terminate()
    server.waitUntilExit()
    #expect(server.terminationStatus == 0)
  }

  /// `.ci/http_abuse.py MODE` against `base`'s host and port; `nil` without python3.
  func abuse(_ mode: String, _ base: String, _ numbers: Int...) throws -> [String: Any]? {
    let url = try #require(URL(string: base))
    guard
      let (status, output) = try PythonScript.run(
        "http_abuse.py", [mode, url.host ?? "", "\(url.port ?? 0)"] + numbers.map { "\($0)" })
    else { return nil }
    #expect(status == 0, "\(output)")
    return try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
  }

  @Test func retriesAreIdempotentATokenIsLimitedAndARevokeActsAtTheNextRequest() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let bob = token(try dcmc(["token", "create", "bob", "--json"], in: directory))
    let (server, base, _) = try startServer(["--listen", "127.0.0.1:0", "--token-rate", "4/min"], in: directory)
    let form = #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}"#
    let key = ["Idempotency-Key": "order-17"]
    let answers = try send(
      [
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": form, "headers": key],
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": form, "headers": key],
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": "{\"type\": \"billing\"}", "headers": key],
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": form, "headers": ["Content-Type": "text/plain"]],
        ["method": "GET", "path": "/api/v1/cases", "token": alice],
        ["method": "GET", "path": "/api/v1/cases", "token": bob],
      ], to: base, in: directory)
    #expect(try dcmc(["token", "revoke", String(bob.split(separator: "_")[1])], in: directory).status == 0)
    let afterRevoke = try send([["method": "GET", "path": "/api/v1/cases", "token": bob]], to: base, in: directory)
    stop(server)
    guard let answers, let afterRevoke else { return }  // no python3 here
    #expect(answers.map { $0["status"] as? Int } == [201, 201, 422, 415, 429, 200])
    let headers = answers.map { $0["headers"] as? [String: String] ?? [:] }
    #expect(headers[0]["idempotent-replayed"] == nil && headers[1]["idempotent-replayed"] == "true")
    #expect((answers[0]["body"] as? [String: Any])?["id"] as? String == (answers[1]["body"] as? [String: Any])?["id"] as? String)
    #expect((answers[2]["body"] as? [String: Any])?["code"] as? String == "idempotency_key_reused")
    // Four a minute: a request back every 15 seconds, in whole seconds.
    let retry = Int(headers[4]["retry-after"] ?? "") ?? 0
    #expect((1...15).contains(retry))
    #expect(afterRevoke.map { $0["status"] as? Int } == [401])
    #expect(try dcmc(["store", "verify"], in: directory).status == 0)
  }

  /// An HTTP/1.1 request without `Host` is 400 (RFC 9112, section 3.2); HTTP/1.0 needs no
  /// `Host`; a target with a space in it is not a request: the connection is closed unanswered.
  @Test func anHTTP11RequestWithoutHostIsRefused400() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let (server, base, _) = try startServer(["--listen", "127.0.0.1:0"], in: directory)
    let port = try #require(URL(string: base)?.port)
    func status(_ request: String) -> String {
      guard let client = Loopback.connectedSocket(port, readTimeout: 30) else { return "no connection" }
      defer { close(client) }
      let bytes = Array(request.utf8)
      guard Glibc.send(client, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { return "not sent" }
      return String(Loopback.readToEnd(client).prefix(12))
    }
    let withoutHost = status("GET /api/v1/openapi.json HTTP/1.1\r\nConnection: close\r\n\r\n")
    let withHost = status("GET /api/v1/openapi.json HTTP/1.1\r\nHost: dcmc\r\nConnection: close\r\n\r\n")
    let older = status("GET /api/v1/openapi.json HTTP/1.0\r\n\r\n")
    let spaced = status("GET /api/v1/open api.json HTTP/1.1\r\nHost: dcmc\r\nConnection: close\r\n\r\n")
    stop(server)
    #expect(withoutHost == "HTTP/1.1 400")
    #expect(withHost == "HTTP/1.1 200")
    #expect(older.hasSuffix(" 200"), "\(older)")
    #expect(spaced == "", "\(spaced)")
  }

  @Test func aSlowClientIsCutAtTheHeaderOrBodyDeadlineAndAFloodOfConnectionsIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let (server, base, _) = try startServer(["--listen", "127.0.0.1:0", "--idle-timeout", "1"], in: directory)
    let slow = try abuse("slow", base, 20)
    let slowBody = try abuse("slowbody", base, 20)
    stop(server)
    // The flood on a server of its own whose idle deadline outlasts the client's wait for the
    // refusals (60 s): the four connections it keeps are not cut before their turn, however
    // loaded the machine (with the 1-second deadline above, a fourth asked more than a second
    // after its connect was). The client's barrier (`http_abuse.py`) does the rest.
    let (flooded, floodBase, _) = try startServer(
      ["--listen", "127.0.0.1:0", "--idle-timeout", "60", "--connections-per-address", "4"], in: directory)
    let flood = try abuse("flood", floodBase, 20, 4)
    stop(flooded)
    guard let slow, let slowBody, let flood else { return }  // no python3 here
    // Cut within a second of the deadline, long before the client gives up: slow headers,
    // and a body trickled a byte every quarter second, which libmicrohttpd's idle timeout
    // alone never cuts.
    for client in [slow, slowBody] {
      #expect(client["cut"] as? Bool == true)
      #expect((client["seconds"] as? Double ?? 99) < 5)
    }
    #expect(flood["served"] as? Int == 4 && flood["refused"] as? Int == 16)
    #expect(flood["after"] as? Int == 200)
  }

  @Test(.enabled(if: ServeCommandTests.hasIPv6Loopback, "this machine has no ::1"))
  func theServerListensOnIPv6Loopback() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let (server, base, _) = try startServer(["--listen", "[::1]:0"], in: directory)
    #expect(base.hasPrefix("http://[::1]:"))
    let answers = try send([["method": "GET", "path": "/api/v1/openapi.json"]], to: base, in: directory)
    stop(server)
    guard let answers else { return }
    #expect(answers.map { $0["status"] as? Int } == [200])
  }

  @Test(.enabled(if: ServeCommandTests.hasIPv6Loopback, "this machine has no ::1"))
  func theServerOnEveryIPv6AddressTakesIPv4ClientsToo() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let (server, base, _) = try startServer(["--listen", "[::]:0"], in: directory)
    #expect(base.hasPrefix("http://[::]:"))
    let port = try #require(URL(string: base)?.port)
    let request = [["method": "GET", "path": "/api/v1/openapi.json"]]
    let overIPv4 = try send(request, to: "http://127.0.0.1:\(port)", in: directory)
    let overIPv6 = try send(request, to: "http://[::1]:\(port)", in: directory)
    stop(server)
    guard let overIPv4, let overIPv6 else { return }
    #expect(overIPv4.map { $0["status"] as? Int } == [200])
    #expect(overIPv6.map { $0["status"] as? Int } == [200])
  }

  @Test(.enabled(if: SearchPath.executable(named: "openssl") != nil, "openssl makes the test's certificate"))
  func theServerAnswersOverTLSAndRefusesAKeyThatIsNotTheCertificates() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let (certificate, key) = try selfSigned("localhost", in: directory)
    let (other, otherKey) = try selfSigned("other", in: directory)
    let (server, base, _) = try startServer(
      ["--listen", "127.0.0.1:0", "--tls-cert", certificate, "--tls-key", key], in: directory)
    #expect(base.hasPrefix("https://127.0.0.1:"))
    let file = directory.url.appendingPathComponent("tls-requests.json")
    try JSONSerialization.data(withJSONObject: [["method": "GET", "path": "/api/v1/tasks", "token": alice]]).write(to: file)
    let answered = try PythonScript.run("http_requests.py", [base, file.path, certificate])
    stop(server)
    if let (status, output) = answered {
      #expect(status == 0, "\(output)")
      let answers = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[String: Any]]
      #expect(answers?.map { $0["status"] as? Int } == [200])
    }
    let mismatched = try dcmc(["serve", "--listen", "127.0.0.1:0", "--tls-cert", other, "--tls-key", key], in: directory)
    #expect(mismatched.status == 2)
    #expect(mismatched.stderr == "dcmc: TLS does not start with this certificate and key: not PEM, or the key is not the certificate's\n")
    let missing = try dcmc(["serve", "--tls-cert", certificate, "--tls-key", otherKey + ".gone"], in: directory)
    #expect(missing.status == 2 && missing.stderr.hasPrefix("dcmc: cannot read '") && missing.stderr.hasSuffix("': no such file or directory\n"))
  }

  /// A self-signed certificate for `name` and 127.0.0.1, and its key: their paths.
  func selfSigned(_ name: String, in directory: TemporaryDirectory) throws -> (String, String) {
    let certificate = directory.url.appendingPathComponent("\(name).crt").path
    let key = directory.url.appendingPathComponent("\(name).key").path
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try #require(SearchPath.executable(named: "openssl")))
    process.arguments = [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out",
      certificate, "-days", "1", "-subj", "/CN=\(name)", "-addext", "subjectAltName=DNS:\(name),IP:127.0.0.1",
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    #expect(process.terminationStatus == 0)
    return (certificate, key)
  }

  /// Whether a socket can be bound to IPv6 loopback here.
  static var hasIPv6Loopback: Bool {
    let number = socket(AF_INET6, Int32(SOCK_STREAM.rawValue), 0)
    guard number >= 0 else { return false }
    defer { close(number) }
    var address = sockaddr_in6()
    address.sin6_family = sa_family_t(AF_INET6)
    address.sin6_addr = in6addr_loopback
    return withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(number, $0, socklen_t(MemoryLayout<sockaddr_in6>.size)) }
    } == 0
  }
}
