import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  mutating func template(_ view: MappingView, header: DefinitionHeader) -> Template? {
    let subject = view.value("subject").flatMap { string($0, for: "'subject'") }.flatMap { templateText($0) }
    guard let bodyText = string(view, "body", required: true), let body = templateText(bodyText) else { return nil }
    return Template(header: header, subject: subject, body: body)
  }

  /// Splits `{{ Name }}` placeholders out of a text. Each variable is located at its own
  /// place in the source when the scalar's source shows the same placeholders in the same
  /// order (always, unless escapes or folding hide them); otherwise at the whole scalar.
  mutating func templateText(_ text: Located<String>) -> TemplateText? {
    var parts: [TemplateText.Part] = []
    var names: [(name: String, ok: Bool)] = []
    var literal = ""
    var rest = Substring(text.value)
    while let open = rest.firstRange(of: "{{") {
      literal += rest[..<open.lowerBound]
      let afterOpen = rest[open.upperBound...]
      guard let close = afterOpen.firstRange(of: "}}") else {
        report(
          Diagnostic(
            .templateSyntax, "placeholder '{{' is not closed", at: text.range,
            help: "write a variable as '{{Name}}'"))
        return nil
      }
      let name = afterOpen[..<close.lowerBound].trimmingCharacters(in: " ")
      names.append((name, ShapeReader.isValidID(name)))
      if !literal.isEmpty { parts.append(.text(literal)) }
      literal = ""
      parts.append(.variable(Located(name, at: text.range)))
      rest = afterOpen[close.upperBound...]
    }
    literal += rest
    if !literal.isEmpty { parts.append(.text(literal)) }

    let located = placeholderRanges(in: text.range)
    var variableIndex = 0
    var valid = true
    for index in parts.indices {
      guard case .variable(var name) = parts[index] else { continue }
      if located.count == names.count { name.range = located[variableIndex] }
      parts[index] = .variable(name)
      if !names[variableIndex].ok {
        report(
          Diagnostic(
            .templateSyntax, "invalid placeholder '{{\(names[variableIndex].name.prefix(40))}}'", at: name.range,
            help: "a placeholder holds one variable name, like '{{Case_Id}}'"))
        valid = false
      }
      variableIndex += 1
    }
    return valid ? TemplateText(parts: parts, range: text.range) : nil
  }

  /// The ranges of the `{{...}}` placeholders in the source text of `range`.
  private mutating func placeholderRanges(in range: SourceRange) -> [SourceRange] {
    guard let scalars = sourceScalars, range.start.offset >= 0, range.end.offset <= scalars.count,
      range.start.offset < range.end.offset
    else { return [] }
    var result: [SourceRange] = []
    var line = range.start.line
    var column = range.start.column
    var openAt: SourceLocation?
    var index = range.start.offset
    while index < range.end.offset {
      let scalar = scalars[index]
      let here = SourceLocation(line: line, column: column, offset: index)
      let next = index + 1 < range.end.offset ? scalars[index + 1] : nil
      if scalar == "{", next == "{", openAt == nil {
        openAt = here
      } else if scalar == "}", next == "}", let start = openAt {
        let end = SourceLocation(line: line, column: column + 2, offset: index + 2)
        result.append(SourceRange(file: range.file, start: start, end: end))
        openAt = nil
        index += 2
        column += 2
        continue
      }
      if scalar == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }
    return result
  }
}
