import DCMCApplication
import DCMCFiles
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// audit36 H2 (customers): each customer history has a head (`customers/heads/<id>.json`, its
/// sequence and chain) written after its append, so a history cut back at a record boundary
/// (a restored older copy, a lost write-back) is named as lost events, not taken for damage
/// of the indexes that `store rebuild` would "repair" by erasing the acknowledged change.
@Suite struct CustomerHistoryLossTests {
  typealias Store = CustomerStoreVerifyTests.Store

  static let joe2 = CustomerStoreVerifyTests.email("joe2@example.com")

  /// The store of `CustomerStoreVerifyTests`, with Joe's name and email changed (his second
  /// event).
  static func updated() throws -> Store {
    let store = try Store()
    _ = try store.customers().update(
      "CUS-000002", name: "Joe Bloggs", email: "joe2@example.com", phone: nil, fields: [:], by: "bob")
    return store
  }

  /// Cuts the log at `path` back to its first `lines` lines (record boundaries).
  static func cut(_ store: Store, _ path: String, to lines: Int) throws {
    let bytes = try Data(contentsOf: store.url(path))
    let kept = bytes.split(separator: 10, omittingEmptySubsequences: false).prefix(lines)
    try (Data(kept.joined(separator: [10])) + [10]).write(to: store.url(path))
  }

  @Test("an untouched store: every history has its head, nothing is behind")
  func untouched() throws {
    let store = try Self.updated()
    defer { store.directory.remove() }
    #expect(try store.problems() == [])
    #expect(try store.behind() == [])
    #expect(try store.runtime.rebuild().repaired == [])
    // Joe's head: his history's two events, then the checksum line.
    let head = try store.contents("customers/heads/CUS-000002.json").split(separator: "\n")
    #expect(head.count == 2 && head[0].hasPrefix("{\"chain\":\"crc32c:"), "\(head)")
    #expect(head.first?.hasSuffix("\",\"sequence\":2}") == true && head.last?.hasPrefix("{\"crc32c\":\"") == true)
  }

  @Test(
    "a customer history cut back to its first record: verify names the history's lost event, not the indexes; a change and rebuild refuse it; --accept-loss rebuilds from the history (audit36 H2)"
  )
  func aCutCustomerHistory() throws {
    let store = try Self.updated()
    defer { store.directory.remove() }
    try Self.cut(store, "customers/streams/CUS-000002.log", to: 1)
    let problem =
      "customer 'CUS-000002': customers/streams/CUS-000002.log ends at event 1, its head recorded 2: event 2 is missing"
    #expect(try store.problems() == [problem])
    let refused = try store.runtime.rebuild()
    #expect(refused.refusedCustomers == [problem + CaseDamage.lossRefusal])
    #expect(refused.repaired == [], "rebuild repaired the indexes of a history that lost an event")
    #expect(try store.contents(Self.joe2) == "[\"CUS-000002\"]\n")
    #expect(try store.problems() == [problem])
    // A change would bury the evidence under a new event 2: refused, the log left as it is.
    let log = try Data(contentsOf: store.url("customers/streams/CUS-000002.log"))
    #expect(throws: ServiceError.self) {
      try store.customers().update("CUS-000002", name: "Joe B.", email: nil, phone: nil, fields: [:], by: "bob")
    }
    #expect(try Data(contentsOf: store.url("customers/streams/CUS-000002.log")) == log)
    let accepted = try store.runtime.rebuild(acceptingLoss: true)
    #expect(accepted.refusedCustomers == [])
    #expect(
      accepted.repaired.contains(
        "customers/heads/CUS-000002.json (customers/streams/CUS-000002.log ends at event 1, its head recorded 2: "
          + "event 2 is missing, accepted)"), "\(accepted.repaired)")
    #expect(!FileManager.default.fileExists(atPath: store.url(Self.joe2).path))
    #expect(try store.problems() == [])
    #expect(try store.behind() == [])
    #expect(try store.customers().show("CUS-000002", by: "alice").name == "Joe")
  }

  @Test("a customer history missing while its head is there: its events are named as missing, and kept")
  func aMissingCustomerHistory() throws {
    let store = try Self.updated()
    defer { store.directory.remove() }
    try store.remove("customers/streams/CUS-000002.log")
    let problem =
      "customer 'CUS-000002': customers/streams/CUS-000002.log is missing, its head recorded 2: events 1-2 are missing"
    #expect(try store.problems() == [problem])
    #expect(try store.runtime.rebuild().refusedCustomers == [problem + CaseDamage.lossRefusal])
    #expect(try store.contents(Self.joe2) == "[\"CUS-000002\"]\n")
    let accepted = try store.runtime.rebuild(acceptingLoss: true)
    #expect(
      accepted.repaired.contains(
        "customers/heads/CUS-000002.json removed (customers/streams/CUS-000002.log is missing, its head recorded 2: "
          + "events 1-2 are missing, accepted)"), "\(accepted.repaired)")
    #expect(try store.problems() == [])
  }

  @Test("a store made before heads is clean and behind; a change writes its record's head, rebuild all of them")
  func aStoreWithoutHeads() throws {
    let store = try Self.updated()
    defer { store.directory.remove() }
    try store.remove("customers/heads")
    #expect(try store.problems() == [])
    #expect(
      try store.behind() == [
        "customers/heads/: no customer history has its head (a store made before heads): each record's next "
          + "change writes its own, 'dcmc store rebuild' all of them"
      ])
    _ = try store.customers().update("CUS-000002", name: "Joe B.", email: nil, phone: nil, fields: [:], by: "bob")
    #expect(try store.problems() == [])
    let behind = try store.behind()
    #expect(
      behind == [
        "customer 'CUS-000001': customers/heads/CUS-000001.json is missing, behind its history (event 1)",
        "customer 'CUS-000003': customers/heads/CUS-000003.json is missing, behind its history (event 2)",
      ], "\(behind)")
    try store.rebuildRepairs(["customers/heads/CUS-000001.json", "customers/heads/CUS-000003.json"])
    #expect(try store.behind() == [])
  }
}
