import DCMCDiagnostics

/// A problem libyaml reported, before it is turned into a diagnostic.
struct ParserFailure: Error {
  enum Place {
    /// A scanner or parser error, at a libyaml mark.
    case location(SourceLocation)
    /// A reader error (a forbidden character), at a byte offset of the input.
    case byteOffset(Int)
  }

  /// libyaml's description of the problem, as it wrote it.
  var problem: String
  var place: Place
  /// The offending character of a reader error.
  var value: Int?
  /// What libyaml was doing ("while parsing a block mapping"), and where that started.
  var context: String?
  var contextLocation: SourceLocation?

  /// The DC1001 diagnostic: at the problem, with libyaml's context as a located note. A tab
  /// in indentation gets its own message, because libyaml's ("found character that cannot
  /// start any token") does not say what is wrong.
  func diagnostic(file: String, source: SourceBytes) -> Diagnostic {
    switch place {
    case .byteOffset(let byte):
      let location = source.location(ofByte: byte)
      let range = SourceRange(file: file, start: location, end: location)
      return Diagnostic(.yamlSyntax, readerMessage, at: range)
    case .location(let location):
      let range = SourceRange(file: file, start: location, end: location)
      var cursor = (scalar: 0, byte: 0)
      if source.isTabInIndentation(at: source.byteOffset(ofScalar: location.offset, from: &cursor)) {
        let end = SourceLocation(line: location.line, column: location.column + 1, offset: location.offset + 1)
        return Diagnostic(
          .yamlSyntax, "tab character in indentation", at: SourceRange(file: file, start: location, end: end),
          help: "indent with spaces: YAML does not allow tabs in indentation")
      }
      var notes: [Note] = []
      if let context, let contextLocation {
        let contextRange = SourceRange(file: file, start: contextLocation, end: contextLocation)
        notes.append(Note("\(Self.sentence(context)) started here", at: contextRange))
      }
      return Diagnostic(.yamlSyntax, Self.sentence(problem), at: range, notes: notes)
    }
  }

  private var readerMessage: String {
    guard let value, problem == "control characters are not allowed" else { return Self.sentence(problem) }
    let hex = String(value, radix: 16, uppercase: true)
    return "control character U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex) is not allowed"
  }

  /// libyaml's text as a diagnostic message: lowercase start, no final period.
  private static func sentence(_ text: String) -> String {
    var text = Substring(text)
    while text.last == "." || text.last == " " { text = text.dropLast() }
    guard let first = text.first else { return "invalid YAML" }
    return first.lowercased() + text.dropFirst()
  }
}
