import _DCMCTestSupport

extension SeededGenerator {
  /// True with probability `probability` (0 to 1).
  mutating func chance(_ probability: Double) -> Bool {
    Double(below(1_000_000)) < probability * 1_000_000
  }

  /// A number in `range`, each as likely.
  mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + below(range.count) }

  /// One of `choices`, each as likely (`choices` is not empty).
  mutating func pick(_ choices: [String]) -> String { choices[below(choices.count)] }
}
