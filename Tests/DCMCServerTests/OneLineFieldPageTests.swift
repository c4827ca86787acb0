import DCMCServer
import Testing
import _DCMCTestSupport

/// audit37 L5 on the public form: a `string` field holding a control character or a
/// bidirectional override is the field's error, in the customer's words (the character, and
/// one line of plain text, not the field's type), and no case nor customer record is made.
/// Before 7 December 2026 the case was made, and its customer record named without them.
@Suite struct OneLineFieldPageTests {
  @Test(arguments: [
    ("\u{202E}evil\u{202C} Zed", "Name holds U+202E (a bidirectional embedding or override)"),
    ("A\u{1B}[31m B", "Name holds U+001B (a control character)"),
  ])
  func aControlCharacterInTheNameIsItsFieldsError(name: String, words: String) throws {
    let harness = try PagesHarness()
    let visit = try harness.open()
    let response = harness.post(PagesHarness.form(name: name), visit: visit)
    #expect(response.status == 422, "\(response.status)")
    #expect(try harness.caseCount() == 0)
    let document = try PagesHarness.document(response)
    let summary = try #require(document.root.all.first { $0["role"] == "alert" })
    let link = try #require(summary.all.first { $0.name == "a" })
    #expect(link["href"] == "#field-Customer_Name")
    #expect(link.text == "\(words); write it as one line of plain text")
    #expect(document.element(id: "field-Customer_Name")?["aria-invalid"] == "true")
    let sent = harness.post(PagesHarness.form(name: "Zed"), visit: visit, boundary: "----dcmcTestBoundaryOther")
    #expect(sent.status == 201, "\(sent.status)")
  }
}
