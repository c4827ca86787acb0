import DCMCApplication
import DCMCBundle
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 15: `store verify` checks `customers/` as it checks cases (each history replayed, the
/// email, phone and request files against the histories, stray files), and `store rebuild`
/// rewrites those files from the histories. An entry too many is no damage: the adapter
/// leaves one by design when a crash falls between an entry and its append.
@Suite struct CustomerStoreVerifyTests {
  /// A store with the reference bundle and three records: Jane (email, phone, request `r1`),
  /// Joe (email) and Old Jane, merged into Jane.
  struct Store {
    let directory: TemporaryDirectory
    let runtime: FileRuntime
    var root: String { directory.url.path + "/store" }

    init() throws {
      directory = try TemporaryDirectory()
      runtime = try FileRuntime.openOrCreate(at: directory.url.path + "/store")
      _ = try runtime.deploy(ReferenceBundle.compiled.bundle, bytes: ReferenceBundle.compiled.bytes)
      let customers = try self.customers()
      _ = try customers.add(
        name: "Jane", email: "Jane@example.com", phone: "02 555 12 34", fields: [:], request: "r1", by: "alice")
      _ = try customers.add(name: "Joe", email: "joe@example.com", phone: nil, fields: [:], request: nil, by: "alice")
      _ = try customers.add(name: "Old Jane", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
      _ = try customers.merge(keep: "CUS-000001", duplicate: "CUS-000003", by: "sam")
      #expect(try problems() == [])
    }

    func customers() throws -> CustomerService {
      try CustomerStoreFaultInjectionTests.customers(root, PosixFileSystem(), at: 60)
    }

    func problems() throws -> [String] { try runtime.verify().problems }
    func behind() throws -> [String] { try runtime.verify().behind }
    func url(_ path: String) -> URL { URL(fileURLWithPath: root + "/" + path) }
    func write(_ text: String, to path: String) throws { try Data(text.utf8).write(to: url(path)) }
    func remove(_ path: String) throws { try FileManager.default.removeItem(at: url(path)) }
    func contents(_ path: String) throws -> String { try String(contentsOf: url(path), encoding: .utf8) }

    /// Rebuilds, expecting exactly `repaired` among the files it names (of `customers` records),
    /// then a clean verify.
    func rebuildRepairs(_ repaired: [String], customers: Int = 3) throws {
      let report = try runtime.rebuild()
      #expect(report.customers == customers)
      #expect(report.refusedCustomers == [])
      #expect(report.repaired == repaired)
      #expect(try problems() == [])
    }
  }

  static func email(_ address: String) -> String {
    "customers/emails/" + SHA256.hexDigest(of: Array(address.utf8)) + ".json"
  }

  static let jane = email("jane@example.com")
  static let janePhone = "customers/phones/+3225551234.json"

  @Test("a missing email or phone file, or one that does not list its record, is found and rebuilt")
  func missingEntries() throws {
    let store = try Store()
    defer { store.directory.remove() }
    try store.remove(Self.jane)
    try store.write("[\"CUS-000002\"]\n", to: Self.janePhone)
    #expect(
      try store.problems() == [
        "customer 'CUS-000001': \(Self.jane) is missing",
        "customer 'CUS-000001': \(Self.janePhone) does not list it",
      ])
    try store.rebuildRepairs([Self.jane, Self.janePhone])
    #expect(try store.contents(Self.janePhone) == "[\"CUS-000001\"]\n")
    #expect(try store.customers().find("JANE@example.com", limit: 5, by: "alice").map(\.id) == ["CUS-000001"])
  }

  @Test("an index or request file that does not read is found and rewritten")
  func unreadableFiles() throws {
    let store = try Store()
    defer { store.directory.remove() }
    try store.write("not json", to: Self.janePhone)
    try store.write("[1]", to: Self.email("joe@example.com"))
    try store.write("{}", to: "customers/requests/r1.json")
    #expect(
      try store.problems().sorted()
        == [
          "\(Self.email("joe@example.com")) is not a list of customer ids",
          "\(Self.janePhone) is not a list of customer ids",
          "customers/requests/r1.json is not {\"customer\": ID}",
        ].sorted())
    try store.rebuildRepairs(
      [Self.email("joe@example.com"), Self.janePhone, "customers/requests/r1.json"].sorted())
  }

  @Test("a request file missing, or naming another record, is found; once rebuilt a retry finds its record")
  func requestFiles() throws {
    let store = try Store()
    defer { store.directory.remove() }
    try store.write("{\"customer\":\"CUS-000002\"}\n", to: "customers/requests/r1.json")
    #expect(try store.problems() == ["customer 'CUS-000001': customers/requests/r1.json names 'CUS-000002'"])
    try store.remove("customers/requests/r1.json")
    #expect(try store.problems() == ["customer 'CUS-000001': customers/requests/r1.json is missing"])
    try store.rebuildRepairs(["customers/requests/r1.json"])
    let retried = try store.customers().add(
      name: "Jane", email: "Jane@example.com", phone: "02 555 12 34", fields: [:], request: "r1", by: "alice")
    #expect(retried.id == "CUS-000001")
  }

  @Test("files that do not belong under customers/ are named, and rebuild removes them")
  func strays() throws {
    let store = try Store()
    defer { store.directory.remove() }
    try store.write("x", to: "customers/notes.txt")
    try store.write("[]", to: "customers/emails/jane.json")
    try store.write("x", to: "customers/streams/CUS-000001.txt")
    try FileManager.default.createDirectory(at: store.url("customers/phones/+32"), withIntermediateDirectories: false)
    #expect(
      try store.problems()
        == [
          "customers/emails/jane.json: stray file among the customers",
          "customers/notes.txt: stray file among the customers",
          "customers/phones/+32: stray directory among the customers",
          "customers/streams/CUS-000001.txt: stray file among the customers",
        ].sorted())
    try store.rebuildRepairs([
      "customers/emails/jane.json", "customers/notes.txt", "customers/phones/+32", "customers/streams/CUS-000001.txt",
    ])
  }

  @Test("a damaged history, another record's history and a merge into a lost record are found")
  func damagedHistories() throws {
    let store = try Store()
    defer { store.directory.remove() }
    try FileManager.default.copyItem(
      at: store.url("customers/streams/CUS-000002.log"), to: store.url("customers/streams/CUS-000009.log"))
    var log = try Data(contentsOf: store.url("customers/streams/CUS-000002.log"))
    log[log.count - 5] ^= 0x01
    try log.write(to: store.url("customers/streams/CUS-000002.log"))
    let problems = try store.problems()
    #expect(problems.count == 2)
    #expect(problems.first?.hasPrefix("customer 'CUS-000002': ") == true, "\(problems)")
    #expect(
      problems.last
        == "customer 'CUS-000009': customers/streams/CUS-000009.log holds the history of customer 'CUS-000002'")
    // Rebuild leaves the damaged records and the entries that name them.
    let report = try store.runtime.rebuild()
    #expect(report.refusedCustomers.count == 2)
    #expect(try store.contents(Self.email("joe@example.com")) == "[\"CUS-000002\"]\n")
    // A record merged into one whose history is gone, with its head (which would name the
    // history as missing events: `CustomerHistoryLossTests`).
    try store.remove("customers/streams/CUS-000009.log")
    try store.remove("customers/streams/CUS-000001.log")
    try store.remove("customers/heads/CUS-000001.json")
    #expect(try store.problems().contains("customer 'CUS-000003': merged into 'CUS-000001', which has no history"))
  }

  @Test("entries a crash leaves too many are no damage, and rebuild drops them")
  func entriesTooMany() throws {
    let store = try Store()
    defer { store.directory.remove() }
    try store.write("[\"CUS-000099\"]\n", to: Self.email("ghost@example.com"))
    try store.write("[\"CUS-000001\",\"CUS-000002\"]\n", to: Self.jane)
    try store.write("{\"customer\":\"CUS-000099\"}\n", to: "customers/requests/r2.json")
    #expect(try store.problems() == [])
    try store.rebuildRepairs([Self.email("ghost@example.com"), Self.jane, "customers/requests/r2.json"].sorted())
    #expect(try store.contents(Self.jane) == "[\"CUS-000001\"]\n")
  }
}
