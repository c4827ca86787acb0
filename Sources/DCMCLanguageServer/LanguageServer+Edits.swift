import DCMCChecker
import DCMCDiagnostics
internal import DCMCJSON

extension LanguageServer {
  /// The kinds whose every use the index holds, so that renaming them leaves nothing behind
  /// (fields and outcomes are also named inside conditions and templates, which it does not
  /// index).
  static let renamable: Set<SymbolIndex.Kind> = [.workgroup, .calendar, .template, .caseType, .stage, .task]

  /// `textDocument/rename`: a workspace edit that renames the id under the cursor wherever
  /// it is defined or used; a quoted occurrence stays quoted.
  func rename(_ params: JSONValue) -> Result<JSONValue, RPCError> {
    guard let newName = params["newName"]?.stringValue else {
      return .failure(RPCError(.invalidParams, "rename without a new name"))
    }
    return symbolUnderCursor(params).flatMap { occurrence -> Result<JSONValue, RPCError> in
      guard let occurrence else { return .failure(RPCError(.requestFailed, "no id to rename here")) }
      guard Self.renamable.contains(occurrence.symbol.kind) else {
        return .failure(RPCError(.requestFailed, "renaming \(occurrence.symbol.kind.rawValue)s is not supported"))
      }
      guard DocumentDecoder.isValidID(newName) else {
        return .failure(RPCError(.requestFailed, "invalid id '\(newName.prefix(80))'"))
      }
      let edits = index.occurrences(of: occurrence.symbol).map { use in
        let written = encoding.lines[use.range.file]?.text(of: use.range) ?? ""
        let quote = written.first.flatMap { $0 == "\"" || $0 == "'" ? String($0) : nil } ?? ""
        return (use.range, quote + newName + quote)
      }
      return .success(workspaceEdit(edits))
    }
  }

  /// `textDocument/codeAction`: the fix-its of the diagnostics in the requested range, each
  /// a quick fix.
  func codeActions(_ params: JSONValue) -> Result<JSONValue, RPCError> {
    guard let uri = params["textDocument"]?["uri"]?.stringValue, let file = DocumentURI.path(of: uri),
      let start = Self.position(params["range"]?["start"]), let end = Self.position(params["range"]?["end"])
    else { return .failure(RPCError(.invalidParams, "params without a file uri and a range")) }
    let lines = encoding.lines[file] ?? LineIndex("")
    let (startLine, startColumn) = lines.location(of: start)
    let (endLine, endColumn) = lines.location(of: end)
    let lower = SourceLocation(line: startLine, column: startColumn, offset: 0)
    let upper = SourceLocation(line: endLine, column: endColumn, offset: 0)
    let actions: [JSONValue] = diagnostics.filter { diagnostic in
      diagnostic.range.file == file && !diagnostic.fixIts.isEmpty && diagnostic.range.start <= upper
        && lower <= diagnostic.range.end
    }.map { diagnostic in
      let titles = diagnostic.fixIts.map { fixIt in
        let old = encoding.lines[fixIt.range.file]?.text(of: fixIt.range) ?? ""
        return fixIt.replacement.isEmpty ? "delete '\(old)'" : "replace '\(old)' with '\(fixIt.replacement)'"
      }
      return .object([
        ("title", .string(titles.joined(separator: "; "))), ("kind", .string("quickfix")),
        ("diagnostics", .array([encoding.diagnostic(strict ? diagnostic.escalatingWarnings() : diagnostic)])),
        ("isPreferred", .bool(true)),
        ("edit", workspaceEdit(diagnostic.fixIts.map { ($0.range, $0.replacement) })),
      ])
    }
    return .success(.array(actions))
  }

  /// A `WorkspaceEdit` of `changes`, grouped by file.
  private func workspaceEdit(_ edits: [(range: SourceRange, text: String)]) -> JSONValue {
    var byFile: [String: [JSONValue]] = [:]
    for edit in edits {
      byFile[DocumentURI.uri(of: edit.range.file), default: []].append(
        .object([("range", encoding.range(edit.range)), ("newText", .string(edit.text))]))
    }
    return .object([("changes", .object(byFile.sorted { $0.key < $1.key }.map { ($0.key, .array($0.value)) }))])
  }
}
