import DCMCJSON

/// The `sarif` format: a SARIF 2.1.0 log with one run, for GitHub code scanning and editors.
///
/// The driver lists one rule per `DiagnosticCode`, in code order, with the explanation of
/// `dcmc explain` as help; each result points at its rule by `ruleId` and `ruleIndex`.
/// Locations are relative to `%SRCROOT%` (absolute paths become `file://` URIs), regions
/// are 1-based with an exclusive end column, and the run declares that columns count
/// Unicode code points. Located notes become `relatedLocations`; unlocated notes and help
/// are added to the message text, one line each; fix-its become one `fix`.
struct SARIFRenderer {
  static let schema = "https://json.schemastore.org/sarif-2.1.0.json"
  static let informationURI = "https://github.com/dcmc-tools/dcmc"
  static let sourceRoot = "%SRCROOT%"

  let toolVersion: String
  let sources: SourceIndex
  /// Each code's place in the driver's rules, found once rather than searched for each result.
  private let ruleIndexes: [DiagnosticCode: Int]

  init(toolVersion: String, sources: SourceIndex) {
    self.toolVersion = toolVersion
    self.sources = sources
    self.ruleIndexes = Dictionary(uniqueKeysWithValues: DiagnosticCode.allCases.enumerated().map { ($1, $0) })
  }

  func render(_ diagnostics: [Diagnostic]) -> JSONValue {
    let driver: JSONValue = .object([
      ("name", .string("dcmc")),
      ("version", .string(toolVersion)),
      ("informationUri", .string(Self.informationURI)),
      ("rules", .array(DiagnosticCode.allCases.map(rule))),
    ])
    let run: JSONValue = .object([
      ("tool", .object([("driver", driver)])),
      ("columnKind", .string("unicodeCodePoints")),
      ("results", .array(diagnostics.map(result))),
    ])
    return .object([
      ("$schema", .string(Self.schema)),
      ("version", .string("2.1.0")),
      ("runs", .array([run])),
    ])
  }

  private func rule(_ code: DiagnosticCode) -> JSONValue {
    let explanation = code.explanation
    let text = """
      \(explanation.summary)

      Wrong:

      \(explanation.wrong)
      Right:

      \(explanation.right)
      """
    let markdown = """
      \(explanation.summary)

      Wrong:

      ```yaml
      \(explanation.wrong)```

      Right:

      ```yaml
      \(explanation.right)```
      """
    return .object([
      ("id", .string(code.rawValue)),
      ("name", .string(code.ruleName)),
      ("shortDescription", .object([("text", .string(explanation.title))])),
      ("fullDescription", .object([("text", .string(explanation.summary))])),
      ("help", .object([("text", .string(text)), ("markdown", .string(markdown))])),
      ("defaultConfiguration", .object([("level", .string(Self.level(of: code.defaultSeverity)))])),
    ])
  }

  private func result(_ diagnostic: Diagnostic) -> JSONValue {
    var lines = [diagnostic.message]
    lines += diagnostic.notes.filter { $0.range == nil }.map { "note: \($0.message)" }
    if let help = diagnostic.help { lines.append("help: \(help)") }
    var entries: [(key: String, value: JSONValue)] = [
      ("ruleId", .string(diagnostic.code.rawValue)),
      ("ruleIndex", .int(ruleIndexes[diagnostic.code] ?? 0)),
      ("level", .string(Self.level(of: diagnostic.severity))),
      ("message", .object([("text", .string(lines.joined(separator: "\n")))])),
      ("locations", .array([.object([("physicalLocation", physicalLocation(diagnostic.range))])])),
    ]
    let located = diagnostic.notes.compactMap { note in note.range.map { (note.message, $0) } }
    if !located.isEmpty {
      let related = located.enumerated().map { index, note -> JSONValue in
        .object([
          ("id", .int(index + 1)),
          ("physicalLocation", physicalLocation(note.1)),
          ("message", .object([("text", .string(note.0))])),
        ])
      }
      entries.append(("relatedLocations", .array(related)))
    }
    if !diagnostic.fixIts.isEmpty {
      entries.append(("fixes", .array([fix(diagnostic.fixIts)])))
    }
    return .object(entries)
  }

  /// One fix holding every edit, grouped by file in order of first appearance.
  private func fix(_ fixIts: [FixIt]) -> JSONValue {
    var files: [String] = []
    for fixIt in fixIts where !files.contains(fixIt.range.file) { files.append(fixIt.range.file) }
    let changes = files.map { file -> JSONValue in
      let replacements = fixIts.filter { $0.range.file == file }.map { fixIt -> JSONValue in
        .object([
          ("deletedRegion", region(fixIt.range)),
          ("insertedContent", .object([("text", .string(fixIt.replacement))])),
        ])
      }
      return .object([("artifactLocation", artifactLocation(file)), ("replacements", .array(replacements))])
    }
    let description = fixIts.map(sources.describe).joined(separator: "; ")
    return .object([
      ("description", .object([("text", .string(description))])),
      ("artifactChanges", .array(changes)),
    ])
  }

  private func physicalLocation(_ range: SourceRange) -> JSONValue {
    .object([("artifactLocation", artifactLocation(range.file)), ("region", region(range))])
  }

  private func region(_ range: SourceRange) -> JSONValue {
    .object([
      ("startLine", .int(range.start.line)),
      ("startColumn", .int(range.start.column)),
      ("endLine", .int(range.end.line)),
      ("endColumn", .int(range.end.column)),
    ])
  }

  /// A relative path against `%SRCROOT%`, or an absolute path as a `file://` URI; either
  /// percent-encoded so it is a valid URI reference.
  private func artifactLocation(_ file: String) -> JSONValue {
    if file.hasPrefix("/") {
      return .object([("uri", .string("file://" + Self.percentEncoded(file)))])
    }
    return .object([("uri", .string(Self.percentEncoded(file))), ("uriBaseId", .string(Self.sourceRoot))])
  }

  /// `path` with every byte outside RFC 3986's unreserved set and `/` percent-encoded.
  static func percentEncoded(_ path: String) -> String {
    var result = ""
    for byte in path.utf8 {
      let scalar = Unicode.Scalar(byte)
      if ("0"..."9").contains(scalar) || ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
        || "-._~/".unicodeScalars.contains(scalar)
      {
        result.unicodeScalars.append(scalar)
      } else {
        let hex = String(byte, radix: 16, uppercase: true)
        result += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return result
  }

  static func level(of severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "note"
    }
  }
}
