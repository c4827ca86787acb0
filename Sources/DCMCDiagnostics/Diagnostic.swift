/// How serious a diagnostic is.
public enum Severity: String, Sendable, Hashable, Comparable {
  case error
  case warning
  case note

  var rank: Int {
    switch self {
    case .error: 0
    case .warning: 1
    case .note: 2
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}

/// A secondary place that explains the primary one ("first occurrence is here").
public struct Note: Sendable, Hashable {
  public var message: String
  /// Where the note points; `nil` for a note that is only text.
  public var range: SourceRange?

  public init(_ message: String, at range: SourceRange? = nil) {
    self.message = message
    self.range = range
  }
}

/// An unambiguous edit that fixes the problem: replace `range` with `replacement`.
public struct FixIt: Sendable, Hashable {
  public var range: SourceRange
  public var replacement: String

  public init(replacing range: SourceRange, with replacement: String) {
    self.range = range
    self.replacement = replacement
  }
}

/// One problem found in the user's input.
///
/// Diagnostics are data: checkers collect them and never throw them; renderers turn them
/// into text for people (`human`), scripts (`json`), code scanning (`sarif`) and CI logs
/// (`github`).
public struct Diagnostic: Sendable, Hashable {
  public var code: DiagnosticCode
  public var severity: Severity
  /// Lowercase, one clause, no final period; names in single quotes.
  public var message: String
  /// The primary span.
  public var range: SourceRange
  /// Located and unlocated notes, in the order they should be shown.
  public var notes: [Note]
  /// A suggestion in words ("use 'true' or 'false'").
  public var help: String?
  /// Edits that fix the problem, when the edit is unambiguous.
  public var fixIts: [FixIt]

  public init(
    _ code: DiagnosticCode,
    _ message: String,
    at range: SourceRange,
    severity: Severity? = nil,
    notes: [Note] = [],
    help: String? = nil,
    fixIts: [FixIt] = []
  ) {
    self.code = code
    self.severity = severity ?? code.defaultSeverity
    self.message = message
    self.range = range
    self.notes = notes
    self.help = help
    self.fixIts = fixIts
  }
}

extension Diagnostic {
  /// The order of output: file, line, column, then code.
  public static func sortedForOutput(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
    diagnostics.sorted { a, b in
      if a.range.file != b.range.file { return a.range.file < b.range.file }
      if a.range.start.line != b.range.start.line { return a.range.start.line < b.range.start.line }
      if a.range.start.column != b.range.start.column { return a.range.start.column < b.range.start.column }
      if a.code != b.code { return a.code.rawValue < b.code.rawValue }
      return a.message < b.message
    }
  }

  /// `--strict`: every warning becomes an error.
  public func escalatingWarnings() -> Diagnostic {
    var copy = self
    if copy.severity == .warning { copy.severity = .error }
    return copy
  }
}
