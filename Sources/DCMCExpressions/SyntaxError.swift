import DCMCDiagnostics

/// The first syntax problem in a condition; the parser stops there and reports it as DC5001.
///
/// Thrown only inside the parser to unwind the descent; `ExpressionParser` turns it into a
/// diagnostic, so no error leaves the module.
struct SyntaxError: Error {
  var message: String
  var range: SourceRange
  var notes: [Note] = []
  var help: String?

  var diagnostic: Diagnostic {
    Diagnostic(.expressionSyntax, message, at: range, notes: notes, help: help)
  }
}
