public import DCMCBundle
import DCMCChecker
import DCMCCompiler
public import DCMCModel
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
    // Test fixtures: a compile that fails here is a broken test, not an input.
    try! Compiler.compile(checked(edit), compilerVersion: "test")
  }

  /// The reference definitions with the technical case type renamed: another bundle, for a
  /// test of a second deployment.
  public static let renamed = variant { name, text in
    name == "technical.yaml" ? text.replacing("\nname: Technical\n", with: "\nname: Technical v2\n") : text
  }

  /// The technical case type's 8 fields with the value a form sends for each (empty for the
  /// optional ones), and 56 more optional string fields (`Extra_1` to `Extra_56`): 64, the
  /// most parts a form body holds besides its page's own (`FormBody.maximumParts`).
  public static let technicalFormOf64Fields: [(String, String)] =
    [
      ("Customer_Name", "Jane Doe"), ("Customer_Email", "jane@example.com"), ("Customer_Phone", ""),
      ("Customer_Segment", ""), ("Membership_No", ""), ("Product", "internet"), ("Purchase_Date", ""),
      ("Problem_Description", "no signal"),
    ] + (1...56).map { ("Extra_\($0)", "") }

  /// The reference definitions whose technical case type has the fields of
  /// `technicalFormOf64Fields`.
  public static let technicalWith64Fields = variant { name, text in
    name == "technical.yaml" ? withExtraFields(text) : text
  }

  /// `technicalWith64Fields` with every field of technical on its public form (the reference
  /// keeps `Customer_Segment` off it): the public form of `technicalFormOf64Fields`.
  public static let technicalWith64PublicFields = variant { name, text in
    name == "technical.yaml" ? withExtraFields(text).replacing(", public: false }", with: " }") : text
  }

  /// `text` with `Extra_1` to `Extra_56` first in its fields.
  private static func withExtraFields(_ text: String) -> String {
    text.replacing(
      "fields:\n", with: "fields:\n" + (1...56).map { "  - { id: Extra_\($0), type: string }\n" }.joined(),
      maxReplacements: 1)
  }

  /// The reference scenarios (`definitions/scenarios/`), those `dcmc test` runs, in its order
  /// (by file, then line).
  public static let scenarios: [Scenario] = checked { _, text in text }.scenarios.sorted {
    ($0.header.range.file, $0.header.range.start.line) < ($1.header.range.file, $1.header.range.start.line)
  }

  /// The reference definitions, each file's text passed through `edit`, checked.
  private static func checked(_ edit: (String, String) -> String?) -> Definitions {
    let root = BinaryRunner.repositoryRoot.appendingPathComponent("definitions")
    let names = (FileManager.default.enumerator(atPath: root.path)?.allObjects as? [String] ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    let parsed = names.compactMap { name in
      let text = (try? String(contentsOf: root.appendingPathComponent(name), encoding: .utf8)) ?? ""
      return edit(name, text).map { YAMLReader.parse(name: "definitions/" + name, bytes: Array($0.utf8)) }
    }
    let result = Checker.check(parsed)
    precondition(result.errorCount == 0, "the reference definitions (and their test variants) check clean")
    return result.definitions
  }
}
