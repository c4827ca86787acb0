import DCMCStore
import Foundation
import Testing

struct StoreIDTests {
  static let refused: [(String, String)] = [
    ("", "is empty"),
    (".", "is a directory reference"),
    ("..", "is a directory reference"),
    (".hidden", "starts with '.'"),
    ("../etc", "starts with '.'"),
    ("a/b", "contains '/'"),
    ("/etc/passwd", "contains '/'"),
    ("a\u{0}b", "contains a nul character"),
    ("line\nbreak", "contains a control character"),
    ("tab\t", "contains a control character"),
    ("del\u{7f}", "contains a control character"),
    ("c1\u{85}", "contains a control character"),
    (String(repeating: "a", count: 129), "is longer than 128 bytes"),
    (String(repeating: "é", count: 65), "is longer than 128 bytes"),
  ]

  @Test(arguments: refused)
  func unsafeIdsAreRefusedWithTheirReason(id: String, reason: String) {
    #expect(throws: StoreError.invalidID(id, reason: reason)) { try StoreID(id) }
  }

  @Test(arguments: ["C-2024-0001", "a.b", "a..b", "with space", "ünïcode", String(repeating: "é", count: 64)])
  func ordinaryIdsAreKeptAsGiven(id: String) throws {
    #expect(try StoreID(id).rawValue == id)
  }

  @Test func messagesShowControlCharactersEscapedOnOneLine() {
    #expect(
      StoreError.invalidID("a\nb", reason: "contains a control character").description
        == "invalid id 'a\\u{a}b': contains a control character")
    #expect(StoreError.invalidID("../x", reason: "starts with '.'").description == "invalid id '../x': starts with '.'")
  }

  @Test func pathsAreMadeOnlyOfValidIds() throws {
    #expect(try StorePath("states", "C-1.json").description == "states/C-1.json")
    #expect(throws: StoreError.self) { try StorePath("states", "..") }
    #expect(throws: StoreError.self) { try StorePath("a/b") }
  }

  /// `O_NOFOLLOW`: a symbolic link planted as a log is never followed, so the file it points
  /// to outside the store is neither read nor written.
  @Test func aSymbolicLinkPlantedAsALogIsNotFollowed() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let outside = fixture.directory.url.path + "/outside.txt"
    try Data("precious\n".utf8).write(to: URL(fileURLWithPath: outside))
    try FileManager.default.createSymbolicLink(atPath: fixture.root + "/streams/evil.log", withDestinationPath: outside)
    let store = try fixture.store()
    let error = try #require(throws: StoreError.self) { try store.append(["x"], to: "evil") }
    #expect(error.code == ELOOP)
    #expect(error.description.hasPrefix("cannot open '\(fixture.root)/streams/evil.log': "))
    #expect(throws: StoreError.self) { try store.history(of: StoreID("evil")) }
    #expect(try String(contentsOfFile: outside, encoding: .utf8) == "precious\n")
  }

  /// `rename` replaces a symbolic link itself, never the file it points to.
  @Test func replacingASymbolicLinkReplacesTheLinkNotItsTarget() throws {
    let fixture = try StoreFixture()
    defer { fixture.remove() }
    let outside = fixture.directory.url.path + "/outside.txt"
    try Data("precious\n".utf8).write(to: URL(fileURLWithPath: outside))
    try FileManager.default.createSymbolicLink(atPath: fixture.root + "/state.json", withDestinationPath: outside)
    try fixture.store().replace("state.json", with: "{}")
    #expect(try String(contentsOfFile: outside, encoding: .utf8) == "precious\n")
    #expect(try fixture.bytes("state.json") == Array("{}".utf8))
    #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: fixture.root + "/state.json")) == nil)
  }
}
