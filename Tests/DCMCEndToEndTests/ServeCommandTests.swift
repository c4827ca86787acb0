import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc serve` as a user runs it (SPEC section 17): the built binary on a free loopback port,
/// driven over HTTP by `.ci/http_requests.py`, stopped by SIGTERM, the store verified after.
@Suite(.serialized) struct ServeCommandTests {
  /// Runs `dcmc ARGUMENTS` on the store in `directory`.
  func dcmc(_ arguments: [String], in directory: TemporaryDirectory) throws -> BinaryRunner.Output {
    try BinaryRunner.run(arguments, environment: ["DCM_STORE": directory.url.appendingPathComponent("store").path])
  }

  /// The first line the server prints: `listening on http://127.0.0.1:PORT`.
  func firstLine(of pipe: Pipe) -> String {
    var bytes: [UInt8] = []
    while !bytes.contains(10) {
      let data = pipe.fileHandleForReading.availableData
      if data.isEmpty { break }
      bytes += data
    }
    return String(decoding: bytes.prefix { $0 != 10 }, as: UTF8.self)
  }

  /// The answers to `requests` (method, path, token, body), in order.
  func send(_ requests: [[String: Any?]], to base: String, in directory: TemporaryDirectory) throws -> [[String: Any]]? {
    try HTTPRequests.send(requests, to: base, through: directory.url.appendingPathComponent("requests.json"))
  }

  func token(_ output: BinaryRunner.Output) -> String {
    let json = try? JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any]
    return json?["token"] as? String ?? ""
  }

  @Test func theAPIServesTokensCasesAndTasksAndStopsCleanOnSIGTERM() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try dcmc(["deploy", "definitions"], in: directory).status == 0)
    let alice = token(try dcmc(["token", "create", "alice", "--json"], in: directory))
    let sam = token(try dcmc(["token", "create", "sam", "--json"], in: directory))
    let revokedOutput = try dcmc(["token", "create", "bob", "--json"], in: directory)
    let revoked = token(revokedOutput)
    let revokedID = String(revoked.split(separator: "_")[1])
    #expect(try dcmc(["token", "revoke", revokedID], in: directory).status == 0)
    let expired = token(
      try dcmc(["token", "create", "bob", "--json", "--at", "2026-01-01T00:00:00Z", "--expires", "1h"], in: directory))
    let list = try dcmc(["token", "list"], in: directory).stdout
    #expect(list.contains(revokedID) && list.contains("revoked") && !list.contains(revoked))

    let output = Pipe()
    let errors = Pipe()
    let server = try BinaryRunner.start(
      ["serve", "--listen", "127.0.0.1:0", "--store", directory.url.appendingPathComponent("store").path],
      output: output, errors: errors)
    let line = firstLine(of: output)
    #expect(line.hasPrefix("listening on http://127.0.0.1:"))
    let base = String(line.dropFirst("listening on ".count))
    let form = #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}"#
    let answers = try send(
      [
        ["method": "GET", "path": "/api/v1/openapi.json"],
        ["method": "GET", "path": "/api/v1/cases"],
        ["method": "GET", "path": "/api/v1/cases", "token": revoked],
        ["method": "GET", "path": "/api/v1/cases", "token": expired],
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": form],
        ["method": "GET", "path": "/api/v1/cases?status=open&type=technical", "token": alice],
        ["method": "POST", "path": "/api/v1/tasks/next", "token": alice],
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": "{\"type\": "],
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": String(repeating: " ", count: 1 << 20 + 1)],
        ["method": "GET", "path": "/api/v1/cases/..%2F..%2Fstore.json", "token": sam],
        ["method": "DELETE", "path": "/api/v1/tasks", "token": sam],
        ["method": "GET", "path": "/api/v1/cases/" + alice],
      ], to: base, in: directory)
    server.terminate()
    server.waitUntilExit()
    let log = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    let rest = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    #expect(server.terminationStatus == 0)
    #expect(rest.contains("stopped by SIGTERM"))
    guard let answers else { return }  // no python3 here
    #expect(answers.map { $0["status"] as? Int } == [200, 401, 401, 401, 201, 200, 200, 400, 413, 404, 405, 401])
    let created = answers[4]["body"] as? [String: Any]
    let id = created?["id"] as? String ?? ""
    #expect(id.hasPrefix("TEC-"))
    #expect((answers[5]["body"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
    #expect((answers[6]["body"] as? [String: Any])?["assignee"] as? String == "alice")
    #expect(answers[1]["content_type"] as? String == "application/problem+json")
    #expect(((answers[0]["body"] as? [String: Any])?["paths"] as? [String: Any])?["/api/v1/cases"] != nil)
    // One line per request, with its user; never a token.
    let lines = log.split(separator: "\n")
    #expect(lines.count == answers.count)
    #expect(lines.contains { $0.hasPrefix("POST  /api/v1/cases  201  ") && $0.hasSuffix("alice") })
    for secret in [alice, sam, revoked, expired] { #expect(!log.contains(secret) && !rest.contains(secret)) }
    #expect(try dcmc(["store", "verify"], in: directory).status == 0)
  }

  /// A `--listen` value that is no address and port is refused as written, before any store is
  /// read: `[::1` was refused as `'[[:]:1'`, and `::1:8080` listened on `[::1]:8080`.
  @Test(arguments: ["[::1", "::1:8080", "[::1]]:8080", "127.0.0.1", "127.0.0.1:65536"])
  func aListenValueThatIsNoAddressAndPortIsRefusedAsWritten(value: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let refused = try dcmc(["serve", "--listen", value], in: directory)
    #expect(refused.status == 2)
    #expect(
      refused.stderr.hasPrefix("dcmc: --listen takes ADDRESS:PORT, like 127.0.0.1:8080 or [::1]:8080, not '\(value)'\n"),
      "\(refused.stderr)")
  }
}

/// What libmicrohttpd hands the server, end to end: repeated headers are seen as repeated; an
/// encoded slash in the path stays in its segment, one in the query is decoded.
@Suite(.serialized) struct ServeRequestShapeTests {
  static let form =
    #"{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}"#

  @Test func repeatedHeadersAndEncodedSlashes() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let store = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    let created = try BinaryRunner.run(["token", "create", "alice", "--json", "--store", store])
    let json = try? JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
    let alice = json?["token"] as? String ?? ""
    let output = Pipe()
    let server = try BinaryRunner.start(["serve", "--listen", "127.0.0.1:0", "--store", store], output: output, errors: Pipe())
    let line = ServeCommandTests().firstLine(of: output)
    let base = String(line.dropFirst("listening on ".count))
    let good = ["Authorization", "Bearer \(alice)"]
    let bad = ["Authorization", "Bearer dcmc_0000000000000000_" + String(repeating: "0", count: 64)]
    let answers = try HTTPRequests.send(
      [
        ["method": "GET", "path": "/api/v1/cases", "header_lines": [good]],
        ["method": "GET", "path": "/api/v1/cases", "header_lines": [good, bad]],
        ["method": "GET", "path": "/api/v1/cases", "header_lines": [bad, good]],
        ["method": "GET", "path": "/api/v1/cases", "header_lines": [good, ["Accept", "text/html"], ["Accept", "*/*"]]],
        ["method": "POST", "path": "/api/v1/cases", "token": alice, "body": Self.form],
        ["method": "GET", "path": "/api/v1/cases/TEC-000001/history", "token": alice],
        ["method": "GET", "path": "/api/v1/cases/TEC-000001%2Fhistory", "token": alice],
        ["method": "GET", "path": "/api/v1/cases?type=technical%2F", "token": alice],
        ["method": "GET", "path": "/api/v1/cases?status=pending&status=closed", "token": alice],
        ["method": "HEAD", "path": "/api/v1/cases/TEC-000001", "token": alice],
        ["method": "GET", "path": "/api/v1/cases/TEC-000001", "token": alice],
        ["method": "GET", "path": "/api/v1/cases?status=open%00junk", "token": alice],
        ["method": "GET", "path": "/api/v1/cases/TEC-000001%00", "token": alice],
      ], to: base, through: directory.url.appendingPathComponent("requests.json"))
    server.terminate()
    server.waitUntilExit()
    guard let answers else { return }  // no python3 here
    #expect(answers.map { $0["status"] as? Int } == [200, 400, 400, 200, 201, 200, 404, 422, 400, 200, 200, 422, 404])
    // HEAD: the GET's headers, its length, no body.
    let (head, get) = (answers[9], answers[10])
    #expect(head["body"] as? String == "")
    let length = (head["headers"] as? [String: Any])?["content-length"] as? String
    #expect(length != nil && length == (get["headers"] as? [String: Any])?["content-length"] as? String)
    // An encoded NUL is kept as sent, not the end of the value: no status has that name.
    #expect(((answers[11]["body"] as? [String: Any])?["detail"] as? String)?.contains("open%00junk") == true)
    // An encoded slash in the query is a slash: no case type has that name.
    #expect(((answers[7]["body"] as? [String: Any])?["detail"] as? String)?.contains("'technical/'") == true)
    #expect((answers[1]["body"] as? [String: Any])?["detail"] as? String
      == "the header 'Authorization' is given more than once; give it once")
  }
}
