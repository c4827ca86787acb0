public import DCMCDiagnostics

/// Parses the text of a `when:` condition.
public enum ExpressionParser {
  /// The deepest nesting of parentheses and `not` accepted, so hostile input cannot
  /// exhaust the stack.
  public static let maximumDepth = 64

  /// The tree of `text`, or `nil` and one DC5001 diagnostic at the first syntax problem.
  ///
  /// Locations come from `origin`: column `origin.start.column + i` for the scalar at offset
  /// `i` of `text` when the origin is exact, `origin.fallback` otherwise.
  public static func parse(_ text: String, origin: TextOrigin) -> (Expression?, [Diagnostic]) {
    var parser = Parser(text, origin: origin)
    do {
      return (try parser.parseCondition(), [])
    } catch {
      return (nil, [error.diagnostic])
    }
  }
}
