import DCMCModel
internal import DCMCJSON

extension LanguageServer {
  /// One completion: the text inserted, what kind of thing it is, and its description.
  struct Completion: Equatable {
    var label: String
    var detail: String
    /// LSP's `CompletionItemKind`.
    var kind: Int
    var documentation: String? = nil
    var insert: String? = nil
  }

  /// `textDocument/completion`: at a key, the keys the schema allows there and not yet
  /// written; at a value, the ids valid there (workgroups at a target, the case type's fields
  /// in a condition or a placeholder, the outcomes of the step's task...) or the schema's
  /// fixed values. Read from the open text, which need not parse, and the last check.
  func completion(_ params: JSONValue) -> Result<JSONValue, RPCError> {
    guard let uri = params["textDocument"]?["uri"]?.stringValue, let path = DocumentURI.path(of: uri),
      let position = Self.position(params["position"])
    else { return .failure(RPCError(.invalidParams, "params without a file uri and a position")) }
    let text = workspace.text(of: path)
    let lines = LineIndex(text)
    let (line, column) = lines.location(of: position)
    let context = CompletionContext(text: text, line: line - 1, column: column - 1)
    let id = context.caseType ?? context.id
    let caseType =
      definitions.caseTypes.first { $0.header.id.value == id }
      ?? workspace.readable[path]?.caseTypes.first { $0.header.id.value == id }
    let width = context.word.utf16.count
    let range: JSONValue = .object([
      ("start", .object([("line", .int(position.line)), ("character", .int(max(0, position.character - width)))])),
      ("end", .object([("line", .int(position.line)), ("character", .int(position.character))])),
    ])
    let items: [JSONValue] = completions(context, caseType: caseType).map { item in
      var members: [(key: String, value: JSONValue)] = [
        ("label", .string(item.label)), ("kind", .int(item.kind)), ("detail", .string(item.detail)),
        ("textEdit", .object([("range", range), ("newText", .string(item.insert ?? item.label))])),
      ]
      if let documentation = item.documentation { members.append(("documentation", .string(documentation))) }
      return .object(members)
    }
    return .success(.object([("isIncomplete", .bool(false)), ("items", .array(items))]))
  }

  /// What may be written at `context`.
  /// - Parameter caseType: the case type of the document (a scenario's), as last read.
  func completions(_ context: CompletionContext, caseType: CaseType?) -> [Completion] {
    if context.isInPlaceholder { return placeholders(context) }
    guard case .value(let key) = context.slot else {
      if context.path.last == "set" || (context.kind == "Scenario" && ["fields", "data"].contains(context.path.last)) {
        let forms = context.path.last == "set" ? [] : caseType?.tasks.flatMap(\.fields) ?? []
        let fields = (caseType?.fields ?? []) + forms
        return unique(fields.map(\.id.value)).filter { context.siblings[$0] == nil }.map(Self.field)
      }
      guard let kind = context.kind else {
        return [Completion(label: "kind", detail: "key", kind: 10, insert: "kind: ")]
      }
      return SchemaKeys.language.keys(kind: kind, path: context.path).filter { context.siblings[$0.name] == nil }.map {
        Completion(label: $0.name, detail: "key", kind: 10, documentation: $0.description, insert: $0.name + ": ")
      }
    }
    if context.path.isEmpty, key == "kind" { return DefinitionKind.allCases.map { Self.value($0.rawValue) } }
    let parent = context.path.last
    switch (context.kind, key) {
    case (_, "calendar"):
      return ([CalendarDefinition.alwaysOpenID] + definitions.calendars.map(\.header.id.value)).map {
        Self.reference($0, "calendar")
      }
    case ("CaseType", "target"), ("CaseType", "reassign"), ("Scenario", "target"):
      return definitions.workgroups.map { Self.reference($0.header.id.value, "workgroup") }
    case ("CaseType", "to") where parent == "target":
      return definitions.workgroups.map { Self.reference($0.header.id.value, "workgroup") }
    case (_, "template"), ("CaseType", "notify"), ("CaseType", "acknowledge"):
      return definitions.templates.map { Self.reference($0.header.id.value, "template") }
    case ("CaseType", "when"):
      guard !context.valueText.hasSuffix("." + context.word) else { return [] }
      return (caseType?.fields ?? []).map { Self.field($0.id.value) }
    case ("CaseType", "name"), ("CaseType", "email"), ("CaseType", "phone"):
      guard parent == "customer" else { break }
      return (caseType?.fields ?? []).map { Self.field($0.id.value) }
    case ("CaseType", "start") where context.path.contains("outcomes"), ("CaseType", "task"), ("Scenario", "task"):
      return unique((caseType?.tasks ?? []).map(\.id.value)).map { Self.reference($0, "task") }
    case ("CaseType", "stage"):
      return (caseType?.stages ?? []).map { Self.reference($0.id.value, "stage") }
    case ("Scenario", "case_type"):
      return definitions.caseTypes.map { Self.reference($0.header.id.value, "case type") }
    case ("Scenario", "outcome"):
      let task = caseType?.tasks.first { $0.id.value == context.siblings["task"] }
      return (task?.outcomes ?? []).map { Completion(label: $0.code.value, detail: "outcome", kind: 20) }
    default: break
    }
    guard let kind = context.kind else { return [] }
    return SchemaKeys.language.values(kind: kind, path: context.path, key: key).map(Self.value)
  }

  /// In a `{{` of a case type's text, its fields; of a template, the fields of the case types
  /// that notify with it; the built-in variables in both.
  private func placeholders(_ context: CompletionContext) -> [Completion] {
    var fields: [String] = []
    for caseType in definitions.caseTypes {
      let uses =
        context.kind == "Template"
        ? caseType.notifications.contains { $0.template.value == context.id }
          || caseType.rules.contains { $0.acknowledge?.value == context.id }
        : caseType.header.id.value == context.id
      if uses { fields += caseType.fields.map(\.id.value) }
    }
    return unique(fields).map(Self.field)
      + TemplateText.builtinVariables.map { Completion(label: $0, detail: "variable", kind: 6) }
  }

  private func unique(_ ids: [String]) -> [String] {
    var seen: Set<String> = []
    return ids.filter { seen.insert($0).inserted }
  }

  private static func reference(_ id: String, _ noun: String) -> Completion {
    Completion(label: id, detail: noun, kind: 18)
  }

  private static func field(_ id: String) -> Completion { Completion(label: id, detail: "field", kind: 5) }

  private static func value(_ text: String) -> Completion { Completion(label: text, detail: "value", kind: 12) }
}
