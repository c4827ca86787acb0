import DCMCDiagnostics
import DCMCExpressions
import DCMCModel

extension Linker {
  /// DC2016 for each field `pattern` that is not a valid regular expression, compiling each
  /// distinct pattern once: a compile costs about as much as decoding a whole case type
  /// (docs/performance.md), and the same pattern is often written in many files.
  mutating func checkPatterns() {
    var isValid: [String: Bool] = [:]
    for profile in definitions.customerProfiles {
      checkPatterns(of: profile.fields, isValid: &isValid)
    }
    for caseType in definitions.caseTypes {
      checkPatterns(of: caseType.fields, isValid: &isValid)
      for stage in caseType.stages {
        for task in stage.tasks where !task.fields.isEmpty {
          checkPatterns(of: task.fields, isValid: &isValid)
        }
      }
    }
  }

  private mutating func checkPatterns(of fields: [FieldDefinition], isValid: inout [String: Bool]) {
    for field in fields {
      guard let pattern = field.pattern else { continue }
      let valid = isValid[pattern.value] ?? (FieldPattern(pattern.value) != nil)
      isValid[pattern.value] = valid
      if !valid {
        report(
          Diagnostic(
            .invalidPattern, "'pattern' of field '\(field.id.value)' is not a valid regular expression",
            at: pattern.range))
      }
    }
  }
}
