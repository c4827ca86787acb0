import DCMCApplication
import DCMCFiles
import DCMCRuntime
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 15: the per-customer case summaries (`by-customer/.<customer>.summaries`) that
/// `customer cases` reads instead of each case's state cache and whole log: kept with each
/// append of a linked case and moved by a merge, never served once a case's log has changed
/// since its line, checked by `store verify` and written again by `store rebuild`
/// (`CustomerSummariesAppendTests`: its cost per append; `CustomerSummariesFormatTests`: its lines).
@Suite struct CustomerSummariesTests {
  typealias Fixture = CustomerCaseIndexTests.Fixture
  static let monday = CustomerCaseIndexTests.monday

  /// A file system that records the path of every file opened.
  final class OpenCounter: ForwardingFileSystem, @unchecked Sendable {
    let base: any FileSystem = PosixFileSystem()
    private let lock = NSLock()
    private var paths: [String] = []

    func willCall(_ kind: OperationKind, _ operation: String, _ path: String) throws(FileError) {
      if kind == .open { lock.withLock { paths.append(path) } }
    }

    /// How many opens named a path containing `part`, since the last `reset`.
    func opens(containing part: String) -> Int { lock.withLock { paths.filter { $0.contains(part) }.count } }

    func reset() { lock.withLock { paths.removeAll() } }
  }

  /// What the customer's list reads through `fileSystem`, by case id.
  static func summaries(_ store: Fixture, _ customer: String, _ fileSystem: any FileSystem = PosixFileSystem())
    throws -> [String: CaseSummary]
  {
    let found = try FileCaseRepository.open(at: store.root, fileSystem: fileSystem).caseSummaries(ofCustomer: customer)
    #expect(found.damaged.isEmpty)
    return Dictionary(uniqueKeysWithValues: found.cases.map { ($0.id, $0) })
  }

  /// Each case's summary made from its whole state.
  static func expected(_ store: Fixture, _ ids: [String]) throws -> [String: CaseSummary] {
    let runtime = try store.runtime()
    return Dictionary(uniqueKeysWithValues: try ids.map { ($0, CaseSummary(try runtime.repository.load($0)!)) })
  }

  @Test("a customer's cases are read from its summaries and one read of each log's end, no state cache")
  func theListReadsNoStateCache() throws {
    let store = try Fixture(cases: 3)
    defer { store.directory.remove() }
    let counter = OpenCounter()
    #expect(try Self.summaries(store, "CUS-000002", counter) == Self.expected(store, store.duplicateCases))
    #expect(counter.opens(containing: "/states/") == 0)
    #expect(counter.opens(containing: "/streams/") == 3)
    #expect(counter.opens(containing: "/by-customer/.CUS-000002.summaries") == 1)
    // Without the file, each case is read from its cache, as before.
    try FileManager.default.removeItem(at: store.url("by-customer/.CUS-000002.summaries"))
    counter.reset()
    #expect(try Self.summaries(store, "CUS-000002", counter) == Self.expected(store, store.duplicateCases))
    #expect(counter.opens(containing: "/states/") == 3)
  }

  @Test("a line whose case's log changed since is not served: the case is read from its cache")
  func aStaleLineIsNotServed() throws {
    let store = try Fixture(cases: 2)
    defer { store.directory.remove() }
    let (first, path) = (store.duplicateCases[0], store.url("by-customer/.CUS-000002.summaries"))
    let before = try Data(contentsOf: path)
    let runtime = try store.runtime()
    _ = try runtime.execute(.claim(task: "\(first).1"), onCase: first, by: "bob", at: Self.monday.adding(seconds: 600))
    #expect(try Data(contentsOf: path) != before)
    // An older dcmc appended without writing the line: the line stays behind the log.
    try before.write(to: path)
    let counter = OpenCounter()
    let listed = try Self.summaries(store, "CUS-000002", counter)
    #expect(listed == (try Self.expected(store, store.duplicateCases)))
    #expect(listed[first]?.updatedAt == Self.monday.adding(seconds: 600))
    #expect(counter.opens(containing: "/states/") == 1)
    // Behind is not damage; rebuild brings the line up to date.
    #expect(try runtime.verify().problems == [])
    #expect(try runtime.rebuild().repaired == ["by-customer/.CUS-000002.summaries"])
    counter.reset()
    _ = try Self.summaries(store, "CUS-000002", counter)
    #expect(counter.opens(containing: "/states/") == 0)
    #expect(try runtime.rebuild().repaired == [])
  }

  @Test("a torn last line is named behind, a damaged line is reported, both are rebuilt; a lie is reported")
  func tornDamagedAndLyingLines() throws {
    let store = try Fixture(cases: 2)
    defer { store.directory.remove() }
    let runtime = try store.runtime()
    let path = store.url("by-customer/.CUS-000002.summaries")
    let whole = try Data(contentsOf: path)
    let lines = { () throws -> [String: ArraySlice<UInt8>] in
      try #require(CustomerSummaries(Array(try Data(contentsOf: path)))).lines
    }
    let kept = try lines()
    // A crash during an append: the last line torn, read past and named as behind, not damage.
    try (whole + whole.prefix(40)).write(to: path)
    #expect(try Self.summaries(store, "CUS-000002") == Self.expected(store, store.duplicateCases))
    let torn = try runtime.verify()
    #expect(torn.problems == [])
    #expect(torn.behind == ["by-customer/.CUS-000002.summaries: its last line is torn by a cut: it is behind the histories"])
    #expect(try runtime.rebuild().repaired == ["by-customer/.CUS-000002.summaries"])
    #expect(try runtime.verify().behind == [])
    #expect(try lines() == kept)
    // A bad line before the last is damage: its case is read from its cache.
    var damaged = whole
    damaged[damaged.startIndex + 30] ^= 0x01
    try damaged.write(to: path)
    #expect(try Self.summaries(store, "CUS-000002") == Self.expected(store, store.duplicateCases))
    #expect(
      try runtime.verify().problems == [
        "by-customer/.CUS-000002.summaries: line 1 is torn (its checksum does not hold), so it differs from its history"
      ])
    #expect(try runtime.rebuild().repaired == ["by-customer/.CUS-000002.summaries"])
    #expect(try lines() == kept)
    #expect(try runtime.verify().problems == [])
    // A hand edit that keeps the checksum: the log still ends where the line says, so verify
    // is what finds it.
    var framed = try whole.split(separator: 10).map { try #require(SummaryLine(Array($0)[...])) }
    let edited = String(decoding: framed[0].summary, as: UTF8.self)
      .replacingOccurrences(of: #""sla_paused":false"#, with: #""sla_paused":true"#)
    framed[0].summary = Array(edited.utf8)[...]
    try Data(framed.flatMap(\.bytes)).write(to: path)
    let id = store.duplicateCases[0]
    #expect(try Self.summaries(store, "CUS-000002")[id]?.slaPaused == true)
    #expect(
      try runtime.verify().problems == [
        "by-customer/.CUS-000002.summaries: the line of case '\(id)' differs from its history"
      ])
    #expect(try runtime.rebuild().repaired == ["by-customer/.CUS-000002.summaries"])
    #expect(try runtime.verify().problems == [])
    // A file in the older format whose checksum does not hold is torn.
    let body = framed.map { String(decoding: $0.summary, as: UTF8.self) + "\n" }.joined()
    try Data((body + Self.checksumLine(of: body)).utf8).dropLast(3).write(to: path)
    #expect(try Self.summaries(store, "CUS-000002") == Self.expected(store, store.duplicateCases))
    #expect(
      try runtime.verify().problems == [
        "by-customer/.CUS-000002.summaries: torn (its checksum does not hold), so it differs from its history"
      ])
    #expect(try runtime.rebuild().repaired == ["by-customer/.CUS-000002.summaries"])
    #expect(try lines() == kept)
    // The summaries of a record with no case filed are removed.
    try whole.write(to: store.url("by-customer/.CUS-000009.summaries"))
    #expect(try runtime.rebuild().repaired == ["by-customer/.CUS-000009.summaries removed"])
  }

  @Test("a merge moves each case's line to the kept record's summaries; a link adds one")
  func mergeAndLinkMoveLines() throws {
    let store = try Fixture(cases: 2)
    defer { store.directory.remove() }
    let runtime = try store.runtime()
    _ = try runtime.at(Self.monday.adding(seconds: 3600)).mergeCustomers(
      keep: "CUS-000001", duplicate: "CUS-000002", by: "sam")
    #expect(!FileManager.default.fileExists(atPath: store.root + "/by-customer/.CUS-000002.summaries"))
    let all = store.duplicateCases + [store.janeCase]
    let counter = OpenCounter()
    #expect(try Self.summaries(store, "CUS-000001", counter) == Self.expected(store, all))
    #expect(counter.opens(containing: "/states/") == 0)
    // Two records with one email: a case giving it is left unlinked.
    let customers = try CustomerStoreFaultInjectionTests.customers(store.root, PosixFileSystem(), at: 3900)
    for name in ["Ann", "Ann again"] {
      _ = try customers.add(
        name: name, email: "ann@example.com", phone: nil, fields: [:], request: nil, shared: true, by: "alice")
    }
    let unlinked = try runtime.create(
      type: "technical",
      fields: [
        "Customer_Name": "Ann", "Customer_Email": "ann@example.com", "Product": "internet",
        "Problem_Description": "no signal",
      ], requestID: nil, by: "alice", at: Self.monday.adding(seconds: 4000))
    #expect(unlinked.customer == nil)
    _ = try runtime.at(Self.monday.adding(seconds: 4100)).link(unlinked.id, toCustomer: "CUS-000001", by: "sam")
    counter.reset()
    #expect(try Self.summaries(store, "CUS-000001", counter) == Self.expected(store, all + [unlinked.id]))
    #expect(counter.opens(containing: "/states/") == 0)
    #expect(try runtime.verify().problems == [])
    #expect(try runtime.rebuild().repaired == [])
  }

  /// `{"crc32c":"…"}` and a line break, as the store ends a state cache (and ended a summaries
  /// file before its lines were framed).
  static func checksumLine(of body: String) -> String {
    let hex = String(CRC32C.checksum(Array(body.utf8)), radix: 16)
    return #"{"crc32c":""# + String(repeating: "0", count: 8 - hex.count) + hex + "\"}\n"
  }
}
