import DCMCJSON
import Synchronization
import Testing
import _DCMCTestSupport

@testable import DCMCServer

/// A keyed request's body is read once: the `Idempotency-Key`'s fingerprint parses it, and the
/// handler's `body()` reads that parse instead of the bytes again (stop 36's note: it was
/// parsed twice).
@Suite struct KeyedBodyTests {
  /// Whether the probe's handler got the body already read, at its last call.
  final class Seen: Sendable {
    let parsed = Mutex<Bool?>(nil)
    var value: Bool? { parsed.withLock { $0 } }
  }

  /// A route that records whether its handler got the body already read, and answers its `a`.
  static func probe(_ seen: Seen) -> Route {
    Route(method: "POST", template: "/api/v1/probe", operationID: "probe", summary: "a probe", response: .object([])) {
      request throws(Problem) in
      seen.parsed.withLock { $0 = request.parsed != nil }
      return .json(.object([("a", try request.body().members["a"] ?? .null)]))
    }
  }

  @Test func theHandlerReadsTheParseTheFingerprintMade() throws {
    let harness = try APIHarness()
    let seen = Seen()
    let http = HTTPRequest(
      method: "POST", path: "/api/v1/probe", headers: ["Idempotency-Key": "k-1"], body: Array(#"{"a": 7}"#.utf8))
    let request = APIRequest(
      http: http, parameters: [:], user: "alice", cases: harness.api.cases, events: harness.api.events)
    let response = try harness.api.answer(Self.probe(seen), request, at: RepositoryUnderTest.monday)
    #expect(seen.value == true)
    #expect(try JSONValue.parse(response.body, limits: .init(maxBytes: 1 << 10)).text("a") == "7")
    // Without a key nothing is read ahead: the handler parses the bytes itself.
    var plain = request
    plain.http = HTTPRequest(method: "POST", path: "/api/v1/probe", body: http.body)
    _ = try harness.api.answer(Self.probe(seen), plain, at: RepositoryUnderTest.monday)
    #expect(seen.value == false)
  }
}
