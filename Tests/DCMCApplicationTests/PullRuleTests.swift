import DCMCApplication
import DCMCRuntime
import Foundation
import Testing
import _DCMCTestSupport

/// Pull without cherry-picking, within capacity (SPEC section 15, issue 16 items 2 and 3): a
/// member takes what `task next` gives them, while the weight of what they hold leaves room.
@Suite struct PullRuleTests {
  static let finance = [
    "Customer_Name": "Els Janssens", "Customer_Email": "els@example.com", "Customer_Phone": "+32470998877",
    "Request_Type": "refund", "Invoice_Number": "INV-204311",
  ]

  @Test func aMemberHoldsNoMoreThanTheirCapacity() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let first = try store.technical(0)
    let second = try store.technical(10)
    let taken = try store.at(60).claimNext(by: "bob")
    #expect(taken.task.id == first.id + ".1")
    let full = refusal { () throws(ServiceError) in _ = try store.at(61).claimNext(by: "bob") }
    #expect(full == .overCapacity(user: "bob", holds: 1, capacity: 1, workgroup: "employees_group", weight: 1))
    #expect(full.map { "\($0)" } == "'bob' holds 1 of capacity 1 in 'employees_group'")
    // Bob may not claim the other task by its id either; releasing his frees the room.
    #expect(
      refusal { () throws(ServiceError) in
        _ = try store.at(62).execute(.claim(task: second.id + ".1"), onCase: second.id, by: "bob")
      } == full)
    _ = try store.at(63).execute(.release(task: first.id + ".1"), onCase: first.id, by: "bob")
    #expect(try store.at(64).claimNext(by: "bob").task.id == first.id + ".1")
  }

  @Test func aTaskCountsItsWeightAgainstTheCapacityOfItsWorkgroup() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let created = try store.at(0).create(type: "finance", fields: Self.finance, request: nil, by: "fiona")
    let assess = created.id + ".1"
    _ = try store.at(60).execute(.claim(task: assess), onCase: created.id, by: "fiona")
    _ = try store.at(61).execute(.open(task: assess), onCase: created.id, by: "fiona")
    _ = try store.at(62).execute(
      .complete(task: assess, outcome: "need_documents", data: [:]), onCase: created.id, by: "fiona")
    _ = try store.at(63).execute(.resume, onCase: created.id, by: "fiona")
    // The documents weigh 2: Gary (capacity 1) cannot hold them, Fiona (capacity 2) can.
    let heavy = refusal { () throws(ServiceError) in _ = try store.at(120).claimNext(by: "gary") }
    #expect(heavy.map { "\($0)" } == "'gary' holds 0 of capacity 1 in 'finances_group' and the task weighs 2")
    #expect(try store.at(121).claimNext(by: "fiona").task.definition == "process_documents")
    let other = try store.at(180).create(type: "finance", fields: Self.finance, request: nil, by: "gary")
    #expect(
      refusal { () throws(ServiceError) in _ = try store.at(181).claimNext(by: "fiona") }
        == .overCapacity(user: "fiona", holds: 2, capacity: 2, workgroup: "finances_group", weight: 1))
    #expect(try store.at(182).claimNext(by: "gary").task.id == other.id + ".1")
  }

  @Test func aMemberClaimsOnlyTheTaskNextWouldGiveThem() throws {
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    let older = try store.technical(0)
    let newer = try store.technical(10)
    let picked = refusal { () throws(ServiceError) in
      _ = try store.at(60).execute(.claim(task: newer.id + ".1"), onCase: newer.id, by: "bob")
    }
    #expect(picked == .notNextTask(user: "bob", task: newer.id + ".1", next: older.id + ".1"))
    #expect(picked?.kind == .forbidden)
    #expect(picked.map { "\($0)" } == "'bob' may not pick task '\(newer.id).1': 'task next' gives '\(older.id).1'")
    #expect(try store.repository.load(newer.id)?.task(newer.id + ".1")?.status == .queued)
    // The next task itself is claimed by its id; a supervisor of the workgroup claims any.
    _ = try store.at(61).execute(.claim(task: older.id + ".1"), onCase: older.id, by: "bob")
    _ = try store.at(62).execute(.claim(task: newer.id + ".1"), onCase: newer.id, by: "sam")
    #expect(try store.repository.load(newer.id)?.task(newer.id + ".1")?.assignee == "sam")
  }

  @Test func aTaskThatAllowsClaimingIsClaimedFromTheWorkbin() throws {
    let variant = ReferenceBundle.variant { name, text in
      name == "technical.yaml"
        ? text.replacingOccurrences(
          of: "        target: employees_group\n        ola:\n          within: 12h",
          with: "        target: employees_group\n        allow_claim: true\n        ola:\n          within: 12h")
        : text
    }
    #expect(variant.bundle.caseTypes.first { $0.id == "technical" }?.stages.first?.tasks.first?.allowClaim == true)
    let store = try RepositoryKind.memory.make()
    defer { store.remove() }
    _ = try store.service.deploy(variant.bundle, bytes: variant.bytes, by: nil)
    _ = try store.technical(0)
    let newer = try store.technical(10)
    let after = try store.at(60).execute(.claim(task: newer.id + ".1"), onCase: newer.id, by: "bob")
    #expect(after.task(newer.id + ".1")?.assignee == "bob")
  }
}
