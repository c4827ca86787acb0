public import DCMCBundle
import DCMCChecker
import DCMCCompiler
import DCMCSyntax
import Foundation

/// The reference definitions of `definitions/`, checked and compiled once per test process,
/// for the tests of the runtime and its store.
public enum ReferenceBundle {
  public static let compiled: (bundle: DefinitionBundle, bytes: [UInt8]) = variant { _, text in text }

  /// The reference definitions with each file's text passed through `edit` (its name, like
  /// `workgroups.yaml`, and its text; `nil` leaves the file out), compiled: a second
  /// deployment for a test.
  public static func variant(_ edit: (String, String) -> String?) -> (bundle: DefinitionBundle, bytes: [UInt8]) {
    let root = BinaryRunner.repositoryRoot.appendingPathComponent("definitions")
    let names = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    let parsed = names.compactMap { name in
      let text = (try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)) ?? ""
      return edit(name, text).map { YAMLReader.parse(name: "definitions/" + name, bytes: Array($0.utf8)) }
    }
    let result = Checker.check(parsed)
    precondition(result.errorCount == 0, "the reference definitions (and their test variants) check clean")
    // Test fixtures: a compile that fails here is a broken test, not an input.
    return try! Compiler.compile(result.definitions, compilerVersion: "test")
  }
}
