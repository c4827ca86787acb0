import DCMCApplication
import DCMCRuntime
import Testing

extension RepositoryConformance {
  /// Two commands with one request id on two cases at the same moment both pass the service's
  /// check (neither is recorded yet): the store writes the first only. The second's append
  /// answers a conflict and records nothing, alone or in the first's batch, and the request
  /// index keeps naming the first case; the service, deciding the second again, refuses it as a
  /// reused request. Before 8 December 2026 the file store wrote both, its index naming the
  /// second.
  public static func aRequestRecordedOnOneCaseIsNotWrittenOnAnother(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let cases = try (0..<4).map { try store.technical($0 * 10) }
    let engine = Engine(definitions: try store.service.definitions.deployed())
    let now = RepositoryUnderTest.monday.adding(seconds: 60)
    // What the service would append for `link` on `state` under `request`.
    func linked(_ state: CaseState, _ request: String) throws -> CaseChangeSet {
      var events = try engine.decide(.link(interaction: "phone:call-1"), on: state, by: "alice", at: now).get()
      events[0].request = request
      events[0].requestDigest = "sha256:" + state.id
      return CaseChangeSet(before: state, events: events, after: apply(events, to: state), request: request)
    }
    #expect(try store.repository.append([try linked(cases[0], "same-1")], tick: nil) == [.appended])
    #expect(
      try store.repository.append([try linked(cases[1], "same-1")], tick: nil)
        == [.conflict(version: cases[1].version)])
    // In one batch (a group commit's round), the first change takes the id.
    #expect(
      try store.repository.append([try linked(cases[2], "same-2"), try linked(cases[3], "same-2")], tick: nil)
        == [.appended, .conflict(version: cases[3].version)])
    for (state, request, owner) in [(cases[1], "same-1", cases[0]), (cases[3], "same-2", cases[2])] {
      #expect(try store.repository.load(state.id) == state)
      #expect(try store.repository.caseRecording(request: request) == owner.id)
      let again = refusal { () throws(ServiceError) in
        _ = try store.at(120).execute(
          .link(interaction: "phone:call-1"), onCase: state.id, by: "alice",
          request: CommandRequest(id: request, digest: "sha256:" + state.id))
      }
      #expect(again == .requestReused(request: request, case: owner.id))
    }
  }
}
