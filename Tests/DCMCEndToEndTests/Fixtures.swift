import Foundation
import _DCMCTestSupport

/// Where the end-to-end tests find their inputs: the checker's golden fixtures (shared, so
/// the binary and the in-process checker are held to the same expected output) and the
/// reference definitions.
enum Fixtures {
  static let repository = BinaryRunner.repositoryRoot

  /// `Tests/DCMCCheckerTests/Golden`, excluded from SwiftPM's sources.
  static let golden = repository.appendingPathComponent("Tests/DCMCCheckerTests/Golden")

  /// The shared input of the per-format golden files, and where those files live.
  static let formats = golden.appendingPathComponent("formats")

  /// The `*.yaml` files of `Golden/err` or `Golden/ok`, sorted.
  static func goldenInputs(_ folder: String) -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: golden.appendingPathComponent(folder).path)) ?? []
    return names.filter { $0.hasSuffix(".yaml") }.sorted()
  }

  /// Every `*.yaml` and `*.yml` file under `definitions/`, as `dcmc validate` finds them.
  static func definitionFiles() -> [String] {
    let root = repository.appendingPathComponent("definitions")
    let walker = FileManager.default.enumerator(atPath: root.path)
    var files: [String] = []
    while let path = walker?.nextObject() as? String {
      if path.hasSuffix(".yaml") || path.hasSuffix(".yml") { files.append(path) }
    }
    return files.sorted()
  }

  /// The summary line of a human or GitHub report: its last line.
  static func summary(of output: String) -> String {
    output.split(separator: "\n").last.map(String.init) ?? ""
  }

  /// Whether a text holds an ANSI escape sequence (colour).
  static func hasEscapeCodes(_ text: String) -> Bool {
    text.contains("\u{1B}[")
  }
}
