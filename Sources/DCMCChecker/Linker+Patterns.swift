import DCMCDiagnostics
import DCMCModel

extension Linker {
  /// DC2016 for each field `pattern` that is not a valid regular expression, compiling each
  /// distinct pattern once: a compile costs about as much as decoding a whole case type
  /// (docs/performance.md), and the same pattern is often written in many files.
  mutating func checkPatterns() {
    var fields = definitions.customerProfiles.flatMap(\.fields)
    for caseType in definitions.caseTypes {
      fields += caseType.fields
      for task in caseType.tasks { fields += task.fields }
    }
    var isValid: [String: Bool] = [:]
    for field in fields {
      guard let pattern = field.pattern else { continue }
      let valid = isValid[pattern.value] ?? (FieldValidator.compile(pattern.value) != nil)
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
