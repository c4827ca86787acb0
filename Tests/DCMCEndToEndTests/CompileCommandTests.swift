import Foundation
import Testing
import _DCMCTestSupport

/// `dcmc compile` and `dcmc bundle verify` through the built binary.
@Suite struct CompileCommandTests {
  @Test func compilesTheReferenceDefinitionsIntoAVerifiableBundle() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let output = directory.url.appendingPathComponent("bundle.json").path
    let result = try BinaryRunner.run(["compile", "-o", output])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    let bytes = try Data(contentsOf: URL(fileURLWithPath: output))
    let document = try #require(try JSONSerialization.jsonObject(with: bytes) as? [String: Any])
    #expect(document["format"] as? String == "dcm-bundle/1")
    let hash = try #require(document["hash"] as? String)
    #expect(hash.hasPrefix("sha256:") && hash.count == 71)
    #expect((document["compiler"] as? [String: Any])?["name"] as? String == "dcmc")
    #expect((document["case_types"] as? [[String: Any]])?.count == 6)
    let technical = (document["case_types"] as? [[String: Any]])?.first { $0["id"] as? String == "technical" }
    // Relative to the definitions' root (SPEC 10), not to where the command ran.
    #expect((technical?["source"] as? [String: Any])?["file"] as? String == "technical.yaml")
    #expect(
      result.stderr
        == "compiled 6 case types, 2 calendars, 12 workgroups, 10 templates into '\(output)' (\(hash))\n")
    let verify = try BinaryRunner.run(["bundle", "verify", output])
    #expect(verify.status == 0)
    #expect(
      verify.stdout
        == "\(output): dcm-bundle/1 from dcmc 0.1.0, 6 case types, 2 calendars, 12 workgroups, 10 templates, \(hash)\n")
  }

  /// SPEC 10: the same definitions compile to the same bytes by any path. Before, each
  /// definition's source named its file as spelled on the command line: `./definitions/`,
  /// an absolute path and a path through a link each gave another bundle and hash.
  @Test func theSameDefinitionsCompileToTheSameBytesByAnyPath() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let definitions = BinaryRunner.repositoryRoot.appendingPathComponent("definitions")
    try FileManager.default.createSymbolicLink(
      at: directory.url.appendingPathComponent("linked"), withDestinationURL: definitions)
    let files = try FileManager.default.contentsOfDirectory(atPath: definitions.path).filter { $0.hasSuffix(".yaml") }
    let spellings: [(arguments: [String], in: URL?)] = [
      (["definitions"], nil),
      (["./definitions/"], nil),
      ([definitions.path], nil),
      (["linked"], directory.url),
      (files.sorted(), definitions),
      (files.map { "definitions//" + $0 }, nil),
    ]
    var bundles: [Data] = []
    for (index, spelling) in spellings.enumerated() {
      let output = directory.url.appendingPathComponent("bundle-\(index).json").path
      let result = try BinaryRunner.run(["compile"] + spelling.arguments + ["-o", output], in: spelling.in)
      #expect(result.status == 0, "\(spelling.arguments): \(result.stderr)")
      bundles.append(try Data(contentsOf: URL(fileURLWithPath: output)))
    }
    #expect(bundles.count == spellings.count && Set(bundles).count == 1, "one bundle, whatever the spelling")
  }

  /// The output replaces the old file whole, leaves no temporary file, and may sit in a
  /// directory reached through a symbolic link (its directory is flushed as `<link>/.`).
  @Test func replacesTheOutputThroughALinkedDirectoryLeavingNoTemporaryFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write("real/bundle.json", "old content")
    try FileManager.default.createSymbolicLink(
      at: directory.url.appendingPathComponent("link"), withDestinationURL: directory.url.appendingPathComponent("real"))
    let result = try BinaryRunner.run(["compile", "-o", directory.url.appendingPathComponent("link/bundle.json").path])
    #expect(result.status == 0, "\(result.stderr)")
    let real = directory.url.appendingPathComponent("real")
    #expect(try FileManager.default.contentsOfDirectory(atPath: real.path) == ["bundle.json"])
    #expect(try String(contentsOf: real.appendingPathComponent("bundle.json"), encoding: .utf8).hasPrefix("{\n"))
  }

  /// Issue 14 item 6: renaming the bundle over a FIFO (or a device such as /dev/zero) would
  /// replace the node; anything but a regular file is refused and left as it was.
  @Test func refusesToReplaceAnythingButARegularFile() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let fifo = directory.url.appendingPathComponent("fifo").path
    #expect(mkfifo(fifo, 0o600) == 0)
    let result = try BinaryRunner.run(["compile", "-o", fifo])
    #expect(result.status == 2)
    #expect(result.stderr == "dcmc: cannot write '\(fifo)': not a regular file\n")
    var info = stat()
    #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    #expect(try FileManager.default.contentsOfDirectory(atPath: directory.url.path) == ["fifo"])
  }

  @Test func writesToStandardOutputWithDash() throws {
    let result = try BinaryRunner.run(["compile", "definitions", "-o", "-"])
    #expect(result.status == 0)
    #expect(result.stdout.hasPrefix("{\n  \"calendars\": ["))
    #expect(result.stderr.hasSuffix(")\n") && result.stderr.contains("into standard output"))
  }

  @Test func refusesInvalidDefinitionsWithValidatesDiagnosticsAndWritesNothing() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    try directory.write(
      "defs/claims.yaml",
      "kind: CaseType\nid: claims\nstages:\n  - id: work\n    tasks:\n      - { id: handle, target: nobody, outcomes: { done: {} } }\n"
    )
    try directory.write("bundle.json", "old content")
    let validate = try BinaryRunner.run(["validate", "defs"], in: directory.url)
    #expect(validate.status == 1)
    let compile = try BinaryRunner.run(["compile", "defs", "-o", "bundle.json"], in: directory.url)
    #expect(compile.status == 1)
    #expect(compile.stdout.isEmpty)
    #expect(compile.stderr == validate.stdout + "dcmc: nothing compiled: the definitions have errors\n")
    #expect(compile.stderr.contains("error[DC3002]: unknown workgroup 'nobody'"))
    #expect(
      try String(contentsOf: directory.url.appendingPathComponent("bundle.json"), encoding: .utf8) == "old content")
    let missing = try BinaryRunner.run(["compile", "defs", "-o", "new.json"], in: directory.url)
    #expect(missing.status == 1)
    #expect(!FileManager.default.fileExists(atPath: directory.url.appendingPathComponent("new.json").path))
  }

  @Test func usageAndIOErrorsExitTwo() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let noOutput = try BinaryRunner.run(["compile"])
    #expect(noOutput.status == 2)
    #expect(noOutput.stderr.hasPrefix("dcmc: 'compile' needs -o FILE\n"))
    let unwritable = try BinaryRunner.run([
      "compile", "-o", directory.url.appendingPathComponent("no/such/dir/b.json").path,
    ])
    #expect(unwritable.status == 2)
    #expect(unwritable.stderr.hasPrefix("dcmc: cannot write "))
    let unreadable = try BinaryRunner.run(["bundle", "verify", "missing.json"], in: directory.url)
    #expect(unreadable.status == 2)
    #expect(unreadable.stderr == "dcmc: cannot read 'missing.json': no such file or directory\n")
  }

  /// audit32 finding 5: `-o defs/technical.yaml`, a slip for `-o technical.json`, replaced a
  /// definition with the bundle. The output is compared with each file read by device and
  /// inode, so another spelling of it, a symbolic link or a hard link to it is refused too.
  @Test func refusesToWriteOverOneOfTheDefinitionsRead() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let files = FileManager.default
    let definitions = directory.url.appendingPathComponent("defs")
    try files.copyItem(at: BinaryRunner.repositoryRoot.appendingPathComponent("definitions"), to: definitions)
    let technical = definitions.appendingPathComponent("technical.yaml")
    let original = try Data(contentsOf: technical)
    let listing = try files.contentsOfDirectory(atPath: definitions.path).sorted()
    try files.createSymbolicLink(
      atPath: directory.url.appendingPathComponent("soft.yaml").path, withDestinationPath: technical.path)
    try files.linkItem(at: technical, to: directory.url.appendingPathComponent("hard.yaml"))
    for output in ["defs/technical.yaml", "./defs/../defs//technical.yaml", technical.path, "soft.yaml", "hard.yaml"] {
      let result = try BinaryRunner.run(["compile", "defs", "-o", output], in: directory.url)
      #expect(result.status == 2, "\(output)")
      #expect(
        result.stderr == "dcmc: nothing compiled: the output '\(output)' is the definitions file 'defs/technical.yaml'\n")
    }
    #expect(try Data(contentsOf: technical) == original)
    #expect(try files.contentsOfDirectory(atPath: definitions.path).sorted() == listing)
    #expect(try Data(contentsOf: directory.url.appendingPathComponent("hard.yaml")) == original)
    let beside = try BinaryRunner.run(["compile", "defs", "-o", "defs.json"], in: directory.url)
    #expect(beside.status == 0, "\(beside.stderr)")
  }

  @Test(
    "a damaged bundle is refused with one line and exit 1",
    arguments: [
      ("truncated", "bundle is truncated: the JSON ends at byte"),
      ("edited", "bundle content does not match its hash: it was changed after compiling; compile it again"),
      ("other format", "not a bundle: unknown format 'sarif-2.1.0', expected 'dcm-bundle/1'"),
      ("newer", "bundle format 'dcm-bundle/2' is newer than this dcmc reads ('dcm-bundle/1'); use a newer dcmc"),
    ])
  func damagedBundle(damage: String, message: String) throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    #expect(try BinaryRunner.run(["compile", "-o", directory.url.appendingPathComponent("b.json").path]).status == 0)
    let file = directory.url.appendingPathComponent("b.json")
    var text = try String(contentsOf: file, encoding: .utf8)
    switch damage {
    case "truncated": text = String(text.prefix(text.count / 2))
    case "edited": text = text.replacingOccurrences(of: "\"minutes\": 720", with: "\"minutes\": 7200")
    case "other format": text = text.replacingOccurrences(of: "dcm-bundle/1", with: "sarif-2.1.0")
    default: text = text.replacingOccurrences(of: "dcm-bundle/1", with: "dcm-bundle/2")
    }
    try Data(text.utf8).write(to: file)
    let result = try BinaryRunner.run(["bundle", "verify", "b.json"], in: directory.url)
    #expect(result.status == 1)
    #expect(result.stdout.isEmpty)
    #expect(result.stderr.hasPrefix("dcmc: b.json: " + message), "\(result.stderr)")
    #expect(result.stderr.filter { $0 == "\n" }.count == 1)
  }
}
