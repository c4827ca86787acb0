@testable import DCMCApplication
import Testing
import _DCMCTestSupport

/// A group commit's round holds only requests decided on the same store versions
/// (`CaseChangeSet.fence`): the store refuses a round whole when its versions moved, and a
/// request decided on the new ones must not fail with the others.
@Suite struct GroupCommitFenceTests {
  @Test func aRoundHoldsOnlyRequestsDecidedOnTheFirstOnesVersions() throws {
    let memory = try RepositoryKind.memory.make()
    defer { memory.remove() }
    let form = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
      "Problem_Description": "no signal",
    ]
    func change(_ number: Int, fence: Int?) throws -> CaseChangeSet {
      let made = try memory.at(60 * number).create(type: "technical", fields: form, request: nil, by: "alice")
      var change = CaseChangeSet(before: nil, events: try #require(try memory.repository.history(of: made.id)), after: made)
      change.fence = fence
      return change
    }
    var rounds = GroupCommit.Rounds()
    rounds.queue = [
      GroupCommit.Request(ticket: 0, changes: [try change(1, fence: 5)]),
      GroupCommit.Request(ticket: 1, changes: [try change(2, fence: 6)]),
      GroupCommit.Request(ticket: 2, changes: [try change(3, fence: 5)]),
      GroupCommit.Request(ticket: 3, changes: [try change(4, fence: nil)]),
      GroupCommit.Request(ticket: 4, changes: [try change(5, fence: nil)]),
    ]
    #expect(rounds.takeRound(256).map(\.ticket) == [0, 2])
    #expect(rounds.takeRound(256).map(\.ticket) == [1])
    #expect(rounds.takeRound(256).map(\.ticket) == [3, 4])
    #expect(rounds.queue.isEmpty)
  }
}
