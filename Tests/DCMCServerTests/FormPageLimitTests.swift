import DCMCServer
import Testing
import _DCMCTestSupport

/// The public case form carries three parts besides the case type's fields, its CSRF field,
/// the honeypot and the file input (an empty part when no file is chosen), and those do not
/// count against the form's 64 parts, as the supervisor's case form's do not
/// (`SupervisorCaseFormLimitTests`): a case type with 64 fields can be sent, with a file.
/// Before 7 December 2026 they counted, and one with 62 fields could not (a 400 page).
@Suite struct FormPageLimitTests {
  @Test func aCaseTypeWith64FieldsIsSentWithAFileAndOneMorePartIsRefused() throws {
    let harness = try PagesHarness()
    // Every field public, so that all 64 are on the form (the reference keeps one off it).
    let variant = ReferenceBundle.technicalWith64PublicFields
    #expect(try harness.api.store.service.deploy(variant.bundle, bytes: variant.bytes, by: nil))
    let visit = try harness.open()
    // A browser sends every input of the form: the 64 fields, the honeypot empty.
    let fields = ReferenceBundle.technicalFormOf64Fields.dropLast() + [("Extra_56", "kept"), ("website", "")]
    // 64 fields, the CSRF field, the honeypot and a file: 67 parts.
    let sent = harness.post(Array(fields), files: [("scan.pdf", Array("%PDF-1.4".utf8))], visit: visit)
    #expect(sent.status == 201, "\(sent.status)")
    let reference = try #require(try PagesHarness.document(sent).element(id: "reference")?.text)
    let state = try harness.api.store.service.load(reference)
    #expect(state.fields["Extra_56"] == "kept" && state.attachments.map(\.name) == ["scan.pdf"])
    // One part more than the form has room for is refused, and creates nothing.
    let files = [("scan.pdf", Array("%PDF-1.4".utf8)), ("photo.pdf", Array("%PDF-1.4".utf8))]
    let over = harness.post(Array(fields), files: files, visit: visit, boundary: "----dcmcTestBoundaryOther")
    #expect(over.status == 400, "\(over.status)")
    #expect(try harness.caseCount() == 1)
  }

  /// A value over 64 KiB is its field's error, in the customer's words, with the form shown
  /// again and everything typed kept, the long value included; the text inputs carry
  /// `maxlength`. Before 7 December 2026 it was a generic 400 page, and going back showed an
  /// empty form (audit34 finding 7).
  @Test func aValueOver64KiBIsItsFieldsErrorWithTheFormAndValuesKept() throws {
    let harness = try PagesHarness()
    let visit = try harness.open()
    let long = String(repeating: "no signal ", count: 7000)
    var form = PagesHarness.form()
    form[3] = ("Problem_Description", long)
    let response = harness.post(form, visit: visit)
    #expect(response.status == 422, "\(response.status)")
    #expect(try harness.caseCount() == 0)
    let document = try PagesHarness.document(response)
    let summary = try #require(document.root.all.first { $0["role"] == "alert" })
    let link = try #require(summary.all.first { $0.name == "a" })
    #expect(link["href"] == "#field-Problem_Description" && link.text == "What happens is longer than 64 KiB")
    let area = try #require(document.element(id: "field-Problem_Description"))
    #expect(area.text == long && area["aria-invalid"] == "true" && area["maxlength"] == "65536")
    #expect(document.element(id: "field-Customer_Name")?["value"] == "Jane Doe")
    #expect(document.element(id: "field-Customer_Name")?["maxlength"] == "65536")
    #expect(document.element(id: "field-Product")?["maxlength"] == nil)
  }
}
