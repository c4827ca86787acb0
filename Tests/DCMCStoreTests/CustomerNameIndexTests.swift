import DCMCApplication
import DCMCFiles
import DCMCStore
import Foundation
import Testing
import _DCMCTestSupport

/// The file store's name index (`customers/names/`): a lookup opens only the records it
/// answers, drops the entries a crash leaves too many, and `store verify` and `store rebuild`
/// keep it in step with the histories.
@Suite struct CustomerNameIndexTests {
  typealias Store = CustomerStoreVerifyTests.Store

  /// Jane's bucket: a directory per byte of `jane`, `-` past its end.
  static let janes = "customers/names/6a/61/6e/65/-/-/-/-"
  /// Jane's entry (`CUS-000001`): the hex of `jane` in her bucket.
  static let jane = janes + "/6a616e65-CUS-000001"
  /// The bucket of `old jane`, whose eight bytes fill it.
  static let oldJanes = "customers/names/6f/6c/64/20/6a/61/6e/65"

  func names(_ store: Store, _ prefix: String) throws -> [String] {
    try store.customers().find(prefix, limit: 20, by: "alice").map(\.id)
  }

  @Test("a name lookup opens only the records it answers: an unreadable record elsewhere does not fail it")
  func opensOnlyItsRecords() throws {
    let store = try Store()
    defer { store.directory.remove() }
    #expect(try names(store, "jo") == ["CUS-000002"])
    // Joe's history cannot be read: a directory stands where it was.
    try store.remove("customers/streams/CUS-000002.log")
    try FileManager.default.createDirectory(
      at: store.url("customers/streams/CUS-000002.log"), withIntermediateDirectories: false)
    #expect(try names(store, "ja") == ["CUS-000001"])
    #expect(throws: (any Error).self) { try names(store, "jo") }
  }

  @Test("a search walks the buckets under its prefix in order and stops at its limit: it lists no bucket past it")
  func stopsAtLimit() throws {
    let store = try Store()
    defer { store.directory.remove() }
    // A file where the level of `jano` belongs, after Jane's: listing it fails.
    try store.write("", to: "customers/names/6a/61/6e/6f")
    #expect(try store.customers().find("ja", limit: 1, by: "alice").map(\.id) == ["CUS-000001"])
    #expect(throws: (any Error).self) { try names(store, "ja") }
  }

  @Test("a missing entry is found, and rebuild adds it back")
  func missingEntry() throws {
    let store = try Store()
    defer { store.directory.remove() }
    try store.remove(Self.jane)
    #expect(try names(store, "jane").isEmpty)
    #expect(try store.problems() == ["customer 'CUS-000001': \(Self.jane) is missing"])
    try store.rebuildRepairs([Self.jane])
    #expect(try names(store, "jane") == ["CUS-000001"])
  }

  @Test("entries a crash leaves too many are no damage: the lookup drops them and rebuild removes them")
  func entriesTooMany() throws {
    let store = try Store()
    defer { store.directory.remove() }
    // Joe's entry under a name he was never given, a merged record's, and one of no record.
    let leftovers = [
      Self.janes + "/6a616e65-CUS-000002", Self.oldJanes + "/6f6c64206a616e65-CUS-000003",
      Self.janes + "/6a616e65-CUS-000099",
    ]
    try FileManager.default.createDirectory(at: store.url(Self.oldJanes), withIntermediateDirectories: true)
    for path in leftovers { try store.write("", to: path) }
    #expect(try names(store, "jane") == ["CUS-000001"])
    #expect(try names(store, "old").isEmpty)
    #expect(try store.problems() == [])
    try store.rebuildRepairs(leftovers.sorted())
    #expect(!FileManager.default.fileExists(atPath: store.root + "/customers/names/6f"))
  }

  @Test("an entry under a name's key of before NFC (written decomposed) is named, and rebuild files it under its NFC key")
  func aKeyOfBeforeNFCIsRebuilt() throws {
    let store = try Store()
    defer { store.directory.remove() }
    let zoe = try store.customers().add(name: "Zoe\u{308}", email: nil, phone: nil, fields: [:], request: nil, by: "alice")
    // The entry a store made before keys were NFC: `zoe` and U+0308 (cc 88), not `zo` and U+00EB (c3 ab).
    let composed = "customers/names/7a/6f/c3/ab/-/-/-/-/7a6fc3ab-\(zoe.id)"
    let oldBucket = "customers/names/7a/6f/65/cc/88/-/-/-"
    let decomposed = oldBucket + "/7a6f65cc88-\(zoe.id)"
    #expect(FileManager.default.fileExists(atPath: store.root + "/" + composed))
    try store.remove(composed)
    try FileManager.default.createDirectory(at: store.url(oldBucket), withIntermediateDirectories: true)
    try store.write("", to: decomposed)
    #expect(try names(store, "zo\u{EB}").isEmpty)
    #expect(try store.problems() == ["customer '\(zoe.id)': \(composed) is missing"])
    try store.rebuildRepairs([composed, decomposed].sorted(), customers: 4)
    #expect(try names(store, "Zo\u{EB}") == [zoe.id] && names(store, "zoe\u{308}") == [zoe.id])
  }

  @Test("what is not an entry under customers/names/ is named, and rebuild removes it")
  func strays() throws {
    let store = try Store()
    defer { store.directory.remove() }
    // Not an entry, an entry in another's bucket, a file where a level's directory belongs.
    let strays = [Self.janes + "/6a6f65-CUS-000002", Self.janes + "/jane", "customers/names/6a/61/6e/jane", "customers/names/6a/zz"]
    for path in strays { try store.write("", to: path) }
    #expect(try store.problems() == strays.sorted().map { "\($0): stray file among the customers" })
    try store.rebuildRepairs(strays.sorted())
  }
}
