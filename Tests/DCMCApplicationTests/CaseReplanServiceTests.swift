import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Issue 16 item 5 through the use cases, on every store: who may reschedule a task and
/// update a case, the scheduled task out of `task next` and listed after the queue, and a
/// case update that leaves the customer's record alone.
@Suite struct CaseReplanServiceTests {
  @Test(arguments: RepositoryKind.allCases) func whoMayRescheduleAndUpdate(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let task = created.id + ".1"
    let tomorrow = RepositoryUnderTest.monday.adding(seconds: 86_400)
    let service = store.at(60)
    func refused(_ body: () throws(ServiceError) -> Void) -> Refusal.Kind? { refusal(body)?.kind }
    // Nobody holds it: a member may neither reschedule it (for its state: claim it first) nor
    // update the case; a supervisor may.
    #expect(
      refused { () throws(ServiceError) in
        _ = try service.execute(.reschedule(task: task, until: tomorrow), onCase: created.id, by: "alice")
      } == .wrongState)
    #expect(
      refused { () throws(ServiceError) in
        _ = try service.update(created.id, fields: ["Product": "mobile"], by: "alice")
      } == .forbidden)
    _ = try service.execute(.claim(task: task), onCase: created.id, by: "alice")
    // Its holder may; a peer may not.
    #expect(
      refused { () throws(ServiceError) in
        _ = try store.at(70).execute(.reschedule(task: task, until: tomorrow), onCase: created.id, by: "bob")
      } == .forbidden)
    #expect(
      refused { () throws(ServiceError) in
        _ = try store.at(70).update(created.id, fields: ["Product": "mobile"], by: "bob")
      } == .forbidden)
    _ = try store.at(80).update(created.id, fields: ["Product": "mobile"], by: "alice")
    _ = try store.at(90).execute(.reschedule(task: task, until: tomorrow), onCase: created.id, by: "alice")
    // Away, it is held by nobody: the advisor who had it may move its return, a peer may not.
    #expect(
      refused { () throws(ServiceError) in
        _ = try store.at(100).execute(
          .reschedule(task: task, until: tomorrow.adding(seconds: 60)), onCase: created.id, by: "bob")
      } == .forbidden)
    let moved = try store.at(100).execute(
      .reschedule(task: task, until: tomorrow.adding(seconds: 60)), onCase: created.id, by: "alice")
    #expect(moved.task(task)?.scheduledUntil == tomorrow.adding(seconds: 60))
    _ = try store.at(110).update(created.id, fields: ["Product": "internet"], by: "sam")
  }

  @Test(arguments: RepositoryKind.allCases) func aScheduledTaskIsNotPulledAndIsListedAfterTheQueue(
    _ kind: RepositoryKind
  ) throws {
    let store = try kind.make()
    defer { store.remove() }
    let first = try store.technical()
    let second = try store.technical(10)
    let until = RepositoryUnderTest.monday.adding(seconds: 3600)
    _ = try store.at(20).execute(.reschedule(task: first.id + ".1", until: until), onCase: first.id, by: "sam")
    let listed = try store.at(30).tasks(inWorkbin: "employees_group")
    #expect(listed.map(\.task.id) == [second.id + ".1", first.id + ".1"])
    #expect(listed.last?.task.status == .scheduled)
    // Only the queued one is pulled; then nothing, until the scheduled one comes back.
    #expect(try store.at(40).claimNext(by: "alice").task.id == second.id + ".1")
    #expect(
      refusal { () throws(ServiceError) in _ = try store.at(50).claimNext(by: "bob") } == .nothingToPull(user: "bob"))
    _ = try store.at(3600).tick(by: nil)
    #expect(try store.at(3700).claimNext(by: "bob").task.id == first.id + ".1")
  }

  /// Issue 15: a case's customer fields are the case's; its update never rewrites the record.
  @Test(arguments: RepositoryKind.withCustomers) func anUpdateLeavesTheCustomersRecordAlone(_ kind: RepositoryKind)
    throws
  {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let customer = try #require(created.customer)
    let before = try store.customersAt(10).show(customer, by: "sam")
    let updated = try store.at(20).update(
      created.id, fields: ["Customer_Email": "jane.doe@example.org", "Customer_Name": "Jane D."], by: "sam"
    ).after
    #expect(updated.fields["Customer_Email"] == "jane.doe@example.org")
    #expect(updated.customer == customer && updated.identification == created.identification)
    #expect(try store.customersAt(30).show(customer, by: "sam") == before)
  }
}
