@testable import DCMCApplication
import Testing

/// Who a group commit's round wakes, and in which order (`GroupCommit.Rounds.settle`): the next
/// round's leader before the requests the round answered, since the store is idle until that
/// round begins.
@Suite struct GroupCommitLeadTests {
  @Test func theNextLeaderIsWokenBeforeTheAnsweredRequests() throws {
    var rounds = GroupCommit.Rounds()
    rounds.leading = true
    let answered = (1...3).map { _ in Handoff<GroupCommit.Turn>() }
    let next = Handoff<GroupCommit.Turn>()
    for (ticket, waiter) in answered.enumerated() { rounds.waiting[ticket + 1] = waiter }
    rounds.waiting[4] = next
    // Request 4 arrived during the round: it leads the next one.
    rounds.queue = [GroupCommit.Request(ticket: 4, changes: [])]
    let failed = RepositoryError.unavailable(StoreFailure())
    let (own, woken) = rounds.settle(
      [(0, .success([])), (1, .success([])), (2, .failure(failed)), (3, .success([]))], leader: 0)
    #expect(own != nil)
    #expect(woken.count == 4)
    #expect(woken.first?.0 === next)
    guard case .lead = try #require(woken.first).1 else {
      Issue.record("the first wake is not the next round's lead")
      return
    }
    #expect(woken.dropFirst().map { ObjectIdentifier($0.0) } == answered.map(ObjectIdentifier.init))
    for (_, turn) in woken.dropFirst() {
      guard case .answered = turn else { Issue.record("an answered request woken for the lead"); return }
    }
    #expect(rounds.leading)
    #expect(rounds.waiting.isEmpty)
    #expect(rounds.rounds == 1)
    #expect(rounds.wakeups == 4)
  }

  @Test func theLeadIsFreedWhenNothingIsQueuedAndKeptWhenTheRoundLeftTheLeaderOut() {
    var rounds = GroupCommit.Rounds()
    rounds.leading = true
    let waiter = Handoff<GroupCommit.Turn>()
    rounds.waiting[1] = waiter
    // A round without the leader's request answers others only: the leader runs the next one.
    let (none, others) = rounds.settle([(1, .success([]))], leader: 0)
    #expect(none == nil)
    #expect(others.count == 1)
    #expect(rounds.leading)
    // Its own round, with nothing queued: the lead is free.
    let (own, woken) = rounds.settle([(0, .success([]))], leader: 0)
    #expect(own != nil)
    #expect(woken.isEmpty)
    #expect(!rounds.leading)
    #expect(rounds.rounds == 2)
  }

  struct StoreFailure: Error {}
}
