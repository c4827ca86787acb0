import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  mutating func template(_ view: MappingView, header: DefinitionHeader) -> Template? {
    let subject = view.value("subject").flatMap { string($0, for: "'subject'") }.flatMap { templateText($0) }
    guard let bodyText = string(view, "body", required: true), let body = templateText(bodyText) else { return nil }
    return Template(header: header, subject: subject, body: body)
  }

  /// Splits `{{ Name }}` placeholders out of a text. Each placeholder is located at its own
  /// place in the source when the scalar's source shows the same placeholders in the same
  /// order (always, unless escapes or folding hide them); otherwise at the whole scalar. So
  /// are the problems with one (DC6102): an unclosed `{{` or a name that is not an id.
  mutating func templateText(_ text: Located<String>) -> TemplateText? {
    let value = text.value.unicodeScalars
    let spans = Self.placeholders(in: value, from: SourceLocation(line: 1, column: 1, offset: 0))
    guard !spans.isEmpty else { return TemplateText(parts: [.text(text.value)], range: text.range) }
    let written = source?.scalars(of: text.range).map { Self.placeholders(in: $0, from: text.range.start) } ?? []
    let isLocated =
      written.count == spans.count && zip(written, spans).allSatisfy { ($0.end == nil) == ($1.end == nil) }
    func place(_ index: Int) -> SourceRange {
      guard isLocated else { return text.range }
      let open = written[index].open
      let end = written[index].end ?? SourceLocation(line: open.line, column: open.column + 2, offset: open.offset + 2)
      return SourceRange(file: text.range.file, start: open, end: end)
    }

    var parts: [TemplateText.Part] = []
    var valid = true
    var literalStart = value.startIndex
    for (index, span) in spans.enumerated() {
      let open = value.index(value.startIndex, offsetBy: span.open.offset)
      if literalStart < open { parts.append(.text(String(value[literalStart..<open]))) }
      guard let end = span.end else {
        report(
          Diagnostic(
            .templateSyntax, "placeholder '{{' is not closed", at: place(index),
            help: "write a variable as '{{Name}}'"))
        return nil
      }
      let endIndex = value.index(value.startIndex, offsetBy: end.offset)
      let inner = value[value.index(open, offsetBy: 2)..<value.index(endIndex, offsetBy: -2)]
      let name = String(String(inner).trimming { $0 == " " })
      if !ShapeReader.isValidID(name) {
        report(
          Diagnostic(
            .templateSyntax, "invalid placeholder '{{\(name.prefix(40))}}'", at: place(index),
            help: "a placeholder holds one variable name, like '{{Case_Id}}'"))
        valid = false
      }
      parts.append(.variable(Located(name, at: place(index))))
      literalStart = endIndex
    }
    if literalStart < value.endIndex { parts.append(.text(String(value[literalStart...]))) }
    return valid ? TemplateText(parts: parts, range: text.range) : nil
  }

  /// The `{{` ... `}}` placeholders of `scalars`, read as `templateText` reads them: the
  /// first `{{`, then the first `}}` after it, and so on. Each has the location of its `{{`
  /// and of the end of its `}}` (`nil` for a last one that is not closed), counted from
  /// `start`; line breaks are YAML's (CR LF is one).
  static func placeholders(in scalars: some Sequence<Unicode.Scalar>, from start: SourceLocation) -> [(
    open: SourceLocation, end: SourceLocation?
  )] {
    var spans: [(open: SourceLocation, end: SourceLocation?)] = []
    var open: SourceLocation?
    var previous: (scalar: Unicode.Scalar, at: SourceLocation, counts: Bool)?
    var here = start
    for scalar in scalars {
      var counts = true
      if let previous, previous.counts {
        if open == nil, previous.scalar == "{", scalar == "{" {
          open = previous.at
          counts = false
        } else if let opened = open, previous.scalar == "}", scalar == "}" {
          spans.append((opened, SourceLocation(line: here.line, column: here.column + 1, offset: here.offset + 1)))
          open = nil
          counts = false
        }
      }
      let afterCR = previous?.scalar == "\r"
      previous = (scalar, here, counts)
      here.offset += 1
      switch scalar {
      case "\n" where afterCR:
        break  // the LF of a CR LF: the CR already began the line
      case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
        here.line += 1
        here.column = 1
      default:
        here.column += 1
      }
    }
    if let open { spans.append((open, nil)) }
    return spans
  }
}
