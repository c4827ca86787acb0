import DCMCApplication
import DCMCCalendar
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 15: the file store's per-customer case index (`by-customer/<customer>/<case>`) and
/// merges index (`customers/merges/<id>.json`) are checked by `store verify` (an entry too few
/// is damage, one too many is not) and rewritten by `store rebuild`; and a merge stopped at
/// any step of its writes leaves every case of both records listed, which a second merge
/// finishes moving.
@Suite struct CustomerCaseIndexTests {
  static let monday = Timestamp("2026-03-02T09:00:00+01:00")!.instant

  /// A store with the reference bundle, Jane (`CUS-000001`), J. Doe (`CUS-000002`) and
  /// `cases` technical cases of J. Doe, then one of Jane's.
  struct Fixture {
    let directory: TemporaryDirectory
    var root: String { directory.url.path + "/store" }
    var duplicateCases: [String] = []
    var janeCase = ""

    init(cases: Int = 1) throws {
      directory = try TemporaryDirectory()
      let runtime = try FileRuntime.openOrCreate(at: directory.url.path + "/store")
      _ = try runtime.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes)
      let customers = try CustomerStoreFaultInjectionTests.customers(root, PosixFileSystem(), at: 0)
      for name in ["Jane", "J. Doe"] {
        _ = try customers.add(name: name, email: nil, phone: nil, fields: [:], request: nil, by: "alice")
      }
      for minute in 0...cases {
        let state = try runtime.at(monday.adding(seconds: 60 * minute)).create(
          type: "technical",
          fields: [
            "Customer_Name": "J", "Customer_Email": "j@example.com", "Product": "internet",
            "Problem_Description": "no signal",
          ], request: nil,
          customer: minute == cases ? "CUS-000001" : "CUS-000002", by: "alice")
        if minute == cases { janeCase = state.id } else { duplicateCases.append(state.id) }
      }
    }

    func runtime(_ fileSystem: any FileSystem = PosixFileSystem()) throws -> FileRuntime {
      try FileRuntime.open(at: root, fileSystem: fileSystem)
    }

    func url(_ path: String) -> URL { URL(fileURLWithPath: root + "/" + path) }

    /// The ids `case list --customer` lists for `customer`.
    func listed(_ customer: String, in runtime: FileRuntime) throws -> [String] {
      try runtime.at(monday.adding(seconds: 86_400)).cases(CaseFilter(customer: customer)).map(\.id)
    }
  }

  @Test("a case missing from its customer's directory is damage that rebuild repairs; an entry too many is not")
  func theCaseIndexIsVerifiedAndRebuilt() throws {
    let store = try Fixture()
    defer { store.directory.remove() }
    let runtime = try store.runtime()
    let (jane, duplicate) = (store.janeCase, store.duplicateCases[0])
    #expect(try runtime.verify().problems == [])
    try FileManager.default.removeItem(at: store.url("by-customer/CUS-000001/\(jane)"))
    // A crash's leftover: Jane's case filed under J. Doe too.
    try Data().write(to: store.url("by-customer/CUS-000002/\(jane)"))
    #expect(
      try runtime.verify().problems == [
        "case '\(jane)': missing from the cases of customer 'CUS-000001' (by-customer/CUS-000001)"
      ])
    #expect(try store.listed("CUS-000002", in: runtime) == [duplicate])
    let report = try runtime.rebuild()
    #expect(report.repaired == ["by-customer/CUS-000001/\(jane)", "by-customer/CUS-000002/\(jane)"])
    #expect(try runtime.verify().problems == [])
    #expect(try store.listed("CUS-000001", in: runtime) == [jane])
    #expect(try FileManager.default.contentsOfDirectory(atPath: store.root + "/by-customer/CUS-000002") == [duplicate])
    // What is no entry at all is named, and rebuild removes it.
    try FileManager.default.createDirectory(
      at: store.url("by-customer/CUS-000001/x"), withIntermediateDirectories: true)
    #expect(try runtime.verify().problems == ["by-customer/CUS-000001/x: stray directory in the index"])
    #expect(try runtime.rebuild().repaired == ["by-customer/CUS-000001/x"])
    #expect(try runtime.verify().problems == [])
  }

  @Test("a merged record missing from the merges file is damage that rebuild repairs; an entry too many is not")
  func theMergesIndexIsVerifiedAndRebuilt() throws {
    let store = try Fixture()
    defer { store.directory.remove() }
    let runtime = try store.runtime()
    let customers = try CustomerStoreFaultInjectionTests.customers(store.root, PosixFileSystem(), at: 60)
    _ = try customers.merge(keep: "CUS-000001", duplicate: "CUS-000002", by: "sam")
    let merges = "customers/merges/CUS-000001.json"
    #expect(try String(contentsOf: store.url(merges), encoding: .utf8) == "[\"CUS-000002\"]\n")
    #expect(try store.listed("CUS-000001", in: runtime) == store.duplicateCases + [store.janeCase])
    try FileManager.default.removeItem(at: store.url(merges))
    #expect(try runtime.verify().problems == ["customer 'CUS-000002': \(merges) is missing"])
    #expect(try runtime.rebuild().repaired == [merges])
    // An entry naming a record merged elsewhere, or not at all, is skipped, and rebuild drops it.
    try Data("[\"CUS-000001\"]\n".utf8).write(to: store.url("customers/merges/CUS-000002.json"))
    #expect(try runtime.verify().problems == [])
    #expect(try runtime.repository.customers(mergedInto: "CUS-000002") == [])
    #expect(try runtime.rebuild().repaired == ["customers/merges/CUS-000002.json"])
    #expect(try runtime.verify().problems == [])
  }

  /// A merge whose writes stop at the n-th file call (every call after it failing too, as if
  /// the process died there), for n = 1, 2, … until the merge completes: the merge is recorded
  /// or not, never half; when it is, k of the duplicate's cases have moved for some k, every
  /// case of both records is listed, verify finds nothing but state caches behind their
  /// histories, and the same merge run again moves the rest.
  @Test func aMergeStoppedAtAnyStepListsEveryCaseAndASecondMergeFinishesIt() throws {
    let template = try Fixture(cases: 2)
    defer { template.directory.remove() }
    let copy = template.directory.url.path + "/copy"
    let all = template.duplicateCases + [template.janeCase]
    var stoppedAfter: Set<Int> = []
    for call in 1... {
      try? FileManager.default.removeItem(atPath: copy)
      try FileManager.default.copyItem(atPath: template.root, toPath: copy)
      let fileSystem = FaultInjectingFileSystem(
        base: PosixFileSystem(), plan: FaultPlan(kind: nil, call: call, persistent: true, code: EIO))
      let merge = { (runtime: FileRuntime, seconds: Int) throws in
        _ = try runtime.at(Self.monday.adding(seconds: seconds)).mergeCustomers(
          keep: "CUS-000001", duplicate: "CUS-000002", by: "sam")
      }
      var thrown: Error?
      do { try merge(try FileRuntime.open(at: copy, fileSystem: fileSystem), 3600) } catch { thrown = error }
      let after = try FileRuntime.open(at: copy)
      let moved = try template.duplicateCases.filter { try after.repository.load($0)?.customer == "CUS-000001" }
      let listed = try after.at(Self.monday.adding(seconds: 7200)).cases(CaseFilter(customer: "CUS-000001")).map(\.id)
      // Only derived files left behind (or torn) by the stop, which readers replay past: no damage.
      #expect(try after.verify().problems == [], "call \(call)")
      guard try after.repository.loadCustomer("CUS-000002")?.mergedInto == "CUS-000001" else {
        #expect(thrown != nil && moved.isEmpty && listed == [template.janeCase], "call \(call)")
        continue
      }
      #expect(listed == all, "call \(call)")
      if fileSystem.failureCount == 0 {
        #expect(thrown == nil && moved == template.duplicateCases)
        break
      }
      stoppedAfter.insert(moved.count)
      try merge(after, 7200)
      let finished = try FileRuntime.open(at: copy)
      #expect(try finished.repository.cases(CaseFilter(customer: "CUS-000001")).cases.map(\.id) == all, "call \(call)")
      #expect(try finished.repository.cases(CaseFilter(customer: "CUS-000002")).cases.isEmpty, "call \(call)")
    }
    // Stopped with none, some and all of the cases moved.
    #expect(stoppedAfter == [0, 1, 2])
  }
}
