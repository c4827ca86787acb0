import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// audit36 H2 (presence): a presence history cut back at a record boundary lost an
/// acknowledged change; the report facts recorded how far it went (each change after the
/// first makes a fact with its event's number), so the history is named as short and rebuild
/// refuses to lose the change.
@Suite struct PresenceHistoryLossTests {
  @Test(
    "a presence history cut at a record boundary: verify names the lost event by the report facts, not the ready index; rebuild refuses without --accept-loss and keeps the evidence (audit36 H2)"
  )
  func aCutPresenceHistory() throws {
    let fixture = try CaseStoreFixture()
    defer { fixture.remove() }
    let store = try fixture.store()
    let monday = ReportFactsStoreTests.monday
    func presence(_ seconds: Int) -> PresenceService {
      store.repository.presenceService(
        zone: TimeZoneDatabase.rules(named:), clock: FixedClock(monday.adding(seconds: seconds)))
    }
    _ = try presence(0).set(.ready, reason: nil, by: "gary")
    _ = try presence(90).set(.notReady, reason: "break", by: "gary")
    let log = URL(fileURLWithPath: fixture.root + "/presence/gary.log")
    let bytes = try Data(contentsOf: log)
    let first = try #require(bytes.firstIndex(of: 10))
    try bytes.prefix(through: first).write(to: log)
    let problem =
      "presence of 'gary': presence/gary.log ends at event 1, the report facts recorded 2: event 2 is missing"
    #expect(try store.repository.verify().problems == [problem])
    let refused = try store.repository.rebuild()
    #expect(refused.refusedPresence == [problem + CaseDamage.lossRefusal])
    #expect(!FileManager.default.fileExists(atPath: fixture.root + "/ready/gary"), "rebuild filed gary as ready")
    #expect(try store.repository.verify().problems == [problem])
    let accepted = try store.repository.rebuild(acceptingLoss: true)
    #expect(accepted.refusedPresence.isEmpty)
    #expect(
      accepted.repaired.contains(
        "presence/gary.log (presence/gary.log ends at event 1, the report facts recorded 2: event 2 is missing, accepted)"),
      "\(accepted.repaired)")
    #expect(try store.repository.verify().problems == [])
    #expect(try store.repository.loadPresence("gary")?.status == .ready)
  }
}
