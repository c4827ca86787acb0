import Foundation
import Testing
import _DCMCTestSupport

/// Hostile files through the binary: each gets a diagnostic and exit 1, never a crash or a hang.
@Suite struct HostileInputTests {
  static let bomb = """
    kind: Workgroup
    id: w
    a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]

    """

  static let cases: [(name: String, bytes: [UInt8], code: String)] = [
    ("alias_bomb", Array(bomb.utf8), "DC1004"),
    ("flow_nesting", Array(("a: " + String(repeating: "[", count: 10_000)).utf8), "DC1003"),
    ("block_nesting", Array((String(repeating: "- ", count: 10_000) + "x\n").utf8), "DC1003"),
    ("invalid_utf8", Array("kind: Workgroup\nid: w\nname: caf".utf8) + [0xC3, 0x20, 0x0A], "DC1006"),
    ("duplicate_deep", Array("kind: Workgroup\nid: w\nmembers:\n  - user: a\n    skills: { x: 1, x: 2 }\n".utf8), "DC1002"),
    ("tab_indent", Array("kind: Workgroup\nid: w\nmembers:\n\t- a\n".utf8), "DC1001"),
    ("empty", [], "DC1010"),
    ("top_level_list", Array("- a\n- b\n".utf8), "DC2001"),
  ]

  @Test("a hostile file gets its diagnostic and exit 1", arguments: cases.map(\.name))
  func hostileFile(name: String) throws {
    let input = try #require(Self.cases.first { $0.name == name })
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.url.appendingPathComponent("\(name).yaml")
    try Data(input.bytes).write(to: file)
    let output = try BinaryRunner.run(["validate", file.path])
    #expect(output.status == 1)
    #expect(output.stdout.contains("error[\(input.code)]"), "\(output.stdout)")
  }

  @Test("a 50 MB scalar is refused by the size bound")
  func hugeScalar() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let file = directory.url.appendingPathComponent("big.yaml")
    var text = Data("kind: Template\nid: t\nbody: \"".utf8)
    text.append(Data(repeating: UInt8(ascii: "x"), count: 50_000_000))
    text.append(Data("\"\n".utf8))
    try text.write(to: file)
    let output = try BinaryRunner.run(["validate", file.path])
    #expect(output.status == 1)
    #expect(output.stdout.contains("error[DC1005]: file is larger than the limit of 4 MiB"))
  }
}
