import DCMCDiagnostics
internal import DCMCJSON

/// The checker's places and problems as LSP JSON, positions translated through each file's
/// `LineIndex`.
struct LSPEncoding {
  /// The line index of each file checked, by file name.
  var lines: [String: LineIndex]
  /// The `codeDescription.href` of a code: `{code}` in it is replaced by the code.
  var explainURL: String

  /// Where the explanation of codes is, when no client option says otherwise: the same
  /// text as `dcmc explain CODE`, which hover also shows on a diagnostic.
  static let defaultExplainURL = "dcmc:explain/{code}"

  func position(_ location: SourceLocation, in file: String) -> JSONValue {
    let position =
      lines[file]?.position(of: location)
      ?? TextDocument.Position(line: max(location.line - 1, 0), character: max(location.column - 1, 0))
    return .object([("line", .int(position.line)), ("character", .int(position.character))])
  }

  func range(_ range: SourceRange) -> JSONValue {
    .object([("start", position(range.start, in: range.file)), ("end", position(range.end, in: range.file))])
  }

  func location(_ range: SourceRange) -> JSONValue {
    .object([("uri", .string(DocumentURI.uri(of: range.file))), ("range", self.range(range))])
  }

  /// An LSP `Diagnostic`: located notes become related information, unlocated notes and
  /// the help are added to the message after a line break.
  func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
    let severity =
      switch diagnostic.severity {
      case .error: 1
      case .warning: 2
      case .note: 3
      }
    var message = diagnostic.message
    for note in diagnostic.notes where note.range == nil { message += "\nnote: " + note.message }
    if let help = diagnostic.help { message += "\nhelp: " + help }
    let related: [JSONValue] = diagnostic.notes.compactMap { note in
      note.range.map { .object([("location", location($0)), ("message", .string(note.message))]) }
    }
    let code = diagnostic.code.rawValue
    var members: [(key: String, value: JSONValue)] = [
      ("range", range(diagnostic.range)), ("severity", .int(severity)), ("code", .string(code)),
      ("codeDescription", .object([("href", .string(explainURL.replacingAll("{code}", with: code)))])),
      ("source", .string("dcmc")), ("message", .string(message)),
    ]
    if !related.isEmpty { members.append(("relatedInformation", .array(related))) }
    return .object(members)
  }
}

extension String {
  func replacingAll(_ target: String, with replacement: String) -> String {
    split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
  }
}
