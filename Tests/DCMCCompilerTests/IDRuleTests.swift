import DCMCBundle
import DCMCChecker
import DCMCSyntax
import Testing

/// The bundle loader refuses the ids the checker refuses, and only those: a bundle is checked
/// as strictly as YAML, and every bundle the compiler writes loads.
@Suite struct IDRuleTests {
  static let candidates = [
    "a", "Z", "office_brussels", "Customer_Email", "x9_", String(repeating: "a", count: 64),
    String(repeating: "a", count: 65), "", "_a", "9a", "24x7", "a-b", "a.b", "a b", "a/b", "..", "../../EVIL", "café",
    "é", "Ω", "ａ", "a\u{301}",
  ]

  @Test("the loader's id rule is the checker's", arguments: candidates)
  func sameRule(id: String) {
    let text = "kind: Workgroup\nid: \"\(id)\"\nmembers: [ann]\n"
    let result = Checker.check([YAMLReader.parse(name: "team.yaml", bytes: Array(text.utf8))])
    #expect(BundleID.isValid(id) == (result.errorCount == 0), "\(result.diagnostics.map(\.message))")
  }
}
