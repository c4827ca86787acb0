import DCMCChecker
import DCMCDiagnostics
import DCMCSyntax
import Foundation
import Testing
import _DCMCTestSupport

/// Random mutations of the reference definitions never crash or hang the reader, the
/// expression parser or the checker, and every diagnostic points inside its file.
@Suite struct DefinitionMutationTests {
  /// A small deterministic generator (SplitMix64), so a failure reproduces.
  struct Generator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  static let replacements = [
    "yes", "~", "[]", "{}", "*x", "&a", "[[[[", "- ", ": ", "\t", "\"", "{{", "Customer_Email ==", "not (", "-1d",
    "P", "25:00-26:00", "mon-sun", "<<: *a", "!tag", "'", "%", "@", "é", "2026-02-30",
  ]

  static func mutate(_ text: String, using generator: inout Generator) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    for _ in 0..<Int.random(in: 1...3, using: &generator) {
      let index = Int.random(in: 0..<lines.count, using: &generator)
      switch Int.random(in: 0..<5, using: &generator) {
      case 0: lines.remove(at: index)
      case 1: lines.insert(lines[index], at: index)
      case 2: lines.swapAt(index, Int.random(in: 0..<lines.count, using: &generator))
      case 3:
        var line = Array(lines[index].unicodeScalars)
        let position = Int.random(in: 0...line.count, using: &generator)
        line.insert(contentsOf: replacements.randomElement(using: &generator)!.unicodeScalars, at: position)
        lines[index] = String(String.UnicodeScalarView(line))
      default:
        if let colon = lines[index].firstIndex(of: ":") {
          lines[index] = lines[index][...colon] + " " + replacements.randomElement(using: &generator)!
        }
      }
      if lines.isEmpty { lines = [""] }
    }
    return lines.joined(separator: "\n")
  }

  @Test("600 mutations of definitions/ never crash and every diagnostic lies in its file")
  func mutationsNeverCrash() throws {
    let root = BinaryRunner.repositoryRoot.appendingPathComponent("definitions")
    let names = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter { $0.hasSuffix(".yaml") }.sorted()
    let texts = try names.map { try String(contentsOf: root.appendingPathComponent($0), encoding: .utf8) }
    let decoded = texts.enumerated().map { index, text in
      DocumentDecoder.decode(YAMLReader.parse(name: names[index], bytes: Array(text.utf8)))
    }
    var generator = Generator(state: 20_261_123)
    var reported = 0
    for round in 0..<600 {
      let victim = round % texts.count
      let mutated = Self.mutate(texts[victim], using: &generator)
      var files = decoded
      files[victim] = DocumentDecoder.decode(YAMLReader.parse(name: names[victim], bytes: Array(mutated.utf8)))
      let result = Checker.link(files)
      reported += result.diagnostics.count
      let lineCount = mutated.split(separator: "\n", omittingEmptySubsequences: false).count
      for diagnostic in result.diagnostics where diagnostic.range.file == names[victim] {
        #expect(diagnostic.range.start.line >= 1 && diagnostic.range.start.line <= lineCount + 1, "round \(round)")
        #expect(diagnostic.range.start.column >= 1, "round \(round)")
      }
    }
    #expect(reported > 400, "the mutations should break the definitions often")
  }
}
