import DCMCJSON
import DCMCLanguageServer
import Testing

/// An edit re-checks only the case types it can change, and the diagnostics stay those of a
/// whole check.
@Suite struct IncrementalCheckTests {
  typealias Session = LanguageServerSession

  static func files() -> [String: String] {
    var files = Session.files
    files["/ws/definitions/orders.yaml"] = LanguageServerFieldRenameTests.orders
    files["/ws/definitions/ack.yaml"] = LanguageServerFieldRenameTests.ack
    return files
  }

  static func open(_ session: inout Session, _ uri: String, _ text: String, version: Int) -> [JSONValue] {
    session.notify(
      "textDocument/didOpen",
      "{\"textDocument\":{\"uri\":\"\(uri)\",\"languageId\":\"yaml\",\"version\":\(version),\"text\":\(Session.quoted(text))}}")
  }

  static func codes(_ published: [JSONValue], _ uri: String) -> [String]? {
    published.last { $0["params"]?["uri"]?.stringValue == uri }.map {
      ($0["params"]?["diagnostics"]?.arrayValue ?? []).compactMap { $0["code"]?.stringValue }
    }
  }

  /// What each file was last sent, by uri, from every notification so far.
  static func accumulate(_ published: [JSONValue], into state: inout [String: String]) {
    for message in published {
      guard let uri = message["params"]?["uri"]?.stringValue else { continue }
      let diagnostics = message["params"]?["diagnostics"] ?? .array([])
      state[uri] = diagnostics.arrayValue.isEmpty ? nil : String(decoding: diagnostics.compact(), as: UTF8.self)
    }
  }

  @Test func afterEveryEditTheDiagnosticsAreThoseOfAWholeCheck() {
    let files = Self.files()
    var session = Session(files: files)
    var state: [String: String] = [:]
    Self.accumulate(session.start(), into: &state)
    var texts = files
    let edits: [(path: String, old: String, new: String)] = [
      ("/ws/definitions/claims.yaml", "        target: employees", "        target: employes"),
      ("/ws/definitions/ack.yaml", "{{Language}}", "{{Langue}}"),
      ("/ws/definitions/orders.yaml", "{ id: Amount, type: number }", "{ id: Total, type: number }"),
      ("/ws/definitions/workgroups.yaml", "id: employees", "id: employes"),
      ("/ws/definitions/calendars.yaml", "id: night", "id: nights"),
      ("/ws/definitions/orders.yaml", "{ id: Total, type: number }", "{ id: Amount, type: number }"),
      ("/ws/definitions/workgroups.yaml", "id: employes", "id: employees"),
    ]
    for (version, edit) in edits.enumerated() {
      texts[edit.path] = texts[edit.path]!.replacing(edit.old, with: edit.new)
      Self.accumulate(Self.open(&session, "file://" + edit.path, texts[edit.path]!, version: version + 1), into: &state)
      var whole = Session(files: texts)
      var expected: [String: String] = [:]
      Self.accumulate(whole.start(), into: &expected)
      #expect(state == expected, "after editing \(edit.path)")
    }
  }

  @Test func anEditOfACaseTypeRechecksItAloneAndAWorkgroupEditRechecksAll() {
    var session = Session(files: Self.files())
    _ = session.start()
    #expect(session.server.recheckedCaseTypes == 2)
    let broken = Session.claims.replacing("        target: employees", with: "        target: employes")
    let codes = Self.codes(Self.open(&session, Session.claimsURI, broken, version: 1), Session.claimsURI)
    #expect(codes == ["DC3002", "DC3002"])
    #expect(session.server.recheckedCaseTypes == 1)
    // The workgroup renamed: claims's two uses resolve again, and orders, whose file did not
    // change, now names an unknown workgroup twice.
    let renamed = Session.files["/ws/definitions/workgroups.yaml"]!.replacing("id: employees", with: "id: employes")
    let published = Self.open(&session, Session.workgroupsURI, renamed, version: 1)
    #expect(session.server.recheckedCaseTypes == 2)
    #expect(Self.codes(published, Session.claimsURI) == [])
    #expect(Self.codes(published, LanguageServerFieldRenameTests.ordersURI) == ["DC3002", "DC3002"])
  }
}
