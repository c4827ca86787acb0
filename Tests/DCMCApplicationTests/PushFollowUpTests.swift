import DCMCCalendar
import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A command that queues push work stands when the offers it calls for cannot be made (the
/// presence store fails after the command's append), and the failure is reported, not dropped.
@Suite struct PushFollowUpTests {
  struct Broken: Error, CustomStringConvertible {
    var description: String { "presence/fiona.log: input/output error" }
  }

  /// A presence store whose every read and write fails.
  struct FailingPresence: PresenceRepository {
    func loadPresence(_ user: String) throws(RepositoryError) -> PresenceState? { throw .unavailable(Broken()) }
    func presenceHistory(of user: String) throws(RepositoryError) -> [PresenceEvent]? {
      throw .unavailable(Broken())
    }
    func appendPresence(_ changes: [PresenceChangeSet]) throws(RepositoryError) -> [AppendOutcome] {
      throw .unavailable(Broken())
    }
    func wrapUpsEnded(by now: Instant) throws(RepositoryError) -> [PresenceState] { throw .unavailable(Broken()) }
    func readyUsers() throws(RepositoryError) -> Set<String> { throw .unavailable(Broken()) }
    func notePendingRONAs(_ ronas: [PendingRONA]) throws(RepositoryError) -> String { throw .unavailable(Broken()) }
    func pendingRONAs() throws(RepositoryError) -> [(note: String, ronas: [PendingRONA])] {
      throw .unavailable(Broken())
    }
    func clearPendingRONAs(_ note: String) throws(RepositoryError) { throw .unavailable(Broken()) }
  }

  final class Reports: @unchecked Sendable {
    var errors: [String] = []
  }

  @Test func aFailedFollowUpIsReportedAndTheCommandStands() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let reports = Reports()
    var service = store.at(0)
    service.presence = FailingPresence()
    service.followUpFailed = { error in reports.errors.append("\(error)") }
    let created = try service.create(type: "finance", fields: PullRuleTests.finance, request: nil, by: "fiona")
    // The case is written; its push task waits in the queue for the next chance to be offered.
    #expect(try store.at(1).load(created.id).tasks.first?.status == .queued)
    #expect(reports.errors.count == 1)
    #expect(reports.errors.first?.contains("presence/fiona.log: input/output error") == true)
  }
}
