import DCMCApplication
import DCMCServer
import Synchronization
import Testing
import _DCMCTestSupport

/// The staff forms' "changed meanwhile" rule (`FormEdits`) decided on the case the write is
/// made on: another change committed between the form's read of the case and the write
/// (`APIHarness.beforeNextWriteLoad`, past the page's own comparison) is not written over. A
/// field edited over it is refused with the page's words (409); one left as shown keeps it.
/// Before stop 37 (7 December 2026) the page compared on the case it loaded, and the write
/// went through: the last writer won.
@Suite struct FormEditConditionTests {
  /// The desk's complete: alice's form shows Occupants 3; sam's 4 lands after the page read
  /// the case; alice's 5 is refused as if sam's had been seen, nothing recorded.
  @Test(arguments: RepositoryKind.allCases)
  func aDeskEditOverAChangeThatLandsBeforeTheWriteIsRefused(_ kind: RepositoryKind) throws {
    let (harness, id, alice, shown) = try Self.occupants(on: kind)
    defer { harness.api.store.remove() }
    Self.beforeTheWrite(harness.api) { _ = try $0.at(72).update(id, fields: ["Occupants": "4"], by: "sam") }
    let versions = try harness.api.store.service.history(of: id).count + 1
    let refused = harness.post(
      "/desk/tasks/\(id).1/complete", [("shown", shown)] + Self.form(occupants: "5"), as: alice, at: 73)
    #expect(refused.status == 409, "\(refused.status)")
    let page = try PagesHarness.document(refused)
    #expect(
      page.root.all.first { $0["role"] == "alert" }?.text
        == "Not done: the case changed while you edited it: 'Occupants' is now '4'. "
        + "Your changes are below; complete again to keep them.")
    #expect(page.element(id: "field-Occupants")?["value"] == "5")
    let state = try harness.api.store.service.load(id)
    #expect(state.fields["Occupants"] == "4" && state.fields["Municipality"] == nil)
    #expect(state.task("\(id).1")?.assignee == "alice" && state.task("\(id).1")?.status.isActive == true)
    #expect(try harness.api.store.service.history(of: id).count == versions)
  }

  /// The same race on a field alice left as shown: the form is read again, and sam's 4
  /// stands beside alice's other values. Before, the 3 the page had read was written back.
  @Test(arguments: RepositoryKind.allCases)
  func aDeskValueLeftAsShownKeepsAChangeThatLandsBeforeTheWrite(_ kind: RepositoryKind) throws {
    let (harness, id, alice, shown) = try Self.occupants(on: kind)
    defer { harness.api.store.remove() }
    Self.beforeTheWrite(harness.api) { _ = try $0.at(72).update(id, fields: ["Occupants": "4"], by: "sam") }
    let done = harness.post(
      "/desk/tasks/\(id).1/complete", [("shown", shown)] + Self.form(occupants: "3"), as: alice, at: 73)
    #expect(done.status == 303, "\(done.status)")
    let state = try harness.api.store.service.load(id)
    #expect(state.fields["Occupants"] == "4" && state.fields["Municipality"] == "Gent")
    #expect(state.task("\(id).1")?.status.isActive == false)
  }

  /// A case that changes before every write the form tries (sam's Occupants, ten times):
  /// the form is read again `FormEdits.attempts` times, no more, and then the use case's
  /// refusal is the answer (409), nothing of alice's written.
  @Test(arguments: RepositoryKind.allCases)
  func aDeskFormReadAgainAtMostItsAttemptsIsThenRefused(_ kind: RepositoryKind) throws {
    let (harness, id, alice, shown) = try Self.occupants(on: kind)
    defer { harness.api.store.remove() }
    let (store, races) = (harness.api.store, Races())
    let next = try #require(harness.api.beforeNextWriteLoad)
    @Sendable func race() {
      next {
        let count = races.count.withLock { count in
          count += 1
          return count
        }
        do {
          _ = try store.at(72).update(id, fields: ["Occupants": "\(10 + count)"], by: "sam")
        } catch { Issue.record("the change meanwhile failed: \(error)") }
        if count < 10 { race() }
      }
    }
    race()
    let versions = try store.service.history(of: id).count
    let refused = harness.post(
      "/desk/tasks/\(id).1/complete", [("shown", shown)] + Self.form(occupants: "3"), as: alice, at: 73)
    #expect(refused.status == 409, "\(refused.status)")
    #expect(races.count.withLock { $0 } == 4)
    #expect(
      try PagesHarness.document(refused).root.all.first { $0["role"] == "alert" }?.text
        == "Not done: case '\(id)' changed since its values were read: 'Occupants' no longer has the value read.")
    let state = try store.service.load(id)
    #expect(state.fields["Occupants"] == "14" && state.fields["Municipality"] == nil)
    #expect(state.task("\(id).1")?.status.isActive == true)
    #expect(try store.service.history(of: id).count == versions + 4)
  }

  /// How many changes a test's hook made meanwhile.
  final class Races: Sendable {
    let count = Mutex(0)
  }

  /// The supervisor's case form: sam's form shows the description; another change to it
  /// lands after the page read the case; sam's save is refused with the value now.
  @Test(arguments: RepositoryKind.allCases)
  func aSupervisorSaveOverAChangeThatLandsBeforeTheWriteIsRefused(_ kind: RepositoryKind) throws {
    let harness = try SupervisorHarness(interleavedOn: kind)
    defer { harness.pages.api.store.remove() }
    let id = try harness.technical().id
    let sam = try harness.signIn()
    let shown = try harness.shown(id, as: sam)
    Self.beforeTheWrite(harness.pages.api) {
      _ = try $0.at(SupervisorHarness.tuesday).update(id, fields: ["Problem_Description": "theirs"], by: "sam")
    }
    let versions = try harness.pages.api.store.service.history(of: id).count + 1
    let edited = [
      ("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Product", "internet"),
      ("Problem_Description", "yours"),
    ]
    let refused = harness.post("/supervisor/cases/\(id)", [shown] + edited, as: sam)
    #expect(refused.status == 409, "\(refused.status)")
    let document = try PagesHarness.document(refused)
    #expect(
      document.root.all.first { $0["role"] == "alert" }?.text
        == "Not saved: the case changed while you edited it: 'Problem_Description' is now 'theirs'. "
        + "Your changes are below; save again to keep them.")
    #expect(document.element(id: "field-Problem_Description")?.text == "yours")
    #expect(try harness.load(id).fields["Problem_Description"] == "theirs")
    #expect(try harness.pages.api.store.service.history(of: id).count == versions)
  }

  /// Commits `change` (on the store, past the pages' service) once, when the next write the
  /// pages make loads its case: after the page's read, before the write is decided.
  static func beforeTheWrite(_ api: APIHarness, _ change: @escaping @Sendable (RepositoryUnderTest) throws -> Void) {
    let store = api.store
    api.beforeNextWriteLoad? {
      do { try change(store) } catch { Issue.record("the change meanwhile failed: \(error)") }
    }
  }

  /// The complete form of the address change with `occupants`.
  static func form(occupants: String) -> [(String, String)] {
    [
      ("outcome", "updated"), ("Postal_Code", "9000"), ("Municipality", "Gent"), ("Address_Checked", "true"),
      ("Transfer_Date", "2026-04-01"), ("Occupants", occupants),
    ]
  }

  /// The address change with `Occupants` on its form (`DeskClearTests`), on a store of `kind`
  /// whose writes can be interleaved with: alice takes it and is shown 3 (the `shown` returned).
  static func occupants(on kind: RepositoryKind) throws -> (PagesHarness, String, PagesHarness.Staff, String) {
    let harness = try PagesHarness(users: APIEndpointTests.users, kind: kind, interleaved: true)
    let variant = DeskClearTests.occupantsVariant
    #expect(try harness.api.store.service.deploy(variant.bundle, bytes: variant.bytes, by: nil))
    let id = try DeskPageTests().addressChange(harness)
    let alice = try harness.signIn("alice")
    _ = harness.post("/desk/next", as: alice, at: 70)
    let page = try PagesHarness.document(harness.get("/desk/cases/\(id)", as: alice, at: 71))
    #expect(page.element(id: "field-Occupants")?["value"] == "3")
    let shown = try #require(page.elements("input").first { $0["name"] == "shown" }?["value"])
    return (harness, id, alice, shown)
  }
}
