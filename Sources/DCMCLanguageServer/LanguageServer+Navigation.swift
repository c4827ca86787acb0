import DCMCDiagnostics
internal import DCMCJSON

extension LanguageServer {
  /// The file and the checker's line and column of a `TextDocumentPositionParams`.
  private func place(_ params: JSONValue) -> Result<(file: String, line: Int, column: Int), RPCError> {
    guard let uri = params["textDocument"]?["uri"]?.stringValue, let path = DocumentURI.path(of: uri),
      let position = Self.position(params["position"])
    else { return .failure(RPCError(.invalidParams, "params without a file uri and a position")) }
    let lines = encoding.lines[path] ?? LineIndex(workspace.open[path]?.text ?? "")
    let (line, column) = lines.location(of: position)
    return .success((path, line, column))
  }

  func symbolUnderCursor(_ params: JSONValue) -> Result<SymbolIndex.Occurrence?, RPCError> {
    place(params).map { index.occurrence(in: $0.file, line: $0.line, column: $0.column) }
  }

  func definition(_ params: JSONValue) -> Result<JSONValue, RPCError> {
    symbolUnderCursor(params).map { occurrence in
      guard let occurrence else { return .null }
      return .array(index.definitions(of: occurrence.symbol).map { encoding.location($0.range) })
    }
  }

  func references(_ params: JSONValue) -> Result<JSONValue, RPCError> {
    let includeDeclaration = params["context"]?["includeDeclaration"].map { if case .bool(false) = $0 { false } else { true } } ?? true
    return symbolUnderCursor(params).map { occurrence in
      guard let occurrence else { return .null }
      return .array(
        index.occurrences(of: occurrence.symbol).filter { includeDeclaration || !$0.isDefinition }.map {
          encoding.location($0.range)
        })
    }
  }

  /// The summary of the definition under the cursor and the explanation of each diagnostic
  /// there, in Markdown.
  func hover(_ params: JSONValue) -> Result<JSONValue, RPCError> {
    place(params).map { place in
      var sections: [String] = []
      var range: SourceRange?
      if let occurrence = index.occurrence(in: place.file, line: place.line, column: place.column) {
        range = occurrence.range
        sections.append(
          Hover.summary(of: occurrence.symbol, in: definitions)
            ?? "**\(occurrence.symbol.kind.rawValue)** `\(occurrence.symbol.id)` is not defined")
      }
      let here = SourceLocation(line: place.line, column: place.column, offset: 0)
      for diagnostic in diagnostics where diagnostic.range.file == place.file {
        let start = diagnostic.range.start
        let end = diagnostic.range.end
        let isOnIt = start <= here && (here <= end || (start == end && here.line == start.line))
        if isOnIt { sections.append(Hover.explanation(of: diagnostic)) }
      }
      guard !sections.isEmpty else { return .null }
      var members: [(key: String, value: JSONValue)] = [
        ("contents", .object([("kind", .string("markdown")), ("value", .string(sections.joined(separator: "\n\n---\n\n")))]))
      ]
      if let range { members.append(("range", encoding.range(range))) }
      return .object(members)
    }
  }
}
