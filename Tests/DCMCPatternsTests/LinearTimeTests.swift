import DCMCPatterns
import Testing

/// Issue 14 item 8: patterns with catastrophic backtracking finish in linear time. No test
/// times anything: each counts the matcher's steps, which stay under (n + 1) · (4m + 1).
struct LinearTimeTests {
  static let pathological: [(pattern: String, text: String, matches: Bool)] = [
    ("^(a+)+$", String(repeating: "a", count: 40) + "!", false),
    ("^(a+)+$", String(repeating: "a", count: 5000), true),
    ("(a|aa)*$", String(repeating: "a", count: 5000) + "!", true),
    ("^(a|aa)*$", String(repeating: "a", count: 5000) + "!", false),
    ("(a*)*b", String(repeating: "a", count: 5000), false),
    ("^(a*)*b$", String(repeating: "a", count: 5000) + "b", true),
    ("^((a+)*)*(b+)*c$", String(repeating: "ab", count: 3000), false),
    ("^(\\w+\\s?)*$", String(repeating: "word ", count: 1000) + "!", false),
    ("^(a|a?)+$", String(repeating: "a", count: 3000) + "b", false),
    ("^(.*a){20}$", String(repeating: "a", count: 2000) + "b", false),
  ]

  @Test(arguments: pathological)
  func pathologicalPatternsAnswerInLinearSteps(_ pattern: String, _ text: String, _ matches: Bool) throws {
    let compiled = try Pattern(pattern)
    #expect(compiled.matches(text) == matches)
    let bound = (text.unicodeScalars.count + 1) * (4 * compiled.size + 1)
    #expect(compiled.steps(toMatch: text) <= bound)
  }

  @Test func stepsGrowLinearlyWithTheText() throws {
    let compiled = try Pattern("^(a+)+$")
    let short = compiled.steps(toMatch: String(repeating: "a", count: 1000) + "!")
    let long = compiled.steps(toMatch: String(repeating: "a", count: 4000) + "!")
    #expect(long <= short * 5)
  }

  @Test(arguments: [
    ("^(a)\\1$", "backreference '\\1'"), ("(?<x>a)\\k<x>", "backreference '\\k'"),
    ("a(?=b)", "lookaround '(?='"), ("a(?!b)", "lookaround '(?!'"),
    ("(?<=a)b", "lookaround '(?<='"), ("(?<!a)b", "lookaround '(?<!'"),
  ])
  func constructsThatNeedBacktrackingAreRefused(_ pattern: String, _ construct: String) {
    #expect(throws: PatternError.needsBacktracking(construct)) { try Pattern(pattern) }
  }

  @Test(arguments: ["a{1001}", "a{2,1001}", "a{99999999999999999999}", "(a{1000}){1000}", "(((a{30}){30}){30})"])
  func countsOverTheLimitAreRefused(_ pattern: String) {
    do {
      _ = try Pattern(pattern)
      Issue.record("'\(pattern)' compiled")
    } catch {
      guard case .tooLarge = error else { return #expect(Bool(false), "'\(pattern)': \(error)") }
    }
  }

  @Test(arguments: ["a{1000}", "^[0-9]{0,1000}$"])
  func countsUpToTheLimitCompile(_ pattern: String) throws {
    #expect(try Pattern(pattern).matches(String(repeating: "a", count: 1000)) == pattern.hasPrefix("a"))
  }

  @Test(arguments: ["(", "a)", "[a", "*a", "a**", "a{3,2}", "\\", "\\q", "(?i)a", "^*", "[z-a]", "\\x4"])
  func invalidPatternsAreRefused(_ pattern: String) {
    #expect(throws: PatternError.self) { try Pattern(pattern) }
  }

  @Test func groupsNestedTooDeeplyAreRefusedWithoutExhaustingTheStack() {
    let deep = String(repeating: "(", count: 100_000) + String(repeating: ")", count: 100_000)
    #expect(throws: PatternError.self) { try Pattern(deep) }
  }
}
