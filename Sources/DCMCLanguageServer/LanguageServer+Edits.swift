import DCMCChecker
import DCMCDiagnostics
import DCMCModel
internal import DCMCJSON

extension LanguageServer {
  /// `textDocument/rename`: a workspace edit that renames the id under the cursor wherever
  /// it is defined or used, in conditions and template placeholders too; a quoted occurrence
  /// stays quoted. The new name must be a valid id that names nothing of its kind yet.
  func rename(_ params: JSONValue) -> Result<JSONValue, RPCError> {
    guard let newName = params["newName"]?.stringValue else {
      return .failure(RPCError(.invalidParams, "rename without a new name"))
    }
    return symbolUnderCursor(params).flatMap { occurrence -> Result<JSONValue, RPCError> in
      guard let occurrence else { return .failure(RPCError(.requestFailed, "no id to rename here")) }
      if let refusal = refusal(renaming: occurrence.symbol, to: newName) {
        return .failure(RPCError(.requestFailed, refusal))
      }
      let edits = index.occurrences(of: occurrence.symbol).map { use in
        let written = encoding.lines[use.range.file]?.text(of: use.range) ?? ""
        let quote = written.first.flatMap { $0 == "\"" || $0 == "'" ? String($0) : nil } ?? ""
        return (use.range, quote + newName + quote)
      }
      return .success(workspaceEdit(edits))
    }
  }

  /// Why `symbol` cannot be renamed to `newName`, or `nil` when it can.
  func refusal(renaming symbol: SymbolIndex.Symbol, to newName: String) -> String? {
    let kind = symbol.kind.rawValue
    guard DocumentDecoder.isValidID(newName) else { return "invalid id '\(newName.prefix(80))'" }
    if symbol.kind == .field, Self.wordsOfConditions.contains(newName) {
      return "'\(newName)' is a word of conditions and templates, not a field name"
    }
    let renamed = SymbolIndex.Symbol(kind: symbol.kind, scope: symbol.scope, id: newName)
    if newName != symbol.id, !index.definitions(of: renamed).isEmpty {
      let owner = symbol.scope.split(separator: "/").last.map(String.init) ?? ""
      let place = owner.isEmpty ? "" : " in \(symbol.kind == .outcome ? "task" : "case type") '\(owner)'"
      return "\(kind) '\(newName)' already exists\(place)"
    }
    if let shared = index.sharing(symbol).first {
      return "a template names \(kind) '\(symbol.id)' for case type '\(shared.symbol.scope)' too"
    }
    if let hidden = index.occurrences(of: symbol).first(where: { !$0.isExact }) {
      let file = hidden.range.file.split(separator: "/").last.map(String.init) ?? hidden.range.file
      return "\(kind) '\(symbol.id)' is named inside an escaped or folded text at \(file):\(hidden.range.start.line)"
    }
    return nil
  }

  /// Names a field cannot take: the words of conditions, `customer.`, and the variables
  /// every template has.
  static let wordsOfConditions: Set<String> = Set(
    ["and", "or", "not", "in", "is", "empty", "true", "false", "customer"] + TemplateText.builtinVariables)

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
