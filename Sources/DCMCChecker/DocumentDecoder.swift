import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

/// Turns the documents of one file into definitions, by kind. Files are independent
/// here, so the CLI may decode them in parallel; `Checker.link` then checks them together.
public enum DocumentDecoder {
  public static func decode(_ file: ParsedFile) -> FileDefinitions {
    var reader = ShapeReader(source: file.source)
    var definitions = Definitions()
    for document in file.documents {
      guard let root = document.root else { continue }
      let before = definitions.count
      decode(root, into: &definitions, reader: &reader)
      if definitions.count == before, let id = root["id"]?.scalar?.value { reader.brokenIDs.insert(id) }
    }
    definitions.brokenIDs = reader.brokenIDs
    return FileDefinitions(definitions: definitions, diagnostics: file.diagnostics + reader.diagnostics)
  }

  /// Whether `text` is a valid id (DC2007): an ASCII letter, then letters, digits and
  /// underscores, at most 64 (for the language server's rename).
  public static func isValidID(_ text: String) -> Bool { ShapeReader.isValidID(text) }

  private static func decode(_ root: Node, into definitions: inout Definitions, reader: inout ShapeReader) {
    guard let entries = root.entries else {
      reader.report(
        Diagnostic(
          .documentNotMapping, "a document must be a mapping with a 'kind', found \(root.kindDescription)",
          at: root.range, help: "start the document with 'kind:' and 'id:'"))
      return
    }
    guard let kindEntry = entries.first(where: { $0.key == "kind" }) else {
      reader.report(
        Diagnostic(
          .missingKind, "document has no 'kind'",
          at: SourceRange(file: root.range.file, start: root.range.start, end: root.range.start),
          help: "kinds: \(DefinitionKind.allCases.map(\.rawValue).joined(separator: ", "))"))
      return
    }
    guard let kindText = reader.string(kindEntry.value, for: "'kind'") else { return }
    guard let kind = DefinitionKind(rawValue: kindText.value) else {
      let names = DefinitionKind.allCases.map(\.rawValue)
      var diagnostic = Diagnostic(
        .unknownKind, "unknown kind '\(kindText.value.prefix(40))'", at: kindText.range,
        help: "kinds: \(names.joined(separator: ", "))")
      if let close = Suggestion.closest(to: kindText.value, in: names) {
        diagnostic = diagnostic.suggesting("kind", close, declaredAt: nil, replacing: kindText.range)
      }
      reader.report(diagnostic)
      return
    }
    let allowed: [String] =
      switch kind {
      case .calendar: ShapeReader.calendarKeys
      case .workgroup: DefinitionKeys.workgroup
      case .template: DefinitionKeys.template
      case .customerProfile: DefinitionKeys.customerProfile
      case .presence: DefinitionKeys.presence
      case .caseType: DefinitionKeys.caseType
      case .scenario: DefinitionKeys.scenario
      }
    let idNode = entries.first { $0.key == "id" }?.value
    let idText = idNode?.scalar.map { "'\($0.value.prefix(64))'" } ?? ""
    guard
      let view = reader.mapping(root, allowed: allowed, subject: String("\(kind.noun) \(idText)".trimming { $0 == " " }))
    else { return }
    if let version = view.value("apiVersion"), let text = reader.string(version, for: "'apiVersion'"),
      text.value != "dcm/v1"
    {
      reader.report(
        Diagnostic(
          .unsupportedAPIVersion, "unsupported apiVersion '\(text.value.prefix(40))'", at: text.range,
          help: "this dcmc reads 'dcm/v1'", fixIts: [FixIt(replacing: text.range, with: "dcm/v1")]))
    }
    // A missing or invalid id is reported once, and the body is still checked under the id as
    // written; the definition is then left out (the caller keeps its id in `brokenIDs`, so
    // references to it are not reported again).
    let id = reader.id(view, "id", required: true)
    let header = DefinitionHeader(
      id: id ?? Located(idNode?.scalar?.value ?? "", at: idNode?.range ?? view.headRange),
      name: reader.string(view, "name")?.value, description: reader.string(view, "description")?.value,
      range: root.range)
    var decoded = Definitions()
    switch kind {
    case .calendar:
      if let calendar = reader.calendar(view, header: header) { decoded.calendars.append(calendar) }
    case .workgroup:
      let workgroup = reader.workgroup(view, header: header)
      decoded.workgroups.append(workgroup)
      if id == nil {
        // The workgroup is left out, and with it the users it names: a scenario acting as
        // one of them is a consequence of the same error, not an unknown user.
        reader.brokenIDs.formUnion(workgroup.members.map(\.user.value) + workgroup.supervisors.map(\.value))
      }
    case .template:
      if let template = reader.template(view, header: header) { decoded.templates.append(template) }
    case .customerProfile:
      decoded.customerProfiles.append(reader.customerProfile(view, header: header))
    case .presence:
      if let presence = reader.presence(view, header: header) { decoded.presences.append(presence) }
    case .caseType:
      if let caseType = reader.caseType(view, header: header) { decoded.caseTypes.append(caseType) }
    case .scenario:
      if let scenario = reader.scenario(view, header: header) { decoded.scenarios.append(scenario) }
    }
    if id != nil { definitions.append(decoded) }
  }
}

/// What one file defines, with the problems found reading it.
public struct FileDefinitions: Sendable {
  public var definitions: Definitions
  public var diagnostics: [Diagnostic]
}
