public import DCMCDiagnostics

/// What running one scenario found.
public struct ScenarioResult: Sendable {
  public var scenario: String
  public var file: String
  /// The expectations that failed, in step order; empty when the scenario passed.
  public var failures: [Failure]

  public var passed: Bool { failures.isEmpty }

  /// One unmet expectation, or a step that could not be carried out.
  public struct Failure: Sendable, CustomStringConvertible {
    /// The step's place in the scenario file.
    public var range: SourceRange
    public var step: Int
    public var expected: String
    public var found: String

    /// `file:line:column: step 3: expected ..., found ...`
    public var description: String {
      "\(range.file):\(range.start.line):\(range.start.column): step \(step): expected \(expected), found \(found)"
    }
  }
}
