/// A parsed pattern: what `PatternParser` builds and `PatternCompiler` turns into a program.
indirect enum PatternNode: Sendable, Equatable {
  /// Matches the empty string.
  case empty
  /// One scalar from the set.
  case scalar(ScalarSet)
  /// A zero-width test at the current position.
  case assertion(PatternAssertion)
  case concatenation([PatternNode])
  case alternation([PatternNode])
  /// `minimum` to `maximum` (unbounded when `nil`) repetitions.
  case repetition(PatternNode, minimum: Int, maximum: Int?)
}

/// The zero-width assertions of the subset: `^`, `$`, `\b`, `\B` (without the `m` flag).
enum PatternAssertion: Sendable, Equatable {
  case start
  case end
  case wordBoundary
  case notWordBoundary

  /// Whether the assertion holds between `previous` and `next` (`nil` at either end of the text).
  func holds(previous: UInt32?, next: UInt32?) -> Bool {
    switch self {
    case .start: return previous == nil
    case .end: return next == nil
    case .wordBoundary, .notWordBoundary:
      let before = previous.map(ScalarSet.word.contains) ?? false
      let after = next.map(ScalarSet.word.contains) ?? false
      return (before != after) == (self == .wordBoundary)
    }
  }
}
