import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A `case update` that moves a queued task to a push workbin offers it there, as any command
/// that queues a task does (found by the deferred helper: the update appended the move and
/// offered nothing, so the task waited in the push workbin with its member ready and idle).
///
/// The scene: the reference definitions with `complaints_fr` pushing; odile (a member) is
/// ready; an English complaint goes to `complaints_group`; its Language is updated to `fr`.
@Suite struct UpdateOfferTests {
  static let frenchPushes = ReferenceBundle.variant { name, text in
    name == "workgroups.yaml"
      ? text.replacing("members: [odile, paul]\n", with: "members: [odile, paul]\ndistribution: { mode: push, offer_timeout: 45s }\n")
      : text
  }

  @Test(arguments: RepositoryKind.allCases)
  func aTaskMovedToAPushWorkbinByAnUpdateIsOffered(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    #expect(try store.service.deploy(Self.frenchPushes.bundle, bytes: Self.frenchPushes.bytes, by: nil))
    _ = try store.at(0).setPresence(.ready, reason: nil, by: "odile")
    let fields = [
      "Customer_Name": "Odette Lambert", "Customer_Email": "odette@example.com", "Language": "en",
      "Topic": "delivery", "Complaint": "Two missed appointments.",
    ]
    let created = try store.at(10).create(type: "complaint", fields: fields, request: nil, by: "sam")
    let task = try #require(created.tasks.first)
    #expect(task.target == "complaints_group" && task.status == .queued)
    let updated = try store.at(20).update(created.id, fields: ["Language": "fr"], by: "sam")
    #expect(updated.after.task(task.id)?.target == "complaints_fr")
    #expect(updated.after.task(task.id)?.offer?.to == "odile", "\(String(describing: updated.after.task(task.id)))")
    #expect(try store.at(20).offers(to: "odile").map(\.task.id) == [task.id])
  }
}
