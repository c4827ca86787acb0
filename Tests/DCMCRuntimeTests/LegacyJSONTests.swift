import DCMCJSON
import DCMCRuntime
import DCMCStore
import Testing

/// Format 1 (`CaseEvent+LegacyJSON.swift`, `CaseState+LegacyJSON.swift`): history records
/// and state caches as the synthesized `Codable` and `JSONEncoder` wrote them before the
/// explicit event schema (each line here was Foundation's output for its value, checked
/// while the types were still `Codable`). Each reads as the value that its format-2 line in
/// `RecordJSONTests` reads as: this is the conversion of every change, with and without its
/// optional values. `LegacyRecordTests` holds the fixture store's records to the values the
/// format-1 decoder itself gave.
@Suite struct LegacyJSONTests {
  static let instant = #"{"secondsSinceEpoch":1772442000}"#
  static let later = #"{"secondsSinceEpoch":1772528400}"#
  /// Quotes, backslashes, slashes, control characters, DEL, U+2028 and non-ASCII, as
  /// Foundation escapes them.
  static let tricky = #""q\"b\\s/l\u0000\u0001\b\f\n\r\t\u001f\#u{7F}\#u{2028}é😀""#

  /// Every change, with and without its optional values.
  static let changes: [String] = [
    #"{"created":{"_0":{"bundle":"sha256:ab","fields":{"B":"2","a/b":"x","summary":\#(tricky),"é":""},"id":"TEC-000001","priority":2,"request":"r-1","slaDue":\#(later),"slaWarnAt":\#(instant),"type":"technical"}}}"#,
    #"{"created":{"_0":{"bundle":"h","fields":{},"id":"TEC-000002","priority":0,"type":"t"}}}"#,
    #"{"stageEntered":{"stage":"triage"}}"#,
    #"{"taskCreated":{"_0":{"definition":"handle","escalatedFrom":1,"level":1,"name":\#(tricky),"nextTierAt":\#(later),"number":2,"olaDue":\#(later),"olaWarnAt":\#(instant),"priority":3,"stage":"triage","target":"tier1"}}}"#,
    #"{"taskCreated":{"_0":{"definition":"d","level":0,"name":"n","number":1,"priority":0,"stage":"s","target":"g"}}}"#,
    #"{"taskAssigned":{"task":1,"to":"carol"}}"#,
    #"{"taskOpened":{"task":1}}"#,
    #"{"taskReleased":{"task":1}}"#,
    #"{"taskCompleted":{"outcome":\#(tricky),"task":1}}"#,
    #"{"taskEscalated":{"outcome":"expert","task":1}}"#,
    #"{"taskEscalated":{"task":1}}"#,
    #"{"taskCancelled":{"task":3}}"#,
    #"{"taskReassigned":{"target":"tier2","task":1}}"#,
    #"{"taskPriorityChanged":{"priority":4,"task":1}}"#,
    #"{"taskOLAChanged":{"due":\#(later),"task":1,"warnAt":\#(instant)}}"#,
    #"{"taskOLAChanged":{"task":1}}"#,
    #"{"timerFired":{"_0":{"due":\#(instant),"kind":"ola_warning","task":1}}}"#,
    #"{"timerFired":{"_0":{"due":\#(instant),"kind":"ola_breach","task":2}}}"#,
    #"{"timerFired":{"_0":{"due":\#(instant),"kind":"sla_warning"}}}"#,
    #"{"timerFired":{"_0":{"due":\#(later),"kind":"sla_breach"}}}"#,
    #"{"timerFired":{"_0":{"due":\#(instant),"kind":"tier_expansion","task":1}}}"#,
    #"{"escalationDeferred":{"task":1}}"#,
    #"{"tierExpanded":{"nextAt":\#(later),"task":1,"tier":1}}"#,
    #"{"tierExpanded":{"task":1,"tier":2}}"#,
    #"{"priorityChanged":{"_0":-1}}"#,
    #"{"fieldsSet":{"_0":{"B":"1","a":\#(tricky),"é":""}}}"#,
    #"{"fieldsSet":{"_0":{}}}"#,
    #"{"statusChanged":{"_0":"open"}}"#,
    #"{"statusChanged":{"_0":"in_progress"}}"#,
    #"{"statusChanged":{"_0":"pending"}}"#,
    #"{"statusChanged":{"_0":"escalated"}}"#,
    #"{"statusChanged":{"_0":"closed"}}"#,
    #"{"statusChanged":{"_0":"cancelled"}}"#,
    #"{"pended":{"pausesSLA":true}}"#,
    #"{"pended":{"pausesSLA":false}}"#,
    #"{"resumed":{"slaDue":\#(later),"slaWarnAt":\#(instant)}}"#,
    #"{"resumed":{}}"#,
    #"{"closed":{"resolution":"fixed"}}"#,
    #"{"cancelled":{}}"#,
    #"{"notificationQueued":{"_0":{"body":\#(tricky),"channel":"email","event":"task_created","id":"TEC-000001/n1","subject":"Case TEC-000001","task":1,"template":"confirm","to":"a@b.example"}}}"#,
    #"{"notificationQueued":{"_0":{"body":"","channel":"sms","event":"case_closed","id":"TEC-000001/n2","subject":"","template":"t","to":"+32"}}}"#,
    #"{"notificationDelivered":{"id":"TEC-000001/n1"}}"#,
    #"{"attachmentAdded":{"_0":{"name":"a b.pdf","size":10,"stored":"attachments/TEC-000001/1-a b.pdf"}}}"#,
    #"{"interactionLinked":{"_0":"phone:+32/123"}}"#,
  ]

  /// Each change as an event, by a user and by the system (no `by`).
  static let events: [String] =
    changes.enumerated().map { index, change in
      index.isMultiple(of: 2)
        ? #"{"at":\#(instant),"by":"alice","change":\#(change),"seq":\#(index + 1)}"#
        : #"{"at":\#(later),"change":\#(change),"seq":\#(index + 1)}"#
    }

  static let fullTask =
    #"{"assignee":"bob","createdAt":\#(instant),"definition":"handle","endedAt":\#(later),"escalatedFrom":1,"escalationDeferred":true,"handledBy":"bob","id":"TEC-000001.2","level":1,"name":\#(tricky),"nextTierAt":\#(later),"number":2,"olaBreached":false,"olaDue":\#(later),"olaWarnAt":\#(instant),"olaWarned":true,"outcome":"approve","priority":3,"stage":"triage","status":"completed","target":"tier1","tier":1}"#
  static let task =
    #"{"createdAt":\#(instant),"definition":"d","escalationDeferred":false,"id":"TEC-000001.1","level":0,"name":"n","number":1,"olaBreached":false,"olaWarned":false,"priority":0,"stage":"s","status":"queued","target":"g","tier":0}"#

  static let states: [String] = [
    #"{"attachments":[{"name":"a.pdf","size":3,"stored":"attachments/TEC-000001/1-a.pdf"}],"bundle":"sha256:ab","closedAt":\#(later),"createdAt":\#(instant),"createdBy":"alice","fields":{"summary":\#(tricky)},"id":"TEC-000001","interactions":["phone:1",\#(tricky)],"outbox":[{"delivered":false,"notification":{"body":"b","channel":"email","event":"e","id":"TEC-000001/n1","subject":"s","task":2,"template":"t","to":"x"}},{"delivered":true,"notification":{"body":"b","channel":"email","event":"e","id":"TEC-000001/n2","subject":"s","template":"t","to":"x"}}],"pendingSince":\#(instant),"priority":2,"resolution":"fixed","slaBreached":true,"slaDue":\#(later),"slaPaused":true,"slaWarnAt":\#(instant),"slaWarned":false,"stage":"triage","status":"closed","tasks":[\#(fullTask),\#(task)],"type":"technical","version":12}"#,
    #"{"attachments":[],"bundle":"h","createdAt":\#(instant),"fields":{},"id":"X-1","interactions":[],"outbox":[],"priority":0,"slaBreached":false,"slaPaused":false,"slaWarned":false,"status":"open","tasks":[],"type":"t","version":1}"#,
  ]

  @Test(arguments: zip(events, RecordJSONTests.events))
  func aFormatOneEventReadsAsItsFormatTwoLine(_ legacy: String, _ line: String) throws {
    #expect(try RecordJSONTests.event(legacy) == RecordJSONTests.event(line))
  }

  @Test(arguments: zip(states, RecordJSONTests.states))
  func aFormatOneStateReadsAsItsFormatTwoLine(_ legacy: String, _ line: String) throws {
    let state = try CaseState(json: JSONValue.parse(Array(legacy.utf8), limits: .store))
    #expect(state == (try CaseState(json: JSONValue.parse(Array(line.utf8), limits: .store))))
  }
}
