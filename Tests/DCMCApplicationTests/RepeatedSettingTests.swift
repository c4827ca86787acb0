import DCMCApplication
import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// On every store (`docs/runtime.md`): `case set --sla` with the SLA a supervisor gave the case
/// and `task set --ola` giving the task the plan it has record nothing, and say so
/// (`executeRecording`), once the permissions let the user in; a list of a customer's
/// unidentified cases is refused, since no case is both.
@Suite struct RepeatedSettingTests {
  @Test(arguments: RepositoryKind.allCases)
  func theSLAASupervisorGaveAlreadyRecordsNothing(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let set = try store.at(120).executeRecording(.setSLA(days: 3, seconds: 0), onCase: created.id, by: "sam")
    #expect(set.recorded && set.after.sla == CaseSLA(text: "3d", seconds: 86_400))
    let history = try #require(try store.repository.history(of: created.id))
    // Permissions first: the SLA the case has does not let a member in.
    let refused = refusal { () throws(ServiceError) in
      _ = try store.at(180).executeRecording(.setSLA(days: 3, seconds: 0), onCase: created.id, by: "alice")
    }
    #expect(
      refused
        == .forbidden(
          user: "alice", reason: "'alice' supervises none of the case's targets and may not change the case's SLA"))
    let again = try store.at(240).executeRecording(.setSLA(days: 3, seconds: 0), onCase: created.id, by: "sam")
    #expect(!again.recorded && again.after == set.after)
    #expect(try store.repository.history(of: created.id) == history)
    #expect(try store.service.load(created.id) == set.after)
    // 24 hours are three 8-hour office days, the same plan, but another setting: recorded.
    let hours = try store.at(300).executeRecording(.setSLA(days: 0, seconds: 24 * 3600), onCase: created.id, by: "sam")
    #expect(hours.recorded && hours.after.sla?.text == "24h" && hours.after.slaDue == set.after.slaDue)
    #expect(try store.repository.history(of: created.id)?.count == history.count + 1)
  }

  /// The OLA counts from the command: given again while the office is closed (Monday 18:00,
  /// then 20:00) it gives the task the plan it has; the next morning it is a new plan.
  @Test(arguments: RepositoryKind.allCases)
  func anOLAGivingTheTaskItsPlanRecordsNothing(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let task = "\(created.id).1"
    let ola = Command.setOLA(task: task, days: 0, seconds: 2 * 3600)
    let set = try store.at(9 * 3600).executeRecording(ola, onCase: created.id, by: "sam")
    // Two office hours from Tuesday 09:00.
    #expect(set.recorded && set.after.task(task)?.olaDue == Timestamp("2026-03-03T11:00:00+01:00")?.instant)
    let history = try #require(try store.repository.history(of: created.id))
    let refused = refusal { () throws(ServiceError) in
      _ = try store.at(10 * 3600).executeRecording(ola, onCase: created.id, by: "alice")
    }
    #expect(refused?.kind == .forbidden)
    let again = try store.at(11 * 3600).executeRecording(ola, onCase: created.id, by: "sam")
    #expect(!again.recorded && again.after == set.after)
    #expect(try store.repository.history(of: created.id) == history)
    let morning = try store.at(25 * 3600).executeRecording(ola, onCase: created.id, by: "sam")
    #expect(morning.recorded && morning.after.task(task)?.olaDue == Timestamp("2026-03-03T12:00:00+01:00")?.instant)
    #expect(try store.repository.history(of: created.id)?.count == history.count + 1)
  }

  /// The priority a task has, given again, records nothing (it wrote `task.priority_changed`
  /// to the same value); another is recorded.
  @Test(arguments: RepositoryKind.allCases)
  func thePriorityATaskHasRecordsNothing(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let task = "\(created.id).1"
    let set = try store.at(120).executeRecording(.setPriority(task: task, priority: 80), onCase: created.id, by: "sam")
    #expect(set.recorded && set.after.task(task)?.priority == 80)
    let history = try #require(try store.repository.history(of: created.id))
    let again = try store.at(180).executeRecording(.setPriority(task: task, priority: 80), onCase: created.id, by: "sam")
    #expect(!again.recorded && again.after == set.after)
    #expect(try store.repository.history(of: created.id) == history)
    let other = try store.at(240).executeRecording(.setPriority(task: task, priority: 20), onCase: created.id, by: "sam")
    #expect(other.recorded && other.after.task(task)?.priority == 20)
  }

  /// A case of an ambiguous customer that no one has linked has no customer: the list of a
  /// customer's unidentified cases is refused, before the customer is looked up.
  @Test(arguments: RepositoryKind.allCases)
  func aCustomerAndUnidentifiedTogetherAreRefused(kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let customer = try #require(created.customer)
    for id in [customer, "CUS-999999"] {
      let refused = refusal { () throws(ServiceError) in
        _ = try store.service.cases(CaseFilter(customer: id, unidentified: true))
      }
      #expect(refused == .customerWithUnidentified)
      #expect(refused?.kind == .invalidInput)
    }
    #expect(try store.service.cases(CaseFilter(customer: customer)).map(\.id) == [created.id])
  }
}
