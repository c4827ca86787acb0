import DCMCApplication
import DCMCBundle
import DCMCFiles
import DCMCRuntime
@testable import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// Issue 18 (creates a second through `dcmc serve`): a create's customer lookup by email read
/// the email's index file and each record it lists (open, `fstat`, reads, close: ten calls a
/// create). A long-lived repository keeps what it read with the files' identities and reads a
/// file again only when its identity changed (`FileReadCache`, `docs/store.md`, "Customer events").
@Suite struct CustomerLookupCacheTests {
  /// The call log, also telling files' identities as the real file system does (a forwarding
  /// file system cannot tell them by default, and then every lookup reads).
  final class TellingCallLog: ForwardingFileSystem, @unchecked Sendable {
    let log: CallLog
    var base: any FileSystem { log }
    init(root: String) { log = CallLog(root: root, kinds: [.open]) }
    func identity(_ path: String) throws(FileError) -> String? { try PosixFileSystem().identity(path) }
    /// The customer files opened so far.
    func opened() -> [String] { log.calls().filter { $0.contains("customers/") } }
  }

  static let jane = "customers/emails/" + SHA256.hexDigest(of: Array("jane@example.com".utf8)) + ".json"

  @Test func aLookupByEmailReadsItsFilesAgainOnlyWhenTheyChanged() throws {
    let store = try CustomerStoreVerifyTests.Store()
    defer { store.directory.remove() }
    let files = TellingCallLog(root: store.root)
    let repository = try FileCaseRepository.open(at: store.root, fileSystem: files)
    #expect(try repository.customers(withEmail: "jane@example.com") == ["CUS-000001"])
    #expect(files.opened() == ["open \(Self.jane)", "open customers/streams/CUS-000001.log"])
    // Nothing changed: nothing opened.
    #expect(try repository.customers(withEmail: "jane@example.com") == ["CUS-000001"])
    #expect(try repository.loadCustomer("CUS-000001")?.name == "Jane")
    #expect(files.opened().count == 2)

    // Another writer renames Jane: only her log changed (appended), and it is read again.
    _ = try store.customers().update(
      "CUS-000001", name: "Jane Roe", email: "jane@example.com", phone: "02 555 12 34", fields: [:], by: "alice")
    #expect(try repository.loadCustomer("CUS-000001")?.name == "Jane Roe")
    #expect(try repository.customers(withEmail: "jane@example.com") == ["CUS-000001"])
    #expect(files.opened().count == 3)

    // Another writer moves her to another address: the index file is replaced, and read again.
    _ = try store.customers().update(
      "CUS-000001", name: "Jane Roe", email: "jane@example.org", phone: "02 555 12 34", fields: [:], by: "alice")
    #expect(try repository.customers(withEmail: "jane@example.com") == [])
    #expect(try repository.customers(withEmail: "jane@example.org") == ["CUS-000001"])
    #expect(try repository.loadCustomer("CUS-000001")?.email?.key == "jane@example.org")
  }

  /// A log read with a torn tail (an append in progress, or a crashed one the next append cuts
  /// and may overwrite to the same length) is replayed every time, never kept.
  @Test func aRecordReadWithATornTailIsNotKept() throws {
    let store = try CustomerStoreVerifyTests.Store()
    defer { store.directory.remove() }
    let handle = try FileHandle(forWritingTo: store.url("customers/streams/CUS-000002.log"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("2 1/1 40 0000".utf8))
    try handle.close()
    let files = TellingCallLog(root: store.root)
    let repository = try FileCaseRepository.open(at: store.root, fileSystem: files)
    #expect(try repository.loadCustomer("CUS-000002")?.name == "Joe")
    #expect(try repository.loadCustomer("CUS-000002")?.name == "Joe")
    #expect(files.opened() == ["open customers/streams/CUS-000002.log", "open customers/streams/CUS-000002.log"])
  }

  @Test func theCacheKeepsAtMostItsLimit() {
    let cache = FileReadCache<Int>(limit: 2)
    cache.keep(1, for: "a", identity: "1")
    cache.keep(2, for: "b", identity: "1")
    #expect(cache.value("a", identity: "1") == 1)
    #expect(cache.value("a", identity: "2") == nil)
    cache.keep(3, for: "b", identity: "2")
    #expect(cache.count == 2)
    cache.keep(4, for: "c", identity: "1")
    #expect(cache.count == 1)
    #expect(cache.value("c", identity: "1") == 4)
  }

  /// An address's index file is named by its SHA-256 once, then kept (`emailIndexFiles`): the
  /// kept name is the one `emailPath` gives, for every address looked up, beyond the limit too,
  /// and a lookup through it finds what the file lists.
  @Test func anAddressIndexFileIsNamedOnceAndAsEmailPathNamesIt() throws {
    let store = try CustomerStoreVerifyTests.Store()
    defer { store.directory.remove() }
    let repository = try FileCaseRepository.open(at: store.root)
    #expect(repository.emailIndexFiles.value("jane@example.com") == nil)
    #expect(try repository.customers(withEmail: "jane@example.com") == ["CUS-000001"])
    let kept = try #require(repository.emailIndexFiles.value("jane@example.com"))
    #expect(kept.key == Self.jane)
    #expect(kept.absolute == store.root + "/" + Self.jane)
    let keys = ["", "a@b", "JANE@example.com", "x\u{301}@y", "\"@\\", "😀@example.org"]
      + (0..<5_000).map { "user\($0)@example.com" }
    for key in keys {
      let file = repository.emailIndexFile(key)
      #expect(file.path == FileCaseRepository.emailPath(key), "\(key)")
      #expect(file.key == FileCaseRepository.emailPath(key).description)
      #expect(file.absolute == FileCaseRepository.emailPath(key).absolute(in: store.root))
      #expect(repository.emailIndexFiles.count <= repository.emailIndexFiles.limit)
    }
    #expect(try repository.customers(withEmail: "jane@example.com") == ["CUS-000001"])
    #expect(try repository.customers(withEmail: "user7@example.com") == [])
  }

  /// A lookup takes the index file kept for an address, not one named again from its digest:
  /// with joe's file kept for jane's address, jane's lookup reads joe's file (and finds no
  /// record with her address in it) until the kept name goes.
  @Test func aLookupByEmailTakesTheKeptIndexFileNotADigestComputedAgain() throws {
    let store = try CustomerStoreVerifyTests.Store()
    defer { store.directory.remove() }
    let repository = try FileCaseRepository.open(at: store.root)
    #expect(try repository.customers(withEmail: "joe@example.com") == ["CUS-000002"])
    let joe = try #require(repository.emailIndexFiles.value("joe@example.com"))
    repository.emailIndexFiles.keep(joe, for: "jane@example.com")
    #expect(try repository.customers(withEmail: "jane@example.com") == [])
    let fresh = try FileCaseRepository.open(at: store.root)
    #expect(try fresh.customers(withEmail: "jane@example.com") == ["CUS-000001"])
  }

  @Test func keptValuesKeepAtMostTheirLimit() {
    let values = KeptValues<Int>(limit: 2)
    #expect(values.value("a") { 1 } == 1)
    #expect(values.value("a") { 9 } == 1)
    values.keep(2, for: "b")
    #expect(values.count == 2)
    #expect(values.value("c") { 3 } == 3)
    #expect(values.count == 1)
    #expect(values.value("a") == nil)
  }
}
