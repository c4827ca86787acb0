/// The `github` format: one GitHub Actions workflow command per diagnostic, which the runner
/// turns into an annotation on the file:
///
/// ```
/// ::error file=definitions/claims.yaml,line=42,col=25,endLine=42,endColumn=35,title=DC3004::outcome ...
/// ```
///
/// `::warning` for warnings and `::notice` for notes. `line`, `col` and `endLine` are
/// 1-based; `endColumn` is the last column of the span (inclusive), as annotations count it;
/// columns count Unicode scalars. Notes, help and fix-its follow the message, each on its
/// own line (`%0A`). Text is escaped as the runner unescapes it: in the message `%`, CR and
/// LF; in property values also `:` and `,`.
struct GitHubRenderer {
  let sources: SourceIndex

  func render(_ diagnostics: [Diagnostic]) -> String {
    var output = ""
    for diagnostic in diagnostics {
      output += command(diagnostic) + "\n"
    }
    return output
  }

  func command(_ diagnostic: Diagnostic) -> String {
    let range = diagnostic.range
    let lastColumn = max(range.end.column - 1, range.end.line == range.start.line ? range.start.column : 1)
    let properties: [(String, String)] = [
      ("file", range.file),
      ("line", String(range.start.line)),
      ("col", String(range.start.column)),
      ("endLine", String(range.end.line)),
      ("endColumn", String(lastColumn)),
      ("title", diagnostic.code.rawValue),
    ]
    var lines = [diagnostic.message]
    for note in diagnostic.notes {
      if let place = note.range {
        lines.append("\(place.file):\(place.start.line):\(place.start.column): note: \(note.message)")
      } else {
        lines.append("note: \(note.message)")
      }
    }
    if let help = diagnostic.help { lines.append("help: \(help)") }
    for fixIt in diagnostic.fixIts { lines.append("fix-it: \(sources.describe(fixIt))") }
    let list = properties.map { "\($0.0)=\(Self.escapeProperty($0.1))" }.joined(separator: ",")
    return "::\(Self.command(for: diagnostic.severity)) \(list)::"
      + lines.map(Self.escapeData).joined(separator: "%0A")
  }

  static func command(for severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "notice"
    }
  }

  /// The runner's escaping of a command's message: `%`, CR, LF.
  static func escapeData(_ text: String) -> String {
    text.replacingAll("%", with: "%25").replacingAll("\r", with: "%0D").replacingAll("\n", with: "%0A")
  }

  /// The runner's escaping of a property value: as the message, plus `:` and `,`.
  static func escapeProperty(_ text: String) -> String {
    escapeData(text).replacingAll(":", with: "%3A").replacingAll(",", with: "%2C")
  }
}

extension String {
  /// Every occurrence of the scalar `target` replaced by `replacement`, scalar by scalar, so
  /// a CR LF pair counts as two (Swift's `Character` would see one).
  fileprivate func replacingAll(_ target: Unicode.Scalar, with replacement: String) -> String {
    var result = ""
    for scalar in unicodeScalars {
      if scalar == target { result += replacement } else { result.unicodeScalars.append(scalar) }
    }
    return result
  }
}
