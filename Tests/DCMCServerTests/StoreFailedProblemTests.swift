import DCMCApplication
import Foundation
import Testing
import _DCMCTestSupport

@testable import DCMCServer

/// audit36 L6: a 500 `store_failed` says what failed without the server's paths; the request
/// log keeps the whole description.
@Suite struct StoreFailedProblemTests {
  /// An adapter's error naming a path, as the file store's do.
  struct Failure: Error, Sendable, CustomStringConvertible, PathFreeDescription {
    var description: String { "cannot read '/srv/dcmc/store/states/TEC-000003.json': not a regular file" }
    var descriptionWithoutPaths: String { "cannot read 'TEC-000003.json': not a regular file" }
  }

  @Test func theAnswerLeavesTheServersPathsOutAndTheLogKeepsThem() {
    let problem = Problem(ServiceError.repository(.unavailable(Failure())))
    #expect(problem.status == 500)
    #expect(problem.code == "store_failed")
    #expect(problem.detail == "the store failed: cannot read 'TEC-000003.json': not a regular file")
    let response = problem.response
    #expect(!String(decoding: response.body, as: UTF8.self).contains("/srv/dcmc"))
    #expect(response.logNote == "cannot read '/srv/dcmc/store/states/TEC-000003.json': not a regular file")
  }

  /// The file store's `tokens.json` edited (its record no longer holds its checksum): the API's
  /// 500 and the sign-in page's say the tokens cannot be read, and the request log names the
  /// file (it said "the tokens cannot be read" alone, in the answer and in the log, and the
  /// sign-in page answered 401 as for a wrong token).
  @Test func unreadableTokensAreNamedInTheLogNotInTheAnswer() throws {
    let harness = try PagesHarness(users: ["alice"], kind: .files, tokensInStore: true)
    defer { harness.api.store.remove() }
    let token = try #require(harness.api.bearer["alice"])
    #expect(harness.api.send("GET", "/api/v1/cases", as: "alice").status == 200)
    let file = try #require(harness.api.store.storePath) + "/tokens.json"
    let hash = try #require(harness.api.tokens.tokens().first?.hash)
    try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(of: hash, with: String(repeating: "0", count: 64))
      .write(toFile: file, atomically: false, encoding: .utf8)

    let (status, json, response) = harness.api.send("GET", "/api/v1/cases", as: "alice")
    #expect(status == 500)
    #expect(json?.text("detail") == "the store failed: the tokens cannot be read")
    #expect(!String(decoding: response.body, as: UTF8.self).contains("tokens.json"))
    #expect(response.logNote?.contains("tokens.json") == true, "\(response.logNote ?? "none")")

    let signIn = try harness.signInResponse(token: token)
    #expect(signIn.status == 500)
    #expect(String(decoding: signIn.body, as: UTF8.self).contains("Signing in is not available at the moment."))
    #expect(signIn.logNote?.contains("tokens.json") == true, "\(signIn.logNote ?? "none")")
  }
}
