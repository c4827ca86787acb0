import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The customer records of the file store keep the guarantees of cases: when the n-th file
/// call of an update that changes a customer's name, email and phone fails (for n = 1, 2, … until
/// the update completes), the store holds the record before or after it, never a mix, and
/// the name, email and phone lookups agree with the record, whatever index entry the failure
/// left behind, and `store verify` finds no damage.
struct CustomerStoreFaultInjectionTests {
  static let monday = Timestamp("2026-03-02T09:00:00+01:00")!.instant

  static func customers(_ root: String, _ fileSystem: any FileSystem, at seconds: Int) throws -> CustomerService {
    let repository = try FileCaseRepository.open(at: root, fileSystem: fileSystem)
    let definitions = DefinitionsLoader(repository: repository, zone: TimeZoneDatabase.rules(named:))
    return CustomerService(
      repository: repository, definitions: definitions, directory: DeployedDirectory(definitions),
      clock: FixedClock(monday.adding(seconds: seconds)))
  }

  @Test(arguments: [EIO, ENOSPC]) func aFailedUpdateLeavesTheRecordAndItsLookupsBeforeOrAfter(code: Int32) throws {
    let template = try TemporaryDirectory()
    defer { template.remove() }
    let root = template.url.path + "/template"
    let runtime = try FileRuntime.openOrCreate(at: root)
    _ = try runtime.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes)
    let jane = try Self.customers(root, PosixFileSystem(), at: 0).add(
      name: "Jane", email: "jane@example.com", phone: "02 555 12 34", fields: [:], request: "r1", by: "alice")
    let copy = template.url.path + "/copy"
    var (failedBefore, failedAfter) = (0, 0)
    for call in 1... {
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: root, toPath: copy)
      let fileSystem = FaultInjectingFileSystem(
        base: PosixFileSystem(), plan: FaultPlan(kind: nil, call: call, persistent: false, code: code))
      var thrown: Error?
      do {
        _ = try Self.customers(copy, fileSystem, at: 60).update(
          jane.id, name: "Joan", email: "jane.doe@example.com", phone: "", fields: [:], by: "bob")
      } catch {
        thrown = error
      }
      let after = try Self.customers(copy, PosixFileSystem(), at: 120)
      let record = try after.show(jane.id, by: "alice")
      let byOld = try after.find("jane@example.com", limit: 5, by: "alice").map(\.id)
      let byNew = try after.find("jane.doe@example.com", limit: 5, by: "alice").map(\.id)
      let byPhone = try after.find("+3225551234", limit: 5, by: "alice").map(\.id)
      let byName = try ["jane", "joan"].map { try after.find($0, limit: 5, by: "alice").map(\.id) }
      if record.version == 1 {
        failedBefore += 1
        #expect(thrown != nil, "call \(call): nothing happened and nothing was said")
        #expect(record == jane && byOld == [jane.id] && byNew.isEmpty && byPhone == [jane.id], "call \(call)")
        #expect(byName == [[jane.id], []], "call \(call)")
      } else {
        #expect(record.version == 2 && record.email?.text == "jane.doe@example.com" && record.phone == nil)
        #expect(byOld.isEmpty && byNew == [jane.id] && byPhone.isEmpty, "call \(call)")
        #expect(record.name == "Joan" && byName == [[], [jane.id]], "call \(call)")
        guard fileSystem.failureCount > 0 else {
          #expect(thrown == nil)
          break
        }
        failedAfter += 1
      }
      // An index entry the failure left too many is not damage.
      #expect(try FileRuntime.open(at: copy).verify().problems == [], "call \(call)")
      // The store takes the next change as usual.
      _ = try after.update(jane.id, name: "Jane D.", email: nil, phone: nil, fields: [:], by: "bob")
    }
    #expect(failedBefore > 3)
    #expect(failedAfter > 0)
  }

  /// audit36 H2: a failure (as a crash would) between the append and its head leaves the head
  /// behind its history, never ahead: `store verify` names it as behind, no damage, and `store
  /// rebuild` writes it.
  @Test func aHeadLeftBehindByAFailureIsBehindAndRebuilt() throws {
    let template = try TemporaryDirectory()
    defer { template.remove() }
    let root = template.url.path + "/template"
    let runtime = try FileRuntime.openOrCreate(at: root)
    _ = try runtime.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes)
    let jane = try Self.customers(root, PosixFileSystem(), at: 0).add(
      name: "Jane", email: "jane@example.com", phone: nil, fields: [:], request: nil, by: "alice")
    let copy = template.url.path + "/copy"
    let head = "customers/heads/\(jane.id).json"
    var behindHeads = 0
    for call in 1... {
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: root, toPath: copy)
      let fileSystem = FaultInjectingFileSystem(
        base: PosixFileSystem(), plan: FaultPlan(kind: nil, call: call, persistent: false, code: EIO))
      _ = try? Self.customers(copy, fileSystem, at: 60).update(
        jane.id, name: "Joan", email: nil, phone: nil, fields: [:], by: "bob")
      let store = try FileRuntime.open(at: copy)
      let verified = try store.verify()
      #expect(verified.problems == [], "call \(call)")
      let version = try Self.customers(copy, PosixFileSystem(), at: 120).show(jane.id, by: "alice").version
      let lines = verified.behind.filter { $0.contains(head) }
      if version == 2, !lines.isEmpty {
        behindHeads += 1
        #expect(
          lines == ["customer '\(jane.id)': \(head) (event 1) is behind its history (event 2)"]
            || lines == ["customer '\(jane.id)': \(head) is torn or not a regular file, behind its history (event 2)"],
          "call \(call): \(lines)")
        #expect(try store.rebuild().repaired.contains(head), "call \(call)")
        #expect(try store.verify().behind.filter { $0.contains(head) } == [], "call \(call)")
      } else {
        #expect(lines == [], "call \(call): the head is behind a history it reaches")
      }
      if fileSystem.failureCount == 0 { break }
    }
    #expect(behindHeads > 0)
  }
}
