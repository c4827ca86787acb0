import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Who may do what (SPEC section 4), checked once by the service before the engine decides.
@Suite struct PermissionTests {
  func refusal(_ body: () throws(ServiceError) -> Void) -> ServiceRefusal? {
    do throws(ServiceError) {
      try body()
      return nil
    } catch {
      guard case .refused(let refusal) = error else { return nil }
      return refusal
    }
  }

  @Test func permissionsAreThoseOfTheWorkgroups() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let task = created.id + ".1"
    let service = store.at(60)
    func kind(_ command: Command, as user: String?) -> Refusal.Kind? {
      refusal { () throws(ServiceError) in _ = try service.execute(command, onCase: created.id, by: user) }?.kind
    }
    // An expert is not a member of the employees' group; a stranger is in no workgroup.
    #expect(kind(.claim(task: task), as: "eve") == .forbidden)
    #expect(refusal { () throws(ServiceError) in _ = try service.execute(.claim(task: task), onCase: created.id, by: "mallory") }
      == .unknownUser("mallory"))
    #expect(refusal { () throws(ServiceError) in _ = try service.execute(.claim(task: task), onCase: created.id, by: nil) }
      == .noActingUser)
    // Only a supervisor assigns, moves, re-prioritises and replans.
    #expect(kind(.assign(task: task, to: "bob"), as: "alice") == .forbidden)
    #expect(kind(.setPriority(task: task, priority: 90), as: "alice") == .forbidden)
    #expect(kind(.setOLA(task: task, days: 0, seconds: 7200), as: "alice") == .forbidden)
    #expect(kind(.reassign(task: task, target: "expert_group_x"), as: "alice") == .forbidden)
    _ = try service.execute(.assign(task: task, to: "bob"), onCase: created.id, by: "sam")
    // Bob holds it: Alice cannot open or complete it, nor release it; she may still escalate it.
    #expect(kind(.open(task: task), as: "alice") == .forbidden)
    #expect(kind(.complete(task: task, outcome: "resolved", data: [:]), as: "alice") == .forbidden)
    #expect(kind(.release(task: task), as: "alice") == .forbidden)
    #expect(kind(.claim(task: task), as: "alice") == .wrongState)
    // A case is cancelled by a supervisor of its targets, pended by a member.
    #expect(kind(.cancel, as: "alice") == .forbidden)
    #expect(kind(.pend, as: "eve") == .forbidden)
    _ = try service.execute(.pend, onCase: created.id, by: "alice")
    _ = try service.execute(.cancel, onCase: created.id, by: "sam")
    #expect(try store.repository.load(created.id)?.status == .cancelled)
  }

  @Test func aRefusalChangesNothing() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    _ = refusal { () throws(ServiceError) in
      _ = try store.at(60).execute(.cancel, onCase: created.id, by: "alice")
    }
    #expect(try store.repository.load(created.id) == created)
    #expect(try store.repository.history(of: created.id)?.count == created.version)
  }
}
