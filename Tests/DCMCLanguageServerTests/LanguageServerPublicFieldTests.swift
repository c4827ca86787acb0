import DCMCJSON
import DCMCLanguageServer
import Testing

/// A field's `public` key is offered where field keys are completed (the schema's own key
/// list), and hover on a field kept off the public form says so.
@Suite struct LanguageServerPublicFieldTests {
  typealias Session = LanguageServerSession

  static func claims(_ fields: String) -> String {
    Session.claims.replacing("calendar: night\n", with: "calendar: night\nfields:\n" + fields)
  }

  @Test func aFieldsKeysIncludePublic() {
    var session = Session.started()
    let text = Self.claims("  - id: Grade\n    type: string\n    p|\n")
    let labels = LanguageServerCompletionTests.labels(text, session: &session)
    #expect(labels.contains("public") && labels.contains("pattern"), "\(labels)")
  }

  @Test func hoverOnAFieldKeptOffThePublicFormSaysSo() throws {
    var session = Session.started()
    let text = Self.claims("  - { id: Grade, type: string, public: false }\n  - { id: Note, type: text }\n")
    _ = session.notify(
      "textDocument/didOpen",
      "{\"textDocument\":{\"uri\":\"\(Session.claimsURI)\",\"languageId\":\"yaml\",\"version\":2,\"text\":\(Session.quoted(text))}}")
    let grade = session.request("textDocument/hover", Session.at(Session.claimsURI, 4, 12))["result"]
    let shown = try #require(grade?["contents"]?["value"]?.stringValue)
    #expect(shown.contains("**field** `Grade`") && shown.contains("string, not on the public form"), "\(shown)")
    let note = session.request("textDocument/hover", Session.at(Session.claimsURI, 5, 12))["result"]
    let other = try #require(note?["contents"]?["value"]?.stringValue)
    #expect(other.contains("**field** `Note`") && !other.contains("public"), "\(other)")
  }
}
