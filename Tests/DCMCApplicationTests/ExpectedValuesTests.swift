import DCMCApplication
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// A command given the values its caller read (`expecting`, a staff form's values as shown)
/// is decided only on a case that still has them (`CaseService.change`): the condition is
/// checked on the case the write is made on, on every store, so a change committed after the
/// caller's read is refused rather than written over. Before stop 37 (7 December 2026) the
/// staff forms compared on the case as the page loaded it, and a change that landed between
/// that load and the write was lost.
@Suite struct ExpectedValuesTests {
  @Test(arguments: RepositoryKind.allCases)
  func aCommandExpectingValuesTheCaseNoLongerHasIsRefusedAndWritesNothing(_ kind: RepositoryKind) throws {
    let store = try kind.make()
    defer { store.remove() }
    let created = try store.technical()
    let (id, task) = (created.id, created.id + ".1")
    // The caller's read (a form shown), then sam's change lands.
    let read = try store.service.load(id).fields
    _ = try store.at(60).update(id, fields: ["Product": "television"], by: "sam")
    let expecting = ["Product": read["Product"] ?? "", "Customer_Name": read["Customer_Name"] ?? ""]
    let versions = try store.service.history(of: id).count
    let moved = ServiceRefusal.changedMeanwhile(case: id, fields: ["Product"])
    #expect(
      refusal { () throws(ServiceError) in
        _ = try store.at(120).execute(.claim(task: task), onCase: id, by: "alice", expecting: expecting)
      } == moved)
    #expect(try store.service.history(of: id).count == versions)
    _ = try store.at(130).execute(.claim(task: task), onCase: id, by: "alice")
    let claimed = try store.service.history(of: id).count
    #expect(
      refusal { () throws(ServiceError) in
        _ = try store.at(180).update(id, fields: ["Product": "mobile"], by: "alice", expecting: expecting)
      } == moved)
    #expect(
      refusal { () throws(ServiceError) in
        _ = try store.at(180).execute(
          .complete(task: task, outcome: "resolved", data: [:]), onCase: id, by: "alice", expecting: expecting)
      } == moved)
    #expect(moved.kind == .wrongState)
    #expect("\(moved)" == "case '\(id)' changed since its values were read: 'Product' no longer has the value read")
    // Nothing written: sam's value stands, the task is still alice's.
    let state = try store.service.load(id)
    #expect(try store.service.history(of: id).count == claimed)
    #expect(state.fields["Product"] == "television" && state.task(task)?.status.isActive == true)
    // Expecting what the case has (no value: empty), the command is written.
    let now = ["Product": "television", "Purchase_Date": ""]
    _ = try store.at(240).update(id, fields: ["Product": "mobile"], by: "alice", expecting: now)
    _ = try store.at(300).execute(
      .complete(task: task, outcome: "resolved", data: [:]), onCase: id, by: "alice", expecting: ["Product": "mobile"])
    let closed = try store.service.load(id)
    #expect(closed.fields["Product"] == "mobile" && closed.isFinished)
  }
}
