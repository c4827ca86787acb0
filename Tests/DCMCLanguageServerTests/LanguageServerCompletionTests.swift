import DCMCJSON
import DCMCLanguageServer
import Testing

/// Completion on a document being typed: the keys the schema allows where the cursor is,
/// and only the ids valid at that position.
@Suite struct LanguageServerCompletionTests {
  typealias Session = LanguageServerSession

  /// Opens `uri` with `text`, where `|` marks the cursor, and returns the completion labels.
  static func labels(_ text: String, in uri: String = Session.claimsURI, session: inout Session) -> [String] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = lines.firstIndex { $0.contains("|") } ?? 0
    let character = lines[line].distance(from: lines[line].startIndex, to: lines[line].firstIndex(of: "|")!)
    let typed = text.replacing("|", with: "")
    _ = session.notify(
      "textDocument/didOpen",
      "{\"textDocument\":{\"uri\":\"\(uri)\",\"languageId\":\"yaml\",\"version\":1,\"text\":\(Session.quoted(typed))}}")
    let result = session.request("textDocument/completion", Session.at(uri, line, character))["result"]
    return (result?["items"]?.arrayValue ?? []).compactMap { $0["label"]?.stringValue }
  }

  static func claims(replacing line: String, with typed: String) -> String {
    Session.claims.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0 == line ? typed : String($0) }.joined(separator: "\n")
  }

  @Test func aTargetOffersTheWorkgroupsOnly() {
    var session = Session.started()
    let text = Self.claims(replacing: "        target: employees", with: "        target: emp|")
    #expect(Self.labels(text, session: &session) == ["employees"])
  }

  @Test func aKeyOffersTheKeysOfItsMappingNotYetWritten() {
    var session = Session.started()
    let text = Self.claims(replacing: "        ola: 1d 4h", with: "        o|")
    let labels = Self.labels(text, session: &session)
    #expect(labels.contains("ola") && labels.contains("distribution") && labels.contains("priority"))
    #expect(!labels.contains("id") && !labels.contains("target") && !labels.contains("outcomes"))
    #expect(!labels.contains("stages") && !labels.contains("tasks"))
  }

  @Test func aConditionBeingTypedOffersTheFieldsOfItsCaseType() {
    var session = LanguageServerFieldRenameTests.session()
    let text = LanguageServerFieldRenameTests.orders.replacing(
      "  - when: Amount > 100 and not (Language == \"fr\")", with: "  - when: Amount > 100 and (La|")
    #expect(Self.labels(text, in: LanguageServerFieldRenameTests.ordersURI, session: &session) == ["Amount", "Language"])
  }

  @Test func aPlaceholderOffersTheFieldsOfTheCaseTypesUsingTheTemplateAndTheBuiltIns() {
    var session = LanguageServerFieldRenameTests.session()
    let text = LanguageServerFieldRenameTests.ack.replacing("{{ Amount }}", with: "{{ Am|")
    let labels = Self.labels(text, in: LanguageServerFieldRenameTests.ackURI, session: &session)
    #expect(labels.starts(with: ["Amount", "Language", "Case_Type"]))
    #expect(!labels.contains("Membership_No"))
  }

  @Test func aScenarioOutcomeOffersTheOutcomesOfTheStepsTask() {
    var session = Session.started()
    let scenario = """
      kind: Scenario
      id: closing
      case_type: claims
      steps:
        - complete: { task: handle, outcome: | }
      """
    #expect(Self.labels(scenario, in: "file:///ws/definitions/closing.yaml", session: &session) == ["done", "check"])
  }

  @Test func aCalendarOffersTheCalendarsAndTheBuiltInOne() {
    var session = Session.started()
    let text = Self.claims(replacing: "calendar: night", with: "calendar: |")
    #expect(Self.labels(text, session: &session) == ["24x7", "night"])
  }

  @Test func aStartOfAnOutcomeOffersTheTasksAndAnEnumItsValues() {
    var session = Session.started()
    let start = Self.claims(replacing: "          check: { start: check }", with: "          check: { start: [|")
    #expect(Self.labels(start, session: &session) == ["handle", "check"])
    let kind = Self.claims(replacing: "        ola: 1d 4h", with: "        kind: |")
    #expect(Self.labels(kind, session: &session) == ["work", "approval", "form"])
  }

  @Test func theCursorsPathIsReadFromIndentationAndFlowMappings() {
    let text = """
      kind: CaseType
      id: claims
      stages:
        - id: handling
          tasks:
            - id: handle
              outcomes:
                done: { close: resolved, sta
      """
    let context = CompletionContext(text: text, line: 7, column: 38)
    #expect(context.kind == "CaseType" && context.id == "claims")
    #expect(context.path == ["stages", "tasks", "outcomes", "done"])
    #expect(context.slot == .key)
    #expect(context.siblings == ["close": "resolved"])
    #expect(context.word == "sta")
  }
}
