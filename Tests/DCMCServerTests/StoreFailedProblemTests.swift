import DCMCApplication
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
}
