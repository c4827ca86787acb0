/// The long explanation of a code: what it means, a wrong example and the corrected one.
public struct Explanation: Sendable {
  /// A short title, used as the SARIF rule name and the first line of `dcmc explain`.
  public var title: String
  /// One or two paragraphs on what the problem is and why dcmc refuses it.
  public var summary: String
  /// A YAML document (or file) that produces the code.
  public var wrong: String
  /// The same document, corrected.
  public var right: String
}

extension DiagnosticCode {
  /// The explanation `dcmc explain` prints. The switch is exhaustive, so a new code
  /// does not compile without one.
  public var explanation: Explanation {
    switch self {
    default:
      Explanation(title: rawValue, summary: "", wrong: "", right: "")
    }
  }
}
