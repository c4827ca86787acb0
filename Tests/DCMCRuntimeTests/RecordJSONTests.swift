import DCMCJSON
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The JSON of history records and state caches in format 2 (`docs/store.md`): every event
/// type, with and without its optional values, by a user and by the clock, writes the line
/// given here and reads back to the same value; so does every state.
@Suite struct RecordJSONTests {
  /// The case the records are of: tasks are named by their ids in it.
  static let caseID = "TEC-000001"
  /// Quotes, backslashes, slashes, control characters, DEL, U+2028 and non-ASCII, as the
  /// canonical writer escapes them.
  static let tricky = LegacyJSONTests.tricky

  /// One record per sample of `LegacyJSONTests.changes`, in the same order.
  static let events: [String] = [
    #"{"at":"2026-03-02T09:00:00Z","bundle":"sha256:ab","by":"alice","case":"TEC-000001","case_type":"technical","channel":null,"customer":null,"fields":{"B":"2","a/b":"x","summary":\#(tricky),"é":""},"identification":null,"priority":2,"request":"r-1","request_digest":null,"seq":1,"sla_due":"2026-03-03T09:00:00Z","sla_warn_at":"2026-03-02T09:00:00Z","type":"case.created"}"#,
    #"{"at":"2026-03-03T09:00:00Z","bundle":"h","by":null,"case":"TEC-000002","case_type":"t","channel":null,"customer":null,"fields":{},"identification":null,"priority":0,"request":null,"request_digest":null,"seq":2,"sla_due":null,"sla_warn_at":null,"type":"case.created"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","seq":3,"stage":"triage","type":"case.stage_entered"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"definition":"handle","escalated_from":"TEC-000001.1","level":1,"name":\#(tricky),"next_tier_at":"2026-03-03T09:00:00Z","ola_due":"2026-03-03T09:00:00Z","ola_warn_at":"2026-03-02T09:00:00Z","priority":3,"seq":4,"stage":"triage","target":"tier1","task":"TEC-000001.2","type":"task.created"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","definition":"d","escalated_from":null,"level":0,"name":"n","next_tier_at":null,"ola_due":null,"ola_warn_at":null,"priority":0,"seq":5,"stage":"s","target":"g","task":"TEC-000001.1","type":"task.created"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"seq":6,"task":"TEC-000001.1","to":"carol","type":"task.assigned"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","seq":7,"task":"TEC-000001.1","type":"task.opened"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"seq":8,"task":"TEC-000001.1","type":"task.released"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","outcome":\#(tricky),"seq":9,"task":"TEC-000001.1","type":"task.completed"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"outcome":"expert","seq":10,"task":"TEC-000001.1","type":"task.escalated"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","outcome":null,"seq":11,"task":"TEC-000001.1","type":"task.escalated"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"seq":12,"task":"TEC-000001.3","type":"task.cancelled"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","seq":13,"target":"tier2","task":"TEC-000001.1","type":"task.reassigned"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"priority":4,"seq":14,"task":"TEC-000001.1","type":"task.priority_changed"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","ola_due":"2026-03-03T09:00:00Z","ola_warn_at":"2026-03-02T09:00:00Z","seq":15,"task":"TEC-000001.1","type":"task.ola_changed"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"ola_due":null,"ola_warn_at":null,"seq":16,"task":"TEC-000001.1","type":"task.ola_changed"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","due":"2026-03-02T09:00:00Z","seq":17,"task":"TEC-000001.1","timer":"ola_warning","type":"timer.fired"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"due":"2026-03-02T09:00:00Z","seq":18,"task":"TEC-000001.2","timer":"ola_breach","type":"timer.fired"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","due":"2026-03-02T09:00:00Z","seq":19,"task":null,"timer":"sla_warning","type":"timer.fired"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"due":"2026-03-03T09:00:00Z","seq":20,"task":null,"timer":"sla_breach","type":"timer.fired"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","due":"2026-03-02T09:00:00Z","seq":21,"task":"TEC-000001.1","timer":"tier_expansion","type":"timer.fired"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"seq":22,"task":"TEC-000001.1","type":"task.escalation_deferred"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","next_tier_at":"2026-03-03T09:00:00Z","seq":23,"task":"TEC-000001.1","tier":1,"type":"task.tier_expanded"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"next_tier_at":null,"seq":24,"task":"TEC-000001.1","tier":2,"type":"task.tier_expanded"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","priority":-1,"seq":25,"type":"case.priority_changed"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"fields":{"B":"1","a":\#(tricky),"é":""},"seq":26,"type":"case.fields_set"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","fields":{},"seq":27,"type":"case.fields_set"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"seq":28,"status":"open","type":"case.status_changed"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","seq":29,"status":"in_progress","type":"case.status_changed"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"seq":30,"status":"pending","type":"case.status_changed"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","seq":31,"status":"escalated","type":"case.status_changed"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"seq":32,"status":"closed","type":"case.status_changed"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","seq":33,"status":"cancelled","type":"case.status_changed"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"pauses_sla":true,"seq":34,"type":"case.pended"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","pauses_sla":false,"seq":35,"type":"case.pended"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"seq":36,"sla_due":"2026-03-03T09:00:00Z","sla_warn_at":"2026-03-02T09:00:00Z","type":"case.resumed"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","seq":37,"sla_due":null,"sla_warn_at":null,"type":"case.resumed"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"resolution":"fixed","seq":38,"type":"case.closed"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","seq":39,"type":"case.cancelled"}"#,
    #"{"at":"2026-03-03T09:00:00Z","body":\#(tricky),"by":null,"channel":"email","event":"task_created","notification":"TEC-000001/n1","seq":40,"subject":"Case TEC-000001","task":"TEC-000001.1","template":"confirm","to":"a@b.example","type":"notification.queued"}"#,
    #"{"at":"2026-03-02T09:00:00Z","body":"","by":"alice","channel":"sms","event":"case_closed","notification":"TEC-000001/n2","seq":41,"subject":"","task":null,"template":"t","to":"+32","type":"notification.queued"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"notification":"TEC-000001/n1","seq":42,"type":"notification.delivered"}"#,
    #"{"at":"2026-03-02T09:00:00Z","by":"alice","name":"a b.pdf","seq":43,"size":10,"stored":"attachments/TEC-000001/1-a b.pdf","type":"case.attachment_added"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"interaction":"phone:+32/123","seq":44,"type":"case.interaction_linked"}"#,
    // Written since cases record their customer; format 1 has no twins of these.
    #"{"at":"2026-03-02T09:00:00Z","bundle":"h","by":"alice","case":"TEC-000002","case_type":"t","channel":"voice","customer":"CUS-000001","fields":{},"identification":"matched","priority":0,"request":null,"request_digest":null,"seq":45,"sla_due":null,"sla_warn_at":null,"type":"case.created"}"#,
    #"{"at":"2026-03-02T09:00:00Z","bundle":"h","by":"alice","case":"TEC-000002","case_type":"t","channel":null,"customer":null,"fields":{},"identification":"ambiguous","priority":0,"request":null,"request_digest":null,"seq":46,"sla_due":null,"sla_warn_at":null,"type":"case.created"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":"sam","customer":"CUS-000002","seq":47,"type":"case.customer_linked"}"#,
    #"{"at":"2026-03-04T09:00:00Z","by":"sam","from":"CUS-000002","seq":48,"to":"CUS-000001","type":"case.customer_moved"}"#,
    // Written since tasks are rescheduled and cases updated (`case update`).
    #"{"at":"2026-03-02T10:00:00Z","by":"alice","seq":49,"task":"TEC-000001.1","type":"task.rescheduled","until":"2026-03-03T08:00:00Z"}"#,
    #"{"at":"2026-03-03T08:00:00Z","by":null,"next_tier_at":null,"ola_due":"2026-03-04T11:00:00Z","ola_warn_at":null,"seq":50,"task":"TEC-000001.1","type":"task.returned"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":null,"due":"2026-03-03T08:00:00Z","seq":51,"task":"TEC-000001.1","timer":"task_return","type":"timer.fired"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":"sam","fields":{"Segment":{"after":"gold","before":"silver"},"b":{"after":null,"before":\#(tricky)}},"priority":{"after":75,"before":50},"seq":52,"skill":{"after":"dutch","before":null},"tasks":[{"priority":{"after":75,"before":50},"skill":{"after":"dutch","before":"technical"},"target":{"after":"tier2","before":"tier1"},"task":"TEC-000001.1"},{"priority":null,"skill":null,"target":{"after":"a","before":"b"},"task":"TEC-000001.2"}],"type":"case.updated"}"#,
    #"{"at":"2026-03-03T09:00:00Z","by":"sam","fields":{"a":{"after":"x","before":null}},"priority":null,"seq":53,"skill":null,"tasks":[],"type":"case.updated"}"#,
    // Written since push tasks are offered.
    #"{"at":"2026-03-05T09:00:00Z","by":null,"expires":"2026-03-05T09:00:45Z","seq":54,"task":"TEC-000001.1","to":"fiona","type":"task.offered"}"#,
    #"{"at":"2026-03-05T09:00:10Z","by":"fiona","seq":55,"task":"TEC-000001.1","type":"task.offer_accepted"}"#,
    #"{"at":"2026-03-05T09:00:10Z","by":"fiona","reason":\#(tricky),"seq":56,"task":"TEC-000001.1","type":"task.offer_declined","until":"2026-03-05T09:00:55Z"}"#,
    #"{"at":"2026-03-05T09:01:00Z","by":null,"seq":57,"task":"TEC-000001.1","type":"task.offer_expired","user":"gary"}"#,
    #"{"at":"2026-03-05T09:01:00Z","by":"ops","due":"2026-03-05T09:00:45Z","seq":58,"task":"TEC-000001.1","timer":"offer_timeout","type":"timer.fired"}"#,
    // Written since supervisors set a case's SLA (`case set --sla`).
    #"{"at":"2026-03-05T09:02:00Z","by":"sam","seq":59,"sla":"2d 4h","sla_due":"2026-03-09T13:00:00Z","sla_seconds":72000,"sla_warn_at":"2026-03-09T09:00:00Z","type":"case.sla_set"}"#,
    #"{"at":"2026-03-05T09:03:00Z","by":"sam","seq":60,"sla":\#(tricky),"sla_due":null,"sla_seconds":1,"sla_warn_at":null,"type":"case.sla_set"}"#,
    // Written since an offer is withdrawn when its user leaves ready (stop 35).
    #"{"at":"2026-03-05T09:00:20Z","by":null,"reason":"not_ready (break)","seq":61,"task":"TEC-000001.1","type":"task.offer_withdrawn","user":"gary"}"#,
  ]

  static let states: [String] = [
    #"{"attachments":[{"name":"a.pdf","size":3,"stored":"attachments/TEC-000001/1-a.pdf"}],"bundle":"sha256:ab","channel":null,"closed_at":"2026-03-03T09:00:00Z","created_at":"2026-03-02T09:00:00Z","created_by":"alice","customer":null,"fields":{"summary":\#(tricky)},"id":"TEC-000001","identification":null,"interactions":["phone:1",\#(tricky)],"outbox":[{"body":"b","channel":"email","delivered":false,"event":"e","notification":"TEC-000001/n1","subject":"s","task":"TEC-000001.2","template":"t","to":"x"},{"body":"b","channel":"email","delivered":true,"event":"e","notification":"TEC-000001/n2","subject":"s","task":null,"template":"t","to":"x"}],"pending_since":"2026-03-02T09:00:00Z","priority":2,"resolution":"fixed","sla_breached":true,"sla_due":"2026-03-03T09:00:00Z","sla_paused":true,"sla_warn_at":"2026-03-02T09:00:00Z","sla_warned":false,"stage":"triage","status":"closed","tasks":[{"assignee":"bob","created_at":"2026-03-02T09:00:00Z","definition":"handle","ended_at":"2026-03-03T09:00:00Z","escalated_from":"TEC-000001.1","escalation_deferred":true,"handled_by":"bob","id":"TEC-000001.2","level":1,"name":\#(tricky),"next_tier_at":"2026-03-03T09:00:00Z","ola_breached":false,"ola_due":"2026-03-03T09:00:00Z","ola_warn_at":"2026-03-02T09:00:00Z","ola_warned":true,"outcome":"approve","priority":3,"stage":"triage","status":"completed","target":"tier1","tier":1},{"assignee":null,"created_at":"2026-03-02T09:00:00Z","definition":"d","ended_at":null,"escalated_from":null,"escalation_deferred":false,"handled_by":null,"id":"TEC-000001.1","level":0,"name":"n","next_tier_at":null,"ola_breached":false,"ola_due":null,"ola_warn_at":null,"ola_warned":false,"outcome":null,"priority":0,"stage":"s","status":"queued","target":"g","tier":0}],"type":"technical","updated_at":null,"version":12}"#,
    #"{"attachments":[],"bundle":"h","channel":null,"closed_at":null,"created_at":"2026-03-02T09:00:00Z","created_by":null,"customer":null,"fields":{},"id":"X-1","identification":null,"interactions":[],"outbox":[],"pending_since":null,"priority":0,"resolution":null,"sla_breached":false,"sla_due":null,"sla_paused":false,"sla_warn_at":null,"sla_warned":false,"stage":null,"status":"open","tasks":[],"type":"t","updated_at":null,"version":1}"#,

    // Written since cases record their customer; format 1 has no twin of it.
    #"{"attachments":[],"bundle":"h","channel":"sms","closed_at":null,"created_at":"2026-03-02T09:00:00Z","created_by":"alice","customer":"CUS-000001","fields":{},"id":"X-2","identification":"linked","interactions":[],"outbox":[],"pending_since":null,"priority":0,"resolution":null,"sla_breached":false,"sla_due":null,"sla_paused":false,"sla_warn_at":null,"sla_warned":false,"stage":null,"status":"open","tasks":[],"type":"t","updated_at":"2026-03-02T09:00:00Z","version":2}"#,
    // A scheduled task: its two times are written only while it is scheduled.
    #"{"attachments":[],"bundle":"h","channel":null,"closed_at":null,"created_at":"2026-03-02T09:00:00Z","created_by":"alice","customer":null,"fields":{},"id":"X-3","identification":null,"interactions":[],"outbox":[],"pending_since":null,"priority":0,"resolution":null,"sla_breached":false,"sla_due":null,"sla_paused":false,"sla_warn_at":null,"sla_warned":false,"stage":"s","status":"in_progress","tasks":[{"assignee":null,"created_at":"2026-03-02T09:00:00Z","definition":"d","ended_at":null,"escalated_from":null,"escalation_deferred":false,"handled_by":"bob","id":"X-3.1","level":0,"name":"n","next_tier_at":null,"ola_breached":false,"ola_due":"2026-03-02T17:00:00Z","ola_warn_at":null,"ola_warned":false,"outcome":null,"priority":50,"scheduled_since":"2026-03-02T10:00:00Z","scheduled_until":"2026-03-03T08:00:00Z","stage":"s","status":"scheduled","target":"g","tier":0}],"type":"t","updated_at":"2026-03-02T10:00:00Z","version":5}"#,
    // An offered task with a standing decline: its offer and declines are written only when set.
    #"{"attachments":[],"bundle":"h","channel":null,"closed_at":null,"created_at":"2026-03-05T09:00:00Z","created_by":"alice","customer":null,"fields":{},"id":"X-4","identification":null,"interactions":[],"outbox":[],"pending_since":null,"priority":0,"resolution":null,"sla_breached":false,"sla_due":null,"sla_paused":false,"sla_warn_at":null,"sla_warned":false,"stage":"s","status":"open","tasks":[{"assignee":null,"created_at":"2026-03-05T09:00:00Z","declines":[{"until":"2026-03-05T09:00:55Z","user":"fiona"},{"until":"2026-03-05T09:01:40Z","user":"gary"}],"definition":"d","ended_at":null,"escalated_from":null,"escalation_deferred":false,"handled_by":null,"id":"X-4.1","level":0,"name":"n","next_tier_at":null,"offer_expires":"2026-03-05T09:01:40Z","offered_to":"hana","ola_breached":false,"ola_due":"2026-03-06T17:00:00Z","ola_warn_at":null,"ola_warned":false,"outcome":null,"priority":50,"stage":"s","status":"offered","target":"g","tier":0}],"type":"t","updated_at":"2026-03-05T09:00:55Z","version":8}"#,
    // Every member written only when set: the skill and the time of the status, a task's queueing and status.
    #"{"attachments":[],"bundle":"h","channel":null,"closed_at":null,"created_at":"2026-03-05T09:00:00Z","created_by":"alice","customer":null,"fields":{},"id":"X-5","identification":null,"interactions":[],"outbox":[],"pending_since":null,"priority":0,"resolution":null,"skill":"billing","sla_breached":false,"sla_due":null,"sla_paused":false,"sla_warn_at":null,"sla_warned":false,"stage":"s","status":"open","status_since":"2026-03-05T09:00:00Z","tasks":[{"assignee":null,"created_at":"2026-03-05T09:00:00Z","declines":[{"until":"2026-03-05T09:00:55Z","user":"fiona"},{"until":"2026-03-05T09:01:40Z","user":"gary"}],"definition":"d","ended_at":null,"escalated_from":null,"escalation_deferred":false,"handled_by":null,"id":"X-5.1","level":0,"name":"n","next_tier_at":null,"offer_expires":"2026-03-05T09:01:40Z","offered_to":"hana","ola_breached":false,"ola_due":"2026-03-06T17:00:00Z","ola_warn_at":null,"ola_warned":false,"outcome":null,"priority":50,"queued_since":"2026-03-05T09:00:10Z","stage":"s","status":"offered","status_since":"2026-03-05T09:00:20Z","target":"g","tier":0}],"type":"t","updated_at":"2026-03-05T09:00:55Z","version":8}"#,
    // A supervisor's SLA: written only once set.
    #"{"attachments":[],"bundle":"h","channel":null,"closed_at":null,"created_at":"2026-03-05T09:00:00Z","created_by":"alice","customer":null,"fields":{},"id":"X-6","identification":null,"interactions":[],"outbox":[],"pending_since":null,"priority":0,"resolution":null,"sla":"3d","sla_breached":false,"sla_due":null,"sla_paused":false,"sla_seconds":86400,"sla_warn_at":null,"sla_warned":false,"stage":"s","status":"open","status_since":"2026-03-05T09:00:00Z","tasks":[{"assignee":null,"created_at":"2026-03-05T09:00:00Z","declines":[{"until":"2026-03-05T09:00:55Z","user":"fiona"},{"until":"2026-03-05T09:01:40Z","user":"gary"}],"definition":"d","ended_at":null,"escalated_from":null,"escalation_deferred":false,"handled_by":null,"id":"X-6.1","level":0,"name":"n","next_tier_at":null,"offer_expires":"2026-03-05T09:01:40Z","offered_to":"hana","ola_breached":false,"ola_due":"2026-03-06T17:00:00Z","ola_warn_at":null,"ola_warned":false,"outcome":null,"priority":50,"queued_since":"2026-03-05T09:00:10Z","stage":"s","status":"offered","status_since":"2026-03-05T09:00:20Z","target":"g","tier":0}],"type":"t","updated_at":"2026-03-05T09:00:55Z","version":8}"#,
  ]

  static func event(_ line: String) throws -> CaseEvent {
    try CaseEvent(json: JSONValue.parse(Array(line.utf8), limits: .store), caseID: caseID)
  }

  @Test(arguments: events) func anEventReadsBackAndWritesItsLineAgain(_ line: String) throws {
    let event = try Self.event(line)
    let written = event.json(caseID: Self.caseID).compact()
    #expect(String(decoding: written, as: UTF8.self) == line)
    // The bytes the store writes, without the tree, are the same.
    #expect(event.compactJSON(caseID: Self.caseID) == written)
    #expect(try CaseEvent(json: JSONValue.parse(written, limits: .store), caseID: Self.caseID) == event)
    // Its members are given in key order: the writer has nothing to sort.
    if case .object(let members) = event.json(caseID: Self.caseID) {
      #expect(members.map(\.key) == members.map(\.key).sorted())
    } else {
      Issue.record("an event is an object")
    }
  }

  @Test(arguments: states) func aStateReadsBackAndWritesItsLineAgain(_ line: String) throws {
    let state = try CaseState(json: JSONValue.parse(Array(line.utf8), limits: .store))
    #expect(String(decoding: state.json.compact(), as: UTF8.self) == line)
    #expect(String(decoding: state.compactJSON(), as: UTF8.self) == line)
    #expect(try CaseState(json: JSONValue.parse(state.json.compact(), limits: .store)) == state)
    // Its members and its tasks' are given in key order: the writer has nothing to sort.
    guard case .object(let members) = state.json, case .array(let tasks)? = state.json["tasks"] else {
      Issue.record("a state is an object with a list of tasks")
      return
    }
    #expect(members.map(\.key) == members.map(\.key).sorted())
    for case .object(let task) in tasks { #expect(task.map(\.key) == task.map(\.key).sorted()) }
  }

  /// Histories written before cases recorded their customer still read: no customer, no
  /// identification, no channel.
  @Test func aCreationWrittenBeforeIdentificationReadsAsNoCustomer() throws {
    let event = try Self.event(
      #"{"at":"2026-03-03T09:00:00Z","bundle":"h","by":null,"case":"TEC-000002","case_type":"t","fields":{},"priority":0,"request":null,"seq":1,"sla_due":null,"sla_warn_at":null,"type":"case.created"}"#
    )
    let state = try #require(CaseState.replay([event]))
    #expect(state.customer == nil && state.identification == nil && state.channel == nil)
  }

  @Test func theSamplesHoldEveryEventType() throws {
    let kinds = try Set(Self.events.map { try Self.event($0).change.kind })
    #expect(kinds == Set(CaseChange.Kind.allCases))
    #expect(kinds.count == 37)
  }

  @Test func theRecordsInTheRuntimeDocsAreWhatTheStoreWrites() throws {
    let docs = try String(
      contentsOf: BinaryRunner.repositoryRoot.appendingPathComponent("docs/runtime.md"), encoding: .utf8)
    let fence = try #require(docs.range(of: "```json\n"))
    let end = try #require(docs.range(of: "```", range: fence.upperBound..<docs.endIndex))
    let lines = docs[fence.upperBound..<end.lowerBound].split(separator: "\n").map(String.init)
    #expect(lines.count == 2)
    for line in lines {
      #expect(String(decoding: try Self.event(line).json(caseID: Self.caseID).compact(), as: UTF8.self) == line)
    }
  }
}
