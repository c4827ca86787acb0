import DCMCDiagnostics
internal import DCMCJSON
import DCMCModel

extension LanguageServer {
  /// `textDocument/documentSymbol`: each definition of the file, a case type with its
  /// stages, their tasks, and its fields.
  func documentSymbols(_ params: JSONValue) -> Result<JSONValue, RPCError> {
    guard let uri = params["textDocument"]?["uri"]?.stringValue, let file = DocumentURI.path(of: uri) else {
      return .failure(RPCError(.invalidParams, "params without a file uri"))
    }
        var symbols: [(SourceRange, JSONValue)] = []
    func add(_ header: DefinitionHeader, _ kind: SymbolKind, detail: String, children: [JSONValue] = []) {
      guard header.range.file == file else { return }
      symbols.append((header.range, symbol(header.id, header.name, kind, detail, range: header.range, children)))
    }
    for calendar in definitions.calendars { add(calendar.header, .object, detail: "calendar") }
    for workgroup in definitions.workgroups { add(workgroup.header, .structure, detail: "workgroup") }
    for template in definitions.templates { add(template.header, .string, detail: "template") }
    for profile in definitions.customerProfiles { add(profile.header, .object, detail: "customer profile") }
    for presence in definitions.presences { add(presence.header, .object, detail: "presence") }
    for scenario in definitions.scenarios { add(scenario.header, .event, detail: "scenario") }
    for caseType in definitions.caseTypes {
      let fields: [JSONValue] = caseType.fields.map { symbol($0.id, $0.name, .field, "field", range: $0.id.range, []) }
      let stages: [JSONValue] = caseType.stages.map { stage in
        let tasks = stage.tasks.map { symbol($0.id, $0.name, .function, "\($0.kind.rawValue) task", range: $0.range, []) }
        var range = stage.id.range
        if let last = stage.tasks.last?.range.end, last > range.end { range.end = last }
        return symbol(stage.id, stage.name, .module, "stage", range: range, tasks)
      }
      add(caseType.header, .classType, detail: "case type", children: fields + stages)
    }
    return .success(.array(symbols.sorted { $0.0.start < $1.0.start }.map(\.1)))
  }

  /// `workspace/symbol`: every definition whose id holds the query's characters in order,
  /// ignoring case.
  func workspaceSymbols(_ params: JSONValue) -> JSONValue {
    let query = Array((params["query"]?.stringValue ?? "").lowercased())
    let matches = index.occurrences.filter { occurrence in
      guard occurrence.isDefinition else { return false }
      var rest = query[...]
      for character in occurrence.symbol.id.lowercased() where character == rest.first { rest.removeFirst() }
      return rest.isEmpty
    }
    return .array(
      matches.map { occurrence in
        var members: [(key: String, value: JSONValue)] = [
          ("name", .string(occurrence.symbol.id)), ("kind", .int(SymbolKind(occurrence.symbol.kind).rawValue)),
          ("location", encoding.location(occurrence.range)),
        ]
        if !occurrence.symbol.scope.isEmpty { members.append(("containerName", .string(occurrence.symbol.scope))) }
        return .object(members)
      })
  }

  private func symbol(
    _ id: Located<String>, _ name: String, _ kind: SymbolKind, _ detail: String, range: SourceRange,
    _ children: [JSONValue]
  ) -> JSONValue {
    var members: [(key: String, value: JSONValue)] = [
      ("name", .string(id.value)), ("detail", .string(name == id.value ? detail : "\(detail): \(name)")),
      ("kind", .int(kind.rawValue)), ("range", encoding.range(range)), ("selectionRange", encoding.range(id.range)),
    ]
    if !children.isEmpty { members.append(("children", .array(children))) }
    return .object(members)
  }
}

/// LSP's `SymbolKind` numbers for what dcmc defines.
enum SymbolKind: Int {
  case module = 2
  case classType = 5
  case field = 8
  case function = 12
  case string = 15
  case object = 19
  case structure = 23
  case event = 24

  init(_ kind: SymbolIndex.Kind) {
    switch kind {
    case .workgroup: self = .structure
    case .calendar: self = .object
    case .template: self = .string
    case .caseType: self = .classType
    case .stage: self = .module
    case .task: self = .function
    case .field: self = .field
    case .outcome: self = .event
    }
  }
}
