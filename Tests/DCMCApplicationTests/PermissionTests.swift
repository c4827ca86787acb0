import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Who may do what (SPEC section 4), checked once by the service before the engine decides.
@Suite struct PermissionTests {
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
    // Bob holds it: Alice cannot open or complete it, nor release it.
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

  /// Issue 14, item 13: a task one advisor holds is not a peer's to escalate, release or
  /// complete; its assignee's or a supervisor's.
  @Test func aPeerCannotEscalateReleaseOrCompleteATaskAnotherAdvisorHolds() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let task = created.id + ".1"
    _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: "bob")
    _ = try store.at(61).execute(.open(task: task), onCase: created.id, by: "bob")
    let service = store.at(120)
    for command: Command in [
      .escalate(task: task), .release(task: task), .complete(task: task, outcome: "resolved", data: [:]),
    ] {
      let refused = refusal { () throws(ServiceError) in _ = try service.execute(command, onCase: created.id, by: "alice") }
      #expect(refused == .forbidden(user: "alice", reason: "task '\(task)' is assigned to 'bob', not 'alice'"))
    }
    #expect(try store.repository.load(created.id)?.task(task)?.assignee == "bob")
    // A supervisor of the task's target may.
    let escalated = try service.execute(.escalate(task: task), onCase: created.id, by: "sam")
    #expect(escalated.task(task)?.status == .escalated || escalated.task(task)?.escalationDeferred == true)
  }

  /// audit33 finding 3: a task nobody holds is claimed first only when it is queued. A
  /// scheduled one cannot be claimed until it returns: the refusal says so, and for a
  /// reschedule who may (the advisor who last had it, or a supervisor); an offered one is its
  /// offeree's.
  @Test func aRefusalForATaskNobodyHoldsSaysWhatWouldMakeItTheUsers() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let task = created.id + ".1"
    let tuesday = Timestamp("2026-03-03T09:00:00+01:00")!.instant
    _ = try store.at(60).execute(.claim(task: task), onCase: created.id, by: "bob")
    _ = try store.at(120).execute(.reschedule(task: task, until: tuesday), onCase: created.id, by: "bob")
    let service = store.at(180)
    func refused(_ command: Command, as user: String, in id: String = created.id) -> ServiceRefusal? {
      refusal { () throws(ServiceError) in _ = try service.execute(command, onCase: id, by: user) }
    }
    // The return time is quoted as the CLI writes it, and kept for the pages (`instants`).
    let away: Refusal.Words = "task '\(task)' is scheduled until \(tuesday)"
    #expect(away.text == "task '\(task)' is scheduled until 2026-03-03T08:00:00Z")
    let later = Command.reschedule(task: task, until: tuesday.adding(seconds: 3600))
    let who = "; only the advisor who last had it ('bob') or a supervisor of 'employees_group' may reschedule it"
    // Only the advisor who last had it or a supervisor ever moves its return: forbidden. The
    // rest is refused for the task's state to a member of its workgroup (the API's 409: they
    // may try again when it returns), not as forbidden (403), which reads as "never".
    #expect(refused(later, as: "alice") == .forbidden(user: "alice", reason: "\(away)\(who)"))
    #expect(refused(later, as: "alice")?.instants == [tuesday])
    let complete = Command.complete(task: task, outcome: "resolved", data: [:])
    for command: Command in [.release(task: task), .open(task: task), complete] {
      #expect(refused(command, as: "alice") == .rule(Refusal(.wrongState, quoting: away)))
    }
    // Bob, who last had it, may move its return.
    _ = try service.execute(later, onCase: created.id, by: "bob")
    let finance = try store.at(0).create(type: "finance", fields: PullRuleTests.finance, request: nil, by: "fiona")
    let offered = try #require(finance.tasks.first).id
    _ = try store.at(0).execute(.offer(task: offered, to: "gary"), onCase: finance.id, by: nil)
    for command: Command in [.release(task: offered), .complete(task: offered, outcome: "refunded", data: [:])] {
      #expect(
        refused(command, as: "fiona", in: finance.id)
          == .rule(Refusal(.wrongState, "task '\(offered)' is offered to 'gary', not 'fiona'")))
    }
  }

  /// audit35 L2: a queued task nobody holds is refused to a member for its state (claim it
  /// first), as the engine refuses a supervisor (409 both); to a user of another workgroup as
  /// forbidden, naming the workgroup.
  @Test func aTaskNobodyHoldsIsRefusedForItsStateToAMemberAndForbiddenToOthers() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let task = created.id + ".1"
    let service = store.at(60)
    func refused(_ command: Command, as user: String) -> ServiceRefusal? {
      refusal { () throws(ServiceError) in _ = try service.execute(command, onCase: created.id, by: user) }
    }
    let complete = Command.complete(task: task, outcome: "resolved", data: [:])
    #expect(refused(complete, as: "alice") == .rule(Refusal(.wrongState, "task '\(task)' is not assigned; claim it before you complete it")))
    #expect(refused(.release(task: task), as: "sam")?.kind == .wrongState)
    #expect(refused(complete, as: "eve") == .forbidden(user: "eve", reason: "'eve' is not a member of 'employees_group' and may not complete"))
    #expect(try store.repository.load(created.id)?.task(task)?.status == .queued)
  }

  @Test func aPeerEscalatesATaskNobodyHolds() throws {
    let store = try RepositoryKind.memory.make()
    let created = try store.technical()
    let task = created.id + ".1"
    let escalated = try store.at(60).execute(.escalate(task: task), onCase: created.id, by: "alice")
    #expect(escalated.task(task)?.status == .escalated)
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

/// The directory is the latest deployment's: a member added by a new deployment works on the
/// cases that were already open, on the bundle they started with; one removed no longer does.
@Suite struct DirectoryTests {
  static let redeployed = ReferenceBundle.variant { name, text in
    // The reference scenarios name Fiona; this deployment has none.
    if name.hasPrefix("scenarios/") { return nil }
    guard name == "workgroups.yaml" else { return text }
    return text.replacingOccurrences(
      of: "  - { user: carol, skills: { technical: 40, english: 90 } }",
      with: "  - { user: carol, skills: { technical: 40, english: 90 } }\n  - { user: zed, skills: { technical: 90 } }"
    ).replacingOccurrences(of: "  - { user: fiona, capacity: 2 }\n", with: "")
  }

  @Test(arguments: RepositoryKind.allCases) func aMemberAddedByANewDeploymentWorksOnOpenCases(kind: RepositoryKind)
    throws
  {
    let store = try kind.make()
    defer { store.remove() }
    let open = try store.technical()
    #expect(throws: ServiceError.self) { try store.at(60).claimNext(by: "zed") }
    #expect(try store.service.deploy(Self.redeployed.bundle, bytes: Self.redeployed.bytes, by: nil))
    #expect(try store.repository.load(open.id)?.bundle == ReferenceBundle.compiled.bundle.hash)
    // Zed pulls the task of a case on the first bundle; a supervisor may assign to him.
    let (task, _) = try store.at(60).claimNext(by: "zed")
    #expect(task.id == open.id + ".1")
    _ = try store.at(120).execute(.release(task: task.id), onCase: open.id, by: "zed")
    _ = try store.at(180).execute(.assign(task: task.id, to: "zed"), onCase: open.id, by: "sam")
    #expect(try store.repository.load(open.id)?.task(task.id)?.assignee == "zed")
  }

  @Test func aMemberRemovedByANewDeploymentNoLongerActs() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let finance = try store.at(0).create(
      type: "finance",
      fields: [
        "Customer_Name": "Jane", "Customer_Email": "jane@example.com", "Customer_Phone": "+32475112233",
        "Request_Type": "refund", "Invoice_Number": "INV-204311",
      ], request: nil, by: "gary")
    _ = try store.service.deploy(Self.redeployed.bundle, bytes: Self.redeployed.bytes, by: nil)
    #expect(throws: ServiceError.self) {
      try store.at(60).execute(.claim(task: finance.id + ".1"), onCase: finance.id, by: "fiona")
    }
    #expect(try store.repository.load(finance.id) == finance)
  }
}
