import DCMCCalendar
public import DCMCDiagnostics
public import DCMCModel
public import DCMCSyntax

/// The checked definitions of a set of files and every problem found in them.
public struct CheckResult: Sendable {
  public var definitions: Definitions
  /// Sorted by file, line, column and code.
  public var diagnostics: [Diagnostic]

  public var errorCount: Int { diagnostics.count { $0.severity == .error } }
  public var warningCount: Int { diagnostics.count { $0.severity == .warning } }
}

/// What the checker needs from the machine, injectable for tests.
public struct CheckEnvironment: Sendable {
  /// Whether an IANA time-zone name is known.
  public var isKnownTimeZone: @Sendable (String) -> Bool
  /// Every known time-zone name, for suggestions; asked only when a zone is unknown.
  public var timeZoneNames: @Sendable () -> [String]

  public init(isKnownTimeZone: @escaping @Sendable (String) -> Bool, timeZoneNames: @escaping @Sendable () -> [String])
  {
    self.isKnownTimeZone = isKnownTimeZone
    self.timeZoneNames = timeZoneNames
  }

  /// The system's time-zone database.
  public static let system = CheckEnvironment(
    isKnownTimeZone: TimeZoneDatabase.isKnown, timeZoneNames: TimeZoneDatabase.names)
}

/// The checker: shape (per file, `DocumentDecoder`), then the passes that need every file
/// (`link`).
public enum Checker {
  /// Reads, decodes and links files in one call (the CLI decodes files in parallel and
  /// calls `link` itself).
  public static func check(_ files: [ParsedFile], environment: CheckEnvironment = .system) -> CheckResult {
    link(files.map(DocumentDecoder.decode), environment: environment)
  }

  /// Runs the cross-file passes over decoded files.
  public static func link(_ files: [FileDefinitions], environment: CheckEnvironment = .system) -> CheckResult {
    var definitions = Definitions()
    var diagnostics: [Diagnostic] = []
    for file in files {
      definitions.append(file.definitions)
      diagnostics += file.diagnostics
    }
    var linker = Linker(definitions: definitions, environment: environment)
    linker.run()
    diagnostics += linker.diagnostics
    return CheckResult(definitions: linker.definitions, diagnostics: Diagnostic.sortedForOutput(diagnostics))
  }
}
