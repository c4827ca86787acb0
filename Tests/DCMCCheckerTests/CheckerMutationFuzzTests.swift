import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Foundation
import Testing
import _DCMCTestSupport

/// Seeded random edits (see `Mutation`) of the reference definitions, read and checked
/// in-process: the reader and the checker must never crash, and every place a diagnostic,
/// note or fix-it points at must exist in its file. A mutated file is checked alone, and
/// every 30th round beside all the other definitions so that the cross-file passes see it.
@Suite struct CheckerMutationFuzzTests {
  static let definitions = BinaryRunner.repositoryRoot.appendingPathComponent("definitions")
  static let mutationCount = 1_500

  /// The zone the definitions use, so that a mutated zone name is looked up in a short list
  /// rather than in the system's database.
  static let environment = CheckEnvironment(
    isKnownTimeZone: { ["Europe/Brussels", "UTC"].contains($0) }, timeZoneNames: { ["Europe/Brussels", "UTC"] })

  /// Every definition file, as its name (relative to `definitions/`) and its text.
  static func files() throws -> [(name: String, text: String)] {
    let walker = FileManager.default.enumerator(atPath: definitions.path)
    var names: [String] = []
    while let path = walker?.nextObject() as? String {
      if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { names.append(path) }
    }
    return try names.sorted().map {
      ($0, try String(contentsOf: definitions.appendingPathComponent($0), encoding: .utf8))
    }
  }

  @Test func theUnmutatedDefinitionsCheckClean() throws {
    let files = try Self.files()
    #expect(files.count > 10)
    let result = Checker.check(files.map { YAMLReader.parse(name: $0.name, bytes: Array($0.text.utf8)) })
    #expect(result.diagnostics.isEmpty)
  }

  @Test func mutatedDefinitionsNeverCrashAndPointInsideTheirFiles() throws {
    let files = try Self.files()
    let parsed = files.map { YAMLReader.parse(name: $0.name, bytes: Array($0.text.utf8)) }
    var generator = SeededGenerator(seed: 0x00DC_3C00_2026)
    var reported = 0
    let unmutatedWidths = Dictionary(uniqueKeysWithValues: files.map { ($0.name, Self.lineWidths($0.text)) })
    for round in 0..<Self.mutationCount {
      let target = round % files.count
      var lines = files[target].text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      for _ in 0..<Int.random(in: 1...3, using: &generator) {
        Mutation.allCases.randomElement(using: &generator)!.apply(to: &lines, using: &generator)
      }
      let text = lines.joined(separator: "\n")
      let mutated = YAMLReader.parse(name: files[target].name, bytes: Array(text.utf8))
      var inputs = [mutated]
      if round % 30 == 0 {
        inputs = parsed
        inputs[target] = mutated
      }
      let result = Checker.check(inputs, environment: Self.environment)
      reported += result.diagnostics.count
      var widths = unmutatedWidths
      widths[files[target].name] = Self.lineWidths(text)
      for diagnostic in result.diagnostics {
        let ranges = [diagnostic.range] + diagnostic.notes.compactMap(\.range) + diagnostic.fixIts.map(\.range)
        for range in ranges {
          let problem = Self.problem(with: range, lineWidths: widths)
          #expect(
            problem == nil, "round \(round), \(diagnostic.code.rawValue) '\(diagnostic.message)': \(problem ?? "")")
        }
      }
    }
    #expect(reported > Self.mutationCount, "the mutations should break most files")
  }

  /// Why `range` does not lie within its file (1-based lines up to the line after the last
  /// newline, columns up to one past the end of the line, start before end), or `nil`.
  static func problem(with range: SourceRange, lineWidths: [String: [Int]]) -> String? {
    guard let lines = lineWidths[range.file] else { return "unknown file '\(range.file)'" }
    for location in [range.start, range.end] {
      guard location.line >= 1, location.line <= lines.count + 1 else {
        return "line \(location.line) outside 1...\(lines.count + 1)"
      }
      let width = location.line <= lines.count ? lines[location.line - 1] : 0
      guard location.column >= 1, location.column <= width + 1 else {
        return "column \(location.column) outside 1...\(width + 1) on line \(location.line)"
      }
    }
    guard range.start <= range.end else { return "start \(range.start) after end \(range.end)" }
    return nil
  }

  /// The length of each line of `text`, in Unicode scalars.
  static func lineWidths(_ text: String) -> [Int] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map(\.unicodeScalars.count)
  }
}
