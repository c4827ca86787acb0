import Foundation
import Testing
import _DCMCTestSupport

/// Inputs built to break a YAML reader, fed to the binary: each must end in one diagnostic
/// with its code and exit status 1, never a crash, a hang or an I/O error.
@Suite struct HostileInputTests {
  struct Case: Sendable, CustomTestStringConvertible {
    var name: String
    var bytes: [UInt8]
    var code: String
    /// Where the diagnostic must point, `LINE:COLUMN`.
    var place: String

    var testDescription: String { name }

    init(_ name: String, _ text: String, code: String, at place: String) {
      self.init(name, Array(text.utf8), code: code, at: place)
    }

    init(_ name: String, _ bytes: [UInt8], code: String, at place: String) {
      self.name = name
      self.bytes = bytes
      self.code = code
      self.place = place
    }
  }

  static let cases: [Case] = [
    Case("alias bomb", billionLaughs, code: "DC1004", at: "6:8"),
    Case(
      "10,000 nested flow lists", "kind: Workgroup\nid: agents\nmembers: " + nested("[", "]", depth: 10_000),
      code: "DC1003", at: "3:265"),
    Case("10,000 nested flow mappings", nested("{a: ", "}", depth: 10_000), code: "DC1003", at: "1:1025"),
    Case(
      "invalid UTF-8", Array("kind: Workgroup\nid: agents\nname: A".utf8) + [0xC0, 0xAF] + Array("\n".utf8),
      code: "DC1006", at: "3:8"),
    Case(
      "duplicate key deep in a list",
      """
      kind: Workgroup
      id: agents
      members:
        - alice
        - { user: bob, skills: { technical: 60, french: 40, technical: 70 } }
      """, code: "DC1002", at: "5:55"),
    Case("tab in indentation", "kind: Workgroup\nid: agents\nmembers:\n\t- alice\n", code: "DC1001", at: "4:1"),
    Case("empty file", "", code: "DC1010", at: "1:1"),
    Case("only comments", "# nothing here\n", code: "DC1010", at: "1:1"),
    Case("top-level list", "- kind: Workgroup\n- id: agents\n", code: "DC2001", at: "1:1"),
    Case("a lone scalar", "Workgroup\n", code: "DC2001", at: "1:1"),
    Case("an unclosed flow list", "kind: Workgroup\nid: agents\nmembers: [alice, bob\n", code: "DC1001", at: "4:1"),
    Case("a NUL byte", "kind: Workgroup\nid: agents\u{0}\nmembers: [alice]\n", code: "DC1001", at: "2:11"),
  ]

  @Test("a hostile input gives one diagnostic and exit status 1", arguments: cases)
  func hostileInput(input: Case) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try Data(input.bytes).write(to: directory.url.appendingPathComponent("hostile.yaml"))
    let result = try BinaryRunner.run(["validate", "hostile.yaml"], in: directory.url)
    #expect(result.status == 1)
    #expect(result.stderr.isEmpty)
    #expect(result.stdout.hasPrefix("hostile.yaml:\(input.place): error[\(input.code)]:"), "\(result.stdout)")
    #expect(Fixtures.summary(of: result.stdout) == "validated 1 file: 1 error")
  }

  /// A file far larger than the reader's limit is refused before it is parsed or held in
  /// memory.
  @Test func fiftyMegabyteScalarFileIsRefusedAsTooLarge() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let url = directory.url.appendingPathComponent("huge.yaml")
    var bytes = Array("kind: Template\nid: huge\nbody: ".utf8)
    bytes += [UInt8](repeating: UInt8(ascii: "x"), count: 50_000_000)
    bytes += Array("\n".utf8)
    try Data(bytes).write(to: url)
    let result = try BinaryRunner.run(["validate", "--format", "json", "huge.yaml"], in: directory.url)
    #expect(result.status == 1)
    let document = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let diagnostics = try #require(document["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.map { $0["code"] as? String } == ["DC1005"])
    #expect(diagnostics.first?["message"] as? String == "file is larger than the limit of 4 MiB")
  }

  /// A single scalar over the 1 MiB bound in a file under the 4 MiB bound.
  @Test func twoMegabyteScalarIsRefusedAsTooLarge() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let body = String(repeating: "lorem ipsum ", count: 180_000)
    try directory.write("long.yaml", "kind: Template\nid: long\nbody: \(body)\n")
    let result = try BinaryRunner.run(["validate", "long.yaml"], in: directory.url)
    #expect(result.status == 1)
    #expect(result.stdout.hasPrefix("long.yaml:3:7: error[DC1007]:"), "\(result.stdout.prefix(300))")
    #expect(Fixtures.summary(of: result.stdout) == "validated 1 file: 1 error")
  }

  /// The "billion laughs": nine levels of nine aliases each.
  static var billionLaughs: String {
    var text = "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    for (previous, name) in zip(names, names.dropFirst()) {
      text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
    }
    return text
  }

  static func nested(_ open: String, _ close: String, depth: Int) -> String {
    String(repeating: open, count: depth) + "x" + String(repeating: close, count: depth) + "\n"
  }
}
