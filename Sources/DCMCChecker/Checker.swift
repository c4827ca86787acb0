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
    let linking = Linking(files, environment: environment)
    return linking.finish(caseTypeDiagnostics: (0..<linking.caseTypeCount).map(linking.checkCaseType(at:)))
  }
}

/// `Checker.link` in three steps, so that a caller may check the case types on several
/// threads (the CLI does): `init` runs the passes over all definitions, `checkCaseType(at:)`
/// checks one case type without changing anything, and `finish` checks the scenarios and
/// gathers every diagnostic. The result is the same as `Checker.link`'s when `finish` gets
/// the case types' diagnostics in index order, however they were computed.
public struct Linking: Sendable {
  private var linker: Linker
  /// The files' own diagnostics (reading and shape), then the passes' of `init`.
  private var diagnostics: [Diagnostic] = []

  public init(_ files: [FileDefinitions], environment: CheckEnvironment = .system) {
    var definitions = Definitions()
    definitions.caseTypes.reserveCapacity(files.reduce(0) { $0 + $1.definitions.caseTypes.count })
    for file in files {
      definitions.append(file.definitions)
      diagnostics += file.diagnostics
    }
    linker = Linker(definitions: definitions, environment: environment)
    linker.prepare()
    diagnostics += linker.diagnostics
    linker.diagnostics = []
  }

  /// How many case types `checkCaseType(at:)` takes.
  public var caseTypeCount: Int { linker.definitions.caseTypes.count }

  /// The diagnostics of the case type at `index` (0..<caseTypeCount), from a copy of the
  /// linker: concurrent calls are safe.
  public func checkCaseType(at index: Int) -> [Diagnostic] {
    var copy = linker
    copy.check(linker.definitions.caseTypes[index])
    return copy.diagnostics
  }

  /// The scenarios' checks, and every diagnostic sorted for output; `caseTypeDiagnostics`
  /// holds `checkCaseType(at:)` of each index, in index order.
  public func finish(caseTypeDiagnostics: [[Diagnostic]]) -> CheckResult {
    precondition(caseTypeDiagnostics.count == caseTypeCount, "one list of diagnostics per case type")
    var copy = linker
    for scenario in linker.definitions.scenarios {
      copy.check(scenario)
    }
    let all = diagnostics + caseTypeDiagnostics.joined() + copy.diagnostics
    return CheckResult(definitions: linker.definitions, diagnostics: Diagnostic.sortedForOutput(all))
  }
}
