import DCMCDiagnostics
import DCMCExpressions
import DCMCModel
import DCMCPatterns

extension Linker {
  /// DC2016 for each field `pattern` that is not a valid regular expression, DC2020 for one that
  /// cannot be matched in linear time (a backreference, a lookaround, a count over the limit),
  /// compiling each distinct pattern once: the same pattern is often written in many files.
  mutating func checkPatterns() {
    var problems: [String: PatternError?] = [:]
    for profile in definitions.customerProfiles {
      checkPatterns(of: profile.fields, problems: &problems)
    }
    for caseType in definitions.caseTypes {
      checkPatterns(of: caseType.fields, problems: &problems)
      for stage in caseType.stages {
        for task in stage.tasks where !task.fields.isEmpty {
          checkPatterns(of: task.fields, problems: &problems)
        }
      }
    }
  }

  private mutating func checkPatterns(of fields: [FieldDefinition], problems: inout [String: PatternError?]) {
    for field in fields {
      guard let pattern = field.pattern else { continue }
      let problem = problems[pattern.value] ?? Self.problem(compiling: pattern.value)
      problems[pattern.value] = problem
      switch problem {
      case nil: break
      case .invalid:
        report(
          Diagnostic(
            .invalidPattern, "'pattern' of field '\(field.id.value)' is not a valid regular expression",
            at: pattern.range))
      case .needsBacktracking(let construct):
        report(
          Diagnostic(
            .nonLinearPattern, "'pattern' of field '\(field.id.value)' uses a \(construct), which needs backtracking",
            at: pattern.range, help: "rewrite the pattern without it; patterns are matched in linear time"))
      case .tooLarge(let detail):
        report(
          Diagnostic(
            .nonLinearPattern, "'pattern' of field '\(field.id.value)' is too large: \(detail)",
            at: pattern.range, help: "repetition counts go up to \(Pattern.maximumCount)"))
      }
    }
  }

  private static func problem(compiling text: String) -> PatternError? {
    do {
      _ = try Pattern(text)
      return nil
    } catch {
      return error
    }
  }
}
