import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A command given a request id (an `Idempotency-Key`'s, audit35 M1) records it on its first
/// event, in the same append: its retry, on a fresh service (a restarted server), finds it in
/// the case's history and answers the case without doing anything twice; the same id with
/// another request, or from another user, is refused as a create's is. On every store.
@Suite struct CommandRequestTests {
  static let attachRequest = CommandRequest(id: "idempotency-att", digest: "sha256:aa")
  static let linkRequest = CommandRequest(id: "idempotency-link", digest: "sha256:bb")

  @Test(arguments: RepositoryKind.allCases)
  func aRetriedAttachOrLinkRecordsNothingTwice(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let made = try store.technical(0)
    let first = try store.at(60).attach(
      name: "receipt.pdf", bytes: Array("hello".utf8), toCase: made.id, by: "alice", request: Self.attachRequest)
    let again = try store.at(120).attach(
      name: "receipt.pdf", bytes: Array("hello".utf8), toCase: made.id, by: "alice", request: Self.attachRequest)
    #expect(first.attachments.count == 1 && again.attachments == first.attachments)
    _ = try store.at(180).execute(
      .link(interaction: "phone:call-1"), onCase: made.id, by: "alice", request: Self.linkRequest)
    let linked = try store.at(240).execute(
      .link(interaction: "phone:call-1"), onCase: made.id, by: "alice", request: Self.linkRequest)
    #expect(linked.interactions == ["phone:call-1"])
    // Recorded on the command's first event, read back from the store.
    let history = try store.at(300).history(of: made.id)
    let marked = history.filter { $0.request != nil }
    #expect(marked.map(\.request) == [Self.attachRequest.id, Self.linkRequest.id])
    #expect(marked.map(\.requestDigest) == [Self.attachRequest.digest, Self.linkRequest.digest])
    // Another request under the id names the case; another user's names nothing.
    var other = Self.linkRequest
    other.digest = "sha256:cc"
    let reused = refusal { () throws(ServiceError) in
      try store.at(360).execute(.link(interaction: "phone:call-2"), onCase: made.id, by: "alice", request: other)
    }
    #expect(reused == .requestReused(request: other.id, case: made.id))
    let anotherUsers = refusal { () throws(ServiceError) in
      try store.at(360).execute(.link(interaction: "phone:call-1"), onCase: made.id, by: "bob", request: Self.linkRequest)
    }
    #expect(anotherUsers == .requestOfAnotherUser(request: Self.linkRequest.id))
    #expect(try store.at(420).load(made.id).interactions == ["phone:call-1"])
  }

  /// A retried `task next` answers the task the first claimed, while its user holds it,
  /// claiming no other (alice's capacity is 1: without the request it would be refused).
  @Test(arguments: RepositoryKind.allCases)
  func aRetriedPullAnswersTheTaskItClaimed(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    for second in 0..<2 { _ = try store.technical(second) }
    let request = CommandRequest(id: "idempotency-next", digest: "sha256:dd")
    let first = try store.at(60).claimNext(by: "alice", request: request)
    let again = try store.at(120).claimNext(by: "alice", request: request)
    #expect(again.task.id == first.task.id && again.task.holder == "alice")
    #expect(try store.at(180).tasks(inWorkbin: nil, heldBy: "alice").map(\.task.id) == [first.task.id])
  }

  /// A retried `task next` answers the task the first claimed once it has left its user's
  /// hands (completed), as it is now, claiming no other: the store's request index names the
  /// claim's case. Without it the retry pulled the next task (alice would hold case 1's).
  @Test(arguments: RepositoryKind.allCases)
  func aPullRetriedAfterItsTaskWasCompletedClaimsNothing(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    for second in 0..<2 { _ = try store.technical(second) }
    let request = CommandRequest(id: "idempotency-next", digest: "sha256:dd")
    let first = try store.at(60).claimNext(by: "alice", request: request)
    _ = try store.at(120).execute(
      .complete(task: first.task.id, outcome: "resolved", data: [:]), onCase: first.of.id, by: "alice")
    let held = try store.at(150).tasks(inWorkbin: nil, heldBy: "alice").map(\.task.id)
    let again = try store.at(180).claimNext(by: "alice", request: request)
    #expect(again.task.id == first.task.id && again.of.id == first.of.id)
    #expect(again.task.status == .completed)
    #expect(try store.at(240).tasks(inWorkbin: nil, heldBy: "alice").map(\.task.id) == held)
    #expect(try store.repository.caseRecording(request: request.id) == first.of.id)
    // Another user's retry names nothing; another request under the id (a create) is refused.
    let bobs = refusal { () throws(ServiceError) in _ = try store.at(300).claimNext(by: "bob", request: request) }
    #expect(bobs == .requestOfAnotherUser(request: request.id))
    let fields = [
      "Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet",
      "Problem_Description": "no signal",
    ]
    let create = refusal { () throws(ServiceError) in
      _ = try store.at(360).create(type: "technical", fields: fields, request: request.id, by: "alice")
    }
    #expect(create == .requestReused(request: request.id, case: first.of.id))
  }
}
