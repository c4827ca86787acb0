// The pattern benchmark (issue 14 item 8): field patterns with catastrophic backtracking,
// matched against long hostile values, and an ordinary pattern against ordinary values.
//
// Target: every case in under 10 ms, growing linearly with the value (the backtracking
// matcher took minutes on `^(a+)+$` against 40 a's and a `!`). Run it from a release build:
//
//   swift build -c release --scratch-path .build-release --product PatternBenchmark
//   .build-release/release/PatternBenchmark [--enforce-targets]

import DCMCPatterns

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The best of `passes` runs of `body`, in seconds.
func best(passes: Int, _ body: () -> Void) -> Double {
  let clock = ContinuousClock()
  let fastest = (0..<passes).map { _ in clock.measure(body) }.min() ?? .zero
  return Double(fastest.components.seconds) + Double(fastest.components.attoseconds) / 1e18
}

let enforce = CommandLine.arguments.contains("--enforce-targets")
let cases: [(pattern: String, value: String)] = [
  ("^(a+)+$", String(repeating: "a", count: 40) + "!"),
  ("^(a+)+$", String(repeating: "a", count: 10_000) + "!"),
  ("(a|aa)*$", String(repeating: "a", count: 10_000) + "!"),
  ("(a*)*b", String(repeating: "a", count: 10_000)),
  ("^(\\w+\\s?)*$", String(repeating: "word ", count: 2_000) + "!"),
  ("^(.*a){20}$", String(repeating: "a", count: 10_000) + "b"),
  ("^M[0-9]{8}$", "M12345678"),
]

var missed = false
print("pattern | value | compile | match | steps")
for (pattern, value) in cases {
  var compiled: Pattern?
  let compile = best(passes: 5) { compiled = try? Pattern(pattern) }
  guard let compiled else {
    print("'\(pattern)' does not compile")
    exit(2)
  }
  var matched = false
  let match = best(passes: 5) { matched = compiled.matches(value) }
  let shown = value.count > 12 ? "\(value.unicodeScalars.count) scalars" : "'\(value)'"
  print(
    "\(pattern) | \(shown) | \(Int(compile * 1e6)) µs | \(Int(match * 1e6)) µs (\(matched))"
      + " | \(compiled.steps(toMatch: value))")
  if match > 0.010 { missed = true }
}
if enforce && missed {
  print("a case took over 10 ms")
  exit(1)
}
