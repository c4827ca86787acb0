import Foundation
import Testing
import _DCMCTestSupport

/// How `dcmc validate` walks the directories it is given when they hold symbolic links or
/// nest deep: it always ends, and reads each file it finds once.
@Suite struct DirectoryWalkTests {
  static let workgroups = Fixtures.repository.appendingPathComponent("definitions/workgroups.yaml")

  /// A folder holding the reference workgroups and links to itself: followed, one link reads
  /// the file 41 times (until `ELOOP`) and two never end.
  @Test("a link back up the tree is not followed", arguments: [["a"], ["a", "b"]])
  func linksToAnEnclosingDirectoryAreNotFollowed(links: [String]) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let loop = directory.url.appendingPathComponent("loop")
    try FileManager.default.createDirectory(at: loop, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      at: Self.workgroups, to: loop.appendingPathComponent("workgroups.yaml"))
    for link in links {
      try FileManager.default.createSymbolicLink(
        atPath: loop.appendingPathComponent(link).path, withDestinationPath: ".")
    }
    let result = try BinaryRunner.run(["validate", "loop"], in: directory.url)
    #expect(result.stdout == "validated 1 file: no problems\n")
    #expect(result.stderr.isEmpty)
    #expect(result.status == 0)
  }

  @Test func aLinkNamedOnTheCommandLineIsFollowedAndALinkToAFileIsRead() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("real/team.yaml", "kind: Workgroup\nid: team\nmembers: []\n")
    try directory.write("other/more.yaml", "kind: Workgroup\nid: more\nmembers: []\n")
    let manager = FileManager.default
    try manager.createSymbolicLink(
      atPath: directory.url.appendingPathComponent("named").path, withDestinationPath: "real")
    try manager.createSymbolicLink(
      atPath: directory.url.appendingPathComponent("real/more.yaml").path,
      withDestinationPath: "../other/more.yaml")
    try manager.createSymbolicLink(
      atPath: directory.url.appendingPathComponent("real/other").path,
      withDestinationPath: "../other")
    let result = try BinaryRunner.run(["validate", "named"], in: directory.url)
    let headers = result.stdout.split(separator: "\n").filter { $0.contains("warning[") }
    #expect(
      headers == [
        "named/more.yaml:3:10: warning[DC7003]: workgroup 'more' has no members",
        "named/team.yaml:3:10: warning[DC7003]: workgroup 'team' has no members",
      ])
    #expect(Fixtures.summary(of: result.stdout) == "validated 2 files: 2 warnings")
    #expect(result.status == 0)
  }

  @Test func theWalkGoesThirtyTwoDirectoriesDownAndRefusesDeeper() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let deepest = Array(repeating: "d", count: 32).joined(separator: "/")
    try directory.write(
      "tree/\(deepest)/team.yaml", "kind: Workgroup\nid: team\nmembers: [alice]\n")
    let deep = try BinaryRunner.run(["validate", "tree"], in: directory.url)
    #expect(deep.stdout == "validated 1 file: no problems\n")
    #expect(deep.status == 0)
    try FileManager.default.createDirectory(
      at: directory.url.appendingPathComponent("tree/\(deepest)/d"),
      withIntermediateDirectories: false)
    let deeper = try BinaryRunner.run(["validate", "tree"], in: directory.url)
    #expect(deeper.status == 2)
    #expect(deeper.stdout.isEmpty)
    #expect(
      deeper.stderr
        == "dcmc: cannot read 'tree/\(deepest)/d': directories nested more than 32 levels deep\n")
  }

  /// An empty path (`dcmc validate "$UNSET"`) is refused at once: it was read as '/', and the
  /// walk of the whole file system took 15 s to fail on /proc (GeneratedArgumentTests' bound
  /// of 20 s was hit by `graph list "\0x"` on a loaded machine).
  @Test(arguments: [["validate", ""], ["graph", "technical", ""], ["deploy", "", "--store", "store"]])
  func anEmptyPathIsRefused(arguments: [String]) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let result = try BinaryRunner.run(arguments, in: directory.url)
    #expect(result.status == 2)
    #expect(result.stderr == "dcmc: cannot read '': the path is empty\n")
  }

  /// A directory named on the command line without a single YAML file (a wrong path, the
  /// definitions not checked out) is refused: validating it must not pass a CI job that
  /// checked nothing, and deploying it must not make a bundle of no case types the one new
  /// cases start on.
  @Test func aDirectoryWithoutDefinitionsIsRefused() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("empty/README.md", "the definitions live elsewhere\n")
    let store = directory.url.appendingPathComponent("store").path
    #expect(try BinaryRunner.run(["deploy", "definitions", "--store", store]).status == 0)
    let message = "dcmc: no definitions in 'empty': it holds no .yaml or .yml file\n"
    for arguments in [
      ["validate", "empty"], ["compile", "empty", "-o", "bundle.json"], ["test", "empty"],
      ["deploy", "empty", "--store", store], ["validate", "empty", "--format", "json"],
    ] {
      let result = try BinaryRunner.run(arguments, in: directory.url)
      #expect(result.status == 2, "\(arguments)")
      #expect(result.stdout.isEmpty, "\(arguments)")
      #expect(result.stderr == message, "\(arguments)")
    }
    #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("bundle.json").path))
    let types = try BinaryRunner.run(["case", "create", "technical", "--store", store, "--as", "alice"])
    // The earlier deployment still stands: the case type is known, its form checked.
    #expect(types.stderr.hasPrefix("dcmc: the form of case type 'technical' is not valid"), "\(types.stderr)")
    // With a file in it, or one beside it on the command line, the walk reads what it finds.
    let beside = try BinaryRunner.run(
      ["validate", "empty", Self.workgroups.path], in: directory.url)
    #expect(beside.status == 2)
    try directory.write("empty/nested/team.yaml", "kind: Workgroup\nid: team\nmembers: [alice]\n")
    let nested = try BinaryRunner.run(["validate", "empty"], in: directory.url)
    #expect(nested.stdout == "validated 1 file: no problems\n")
    #expect(nested.status == 0)
  }
}
