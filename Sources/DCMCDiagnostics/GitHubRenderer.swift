internal import DCMCText

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
/// own line (`%0A`). Each of those lines shows its control and bidirectional characters
/// escaped (`\u{1b}`, `String.escapingControls`), as the human format does: GitHub's log
/// renders ANSI, and a line break a message quotes would start a line of its own. Text is
/// then escaped as the runner unescapes it: in the message `%`, CR and LF; in property values
/// also `:` and `,`.
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
      + lines.map { Self.escapeData($0.escapingControls) }.joined(separator: "%0A")
  }

  static func command(for severity: Severity) -> String {
    switch severity {
    case .error: "error"
    case .warning: "warning"
    case .note: "notice"
    }
  }

  /// The runner's escaping of a command's message: `%`, CR, LF.
  static func escapeData(_ text: String) -> String { escape(text, property: false) }

  /// The runner's escaping of a property value: as the message, plus `:` and `,`.
  static func escapeProperty(_ text: String) -> String { escape(text, property: true) }

  /// One pass, scalar by scalar, so a CR LF pair counts as two (Swift's `Character` would see
  /// one); text with nothing to escape (most of it) is returned as it is.
  private static func escape(_ text: String, property: Bool) -> String {
    func special(_ byte: UInt8) -> Bool { byte == 0x25 || byte == 0x0D || byte == 0x0A || (property && (byte == 0x3A || byte == 0x2C)) }
    guard text.utf8.contains(where: special) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 16)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "%": result += "%25"
      case "\r": result += "%0D"
      case "\n": result += "%0A"
      case ":" where property: result += "%3A"
      case "," where property: result += "%2C"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
