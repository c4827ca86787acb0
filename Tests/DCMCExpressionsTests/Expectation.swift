import DCMCDiagnostics
import DCMCExpressions
import Testing
import _DCMCTestSupport

/// One expected diagnostic: its code, message and the marker where it starts.
struct Expected: CustomTestStringConvertible {
  var code: DiagnosticCode
  var message: String
  var marker: Int = 1

  var testDescription: String { "\(code.rawValue) \(message)" }
}

/// Asserts that the diagnostics of `marked` are exactly `expected`, each starting at its
/// marker's column.
func expectDiagnostics(
  _ marked: String, _ expected: [Expected], sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
  let text = MarkedText(marked)
  let diagnostics = diagnose(text.text)
  let found = diagnostics.map { "\($0.code.rawValue) \($0.message) @\($0.range.start.column)" }
  let wanted = expected.map { expectation -> String in
    let offset = text.locations[expectation.marker]?.offset ?? -1000
    return "\(expectation.code.rawValue) \(expectation.message) @\(Place.location(offset).column)"
  }
  #expect(found == wanted, sourceLocation: sourceLocation)
  #expect(diagnostics.allSatisfy { $0.range.start.line == Place.start.line }, sourceLocation: sourceLocation)
  return diagnostics
}
