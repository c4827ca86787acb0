import Foundation
import Testing
import _DCMCTestSupport

/// The same definitions give byte-identical bundles, whatever the order of the files on the
/// command line or of the keys in them; any change to a definition changes the hash.
@Suite struct CompileDeterminismTests {
  /// A copy of `definitions/` in a fresh directory, its files transformed by `edit`.
  func copyOfDefinitions(_ edit: (String) -> String = { $0 }) throws -> TemporaryDirectory {
    let directory = try TemporaryDirectory()
    for name in Fixtures.definitionFiles() {
      let text = try String(
        contentsOf: Fixtures.repository.appendingPathComponent("definitions/\(name)"), encoding: .utf8)
      try directory.write("definitions/\(name)", edit(text))
    }
    return directory
  }

  func compile(_ arguments: [String], in directory: TemporaryDirectory) throws -> Data {
    let result = try BinaryRunner.run(["compile"] + arguments + ["-o", "bundle.json"], in: directory.url)
    #expect(result.status == 0, "\(result.stderr)")
    return try Data(contentsOf: directory.url.appendingPathComponent("bundle.json"))
  }

  @Test func compilingTwiceGivesByteIdenticalBundles() throws {
    let directory = try copyOfDefinitions()
    defer { directory.remove() }
    #expect(try compile([], in: directory) == compile([], in: directory))
  }

  @Test func shuffledFilesAndReorderedKeysGiveTheSameBytes() throws {
    let original = try copyOfDefinitions()
    defer { original.remove() }
    let reference = try compile([], in: original)
    let shuffled = try copyOfDefinitions(KeyShuffler.shuffle)
    defer { shuffled.remove() }
    // The shuffle really changed the files, and they still validate clean.
    let changed = try Fixtures.definitionFiles().filter { name in
      let one = try String(contentsOf: original.url.appendingPathComponent("definitions/\(name)"), encoding: .utf8)
      let two = try String(contentsOf: shuffled.url.appendingPathComponent("definitions/\(name)"), encoding: .utf8)
      return one != two
    }
    #expect(
      changed.count == Fixtures.definitionFiles().count,
      "unchanged: \(Set(Fixtures.definitionFiles()).subtracting(changed))")
    let files = Fixtures.definitionFiles().map { "definitions/\($0)" }
    var generator = SeededGenerator(seed: 5)
    for order in [files.reversed(), files.shuffled(using: &generator), files.shuffled(using: &generator)] {
      let bytes = try compile(Array(order), in: shuffled)
      #expect(bytes == reference, "\(Self.firstDifference(bytes, reference))")
    }
  }

  /// The first line where two bundles differ, for the failure message.
  static func firstDifference(_ one: Data, _ two: Data) -> String {
    let left = String(decoding: one, as: UTF8.self).split(separator: "\n")
    let right = String(decoding: two, as: UTF8.self).split(separator: "\n")
    for (index, (a, b)) in zip(left, right).enumerated() where a != b && !a.contains("\"hash\"") {
      return "line \(index + 1): '\(a)' instead of '\(b)'"
    }
    return "lengths \(left.count) and \(right.count) lines"
  }

  @Test func aChangedValueChangesTheHash() throws {
    let original = try copyOfDefinitions()
    defer { original.remove() }
    let edited = try copyOfDefinitions { $0.replacingOccurrences(of: "within: 4h", with: "within: 3h") }
    defer { edited.remove() }
    let one = try JSONSerialization.jsonObject(with: compile([], in: original)) as? [String: Any]
    let two = try JSONSerialization.jsonObject(with: compile([], in: edited)) as? [String: Any]
    #expect(one?["hash"] as? String != nil)
    #expect(one?["hash"] as? String != two?["hash"] as? String)
  }
}
