import DCMCServer
import Testing
import _DCMCTestSupport

/// The supervisor's case form carries two hidden parts besides the case type's fields, its
/// CSRF field and `shown` (the values as shown, qa6's lost-update fix), and those do not count
/// against the form's 64 parts: a case type with 64 fields saves. Before stop 29 they did, so
/// one with 63 fields could not be saved (the form read as out of date, 403).
@Suite struct SupervisorCaseFormLimitTests {
  @Test func aCaseTypeWith64FieldsSavesAndOneMorePartIsRefused() throws {
    let harness = try SupervisorHarness()
    let variant = ReferenceBundle.technicalWith64Fields
    #expect(try harness.pages.api.store.service.deploy(variant.bundle, bytes: variant.bytes, by: nil))
    let state = try harness.technical()
    let page = "/supervisor/cases/\(state.id)"
    let sam = try harness.signIn()
    let shown = try harness.shown(state.id, as: sam)
    let fields = Array(ReferenceBundle.technicalFormOf64Fields.dropLast())
    // 64 fields, `shown` and the CSRF field: 66 parts.
    let saved = harness.post(page, [shown] + fields + [("Extra_56", "kept")], as: sam)
    #expect(saved.status == 303 && saved.header("Location") == "\(page)?saved=1", "\(saved.status)")
    #expect(try harness.load(state.id).fields["Extra_56"] == "kept")
    // One part more than the form has is refused, and changes nothing.
    let again = try harness.shown(state.id, as: sam)
    let over = harness.post(page, [again] + fields + [("Extra_56", "lost"), ("Extra_57", "")], as: sam)
    #expect(over.status == 403, "\(over.status)")
    #expect(try harness.load(state.id).fields["Extra_56"] == "kept")
  }
}
