import DCMCJSON
import DCMCLanguageServer
import Testing

/// Fields and outcomes are named inside conditions and template placeholders too: their
/// references and renames reach there, and a rename that would break a text is refused.
@Suite struct LanguageServerFieldRenameTests {
  typealias Session = LanguageServerSession

  static let orders = """
    kind: CaseType
    id: orders
    calendar: night
    fields:
      - { id: Amount, type: number }
      - { id: Language, type: enum, values: [en, fr] }
    rules:
      - when: Amount > 100 and not (Language == "fr")
        priority: high
    notifications:
      - { on: case_created, channel: email, to: "boss@example.com", template: ack }
    stages:
      - id: handling
        tasks:
          - id: handle
            start: true
            target:
              - { when: 'Language == "fr"', to: employees }
              - { to: employees }
            outcomes:
              done: { close: resolved }
    """

  static let ack = """
    kind: Template
    id: ack
    subject: "Order {{ Amount }}"
    body: "Amount {{Amount}} in {{Language}}, case {{Case_Id}}"
    """

  static let ordersURI = "file:///ws/definitions/orders.yaml"
  static let ackURI = "file:///ws/definitions/ack.yaml"

  static func session(extra: [String: String] = [:]) -> Session {
    var files = Session.files
    files["/ws/definitions/orders.yaml"] = orders
    files["/ws/definitions/ack.yaml"] = ack
    files.merge(extra) { $1 }
    var session = Session(files: files)
    _ = session.start()
    return session
  }

  static func edits(_ result: JSONValue, _ uri: String) -> [String] {
    (result["result"]?["changes"]?[uri]?.arrayValue ?? []).map {
      "\($0["range"]?["start"]?["line"]?.intValue ?? -1):\($0["range"]?["start"]?["character"]?.intValue ?? -1)"
        + "-\($0["range"]?["end"]?["character"]?.intValue ?? -1)=\($0["newText"]?.stringValue ?? "")"
    }
  }

  @Test func renamingAFieldEditsItsConditionsAndPlaceholdersByName() {
    var session = Self.session()
    // Line 5: "  - { id: Language, ...": the declaration.
    let result = LanguageServerEditsTests.rename(&session, Self.ordersURI, 5, 12, to: "Locale")
    #expect(Self.edits(result, Self.ordersURI) == ["5:10-18=Locale", "7:32-40=Locale", "17:21-29=Locale"])
    #expect(Self.edits(result, Self.ackURI) == ["3:30-38=Locale"])
  }

  @Test func aFieldInAConditionLeadsToItsDeclarationAndItsUses() {
    var session = Self.session()
    // Line 7: "  - when: Amount > 100 ...", on 'Amount'.
    let definition = session.request("textDocument/definition", Session.at(Self.ordersURI, 7, 12))["result"]
    #expect(definition?.arrayValue.map { $0["range"]?["start"]?["line"]?.intValue } == [4])
    let references = session.request(
      "textDocument/references",
      "{\"textDocument\":{\"uri\":\"\(Self.ordersURI)\"},\"position\":\(Session.position(7, 12)),\"context\":{\"includeDeclaration\":false}}"
    )["result"]?.arrayValue ?? []
    #expect(references.map { "\($0["uri"]?.stringValue ?? ""):\($0["range"]?["start"]?["line"]?.intValue ?? -1)" } == [
      "\(Self.ackURI):2", "\(Self.ackURI):3", "\(Self.ordersURI):7",
    ])
  }

  @Test func aRenameToATakenNameOrAWordOfConditionsIsRefused() {
    var session = Self.session()
    let taken = LanguageServerEditsTests.rename(&session, Self.ordersURI, 4, 12, to: "Language")
    #expect(taken["error"]?["message"]?.stringValue == "field 'Language' already exists in case type 'orders'")
    let keyword = LanguageServerEditsTests.rename(&session, Self.ordersURI, 4, 12, to: "empty")
    #expect(keyword["error"]?["message"]?.stringValue == "'empty' is a word of conditions and templates, not a field name")
    // Line 10 of claims: "          done: { close: resolved }", an outcome of task handle.
    let outcome = LanguageServerEditsTests.rename(&session, Session.claimsURI, 10, 13, to: "check")
    #expect(outcome["error"]?["message"]?.stringValue == "outcome 'check' already exists in task 'handle'")
  }

  @Test func aFieldThatASharedTemplateNamesForAnotherCaseTypeIsNotRenamed() {
    let other = Self.orders.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0 == "id: orders" ? "id: returns" : String($0) }.joined(separator: "\n")
    var session = Self.session(extra: ["/ws/definitions/returns.yaml": other])
    let result = LanguageServerEditsTests.rename(&session, Self.ordersURI, 4, 12, to: "Total")
    #expect(result["error"]?["message"]?.stringValue == "a template names field 'Amount' for case type 'returns' too")
  }

  @Test func renamingAnOutcomeEditsTheScenariosThatChooseIt() {
    let scenario = """
      kind: Scenario
      id: closing
      case_type: claims
      start: 2026-01-05T09:00:00Z
      steps:
        - create: {}
        - complete: { task: handle, outcome: done }
      """
    var session = Self.session(extra: ["/ws/definitions/scenarios/closing.yaml": scenario])
    let result = LanguageServerEditsTests.rename(&session, Session.claimsURI, 10, 13, to: "finished")
    #expect(Self.edits(result, Session.claimsURI) == ["10:10-14=finished"])
    #expect(Self.edits(result, "file:///ws/definitions/scenarios/closing.yaml") == ["6:39-43=finished"])
  }
}
