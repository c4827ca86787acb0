import DCMCDiagnostics
import DCMCExpressions
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  /// A list of field definitions; duplicate ids are reported here, since fields are
  /// unique per form. `isCreationForm`: the fields of a case type, which are on its public
  /// form unless `public: false`; other fields may not say `public`.
  mutating func fieldList(_ node: Node, owner: String, isCreationForm: Bool = false) -> [FieldDefinition] {
    guard let items = list(node, for: "'fields'") else { return [] }
    let fields = each(items) { $0.field($1, owner: owner, isCreationForm: isCreationForm) }
    return withoutRepeats(fields, key: \.id, code: .duplicateId, note: "first defined here") {
      "field '\($0.id.value)' is defined twice in \(owner)"
    }
  }

  fileprivate mutating func field(_ node: Node, owner: String, isCreationForm: Bool) -> FieldDefinition? {
    guard let view = mapping(node, allowed: DefinitionKeys.field, subject: "a field"),
      let id = id(view, "id", required: true)
    else { return nil }
    guard let kind = required(view, "type").flatMap({ choice($0, FieldKind.self, for: "field type") }) else {
      return nil
    }
    var values: [Located<String>] = []
    if let node = view.value("values") {
      if kind.value != .enumeration {
        report(
          Diagnostic(
            .fieldOptionMismatch, "field '\(id.value)' has 'values' but is of type '\(kind.value.rawValue)'",
            at: view.entry("values")!.keyRange, help: "only an enum field has 'values'"))
      } else if let items = nonEmptyList(node, for: "the values of '\(id.value)'") {
        values = withoutRepeats(each(items) { $0.string($1, for: "an enum value") }, key: { $0 }, code: .duplicateId) {
          "value '\($0.value)' is listed twice in field '\(id.value)'"
        }
      }
    } else if kind.value == .enumeration {
      report(
        Diagnostic(
          .fieldOptionMismatch, "enum field '\(id.value)' has no 'values'", at: kind.range,
          help: "list the allowed values, like 'values: [gold, silver, bronze]'"))
    }
    // Whether the pattern compiles is checked by the linker, once for each distinct pattern
    // of all files (`Linker.checkPatterns`): compiling one costs as much as decoding a file.
    var pattern: Located<String>?
    if let text = string(view, "pattern") {
      if kind.value != .string && kind.value != .text {
        report(
          Diagnostic(
            .fieldOptionMismatch, "field '\(id.value)' has 'pattern' but is of type '\(kind.value.rawValue)'",
            at: view.entry("pattern")!.keyRange, help: "only string and text fields have a 'pattern'"))
      } else {
        pattern = text
      }
    }
    let isRequired = bool(view, "required") ?? false
    var isPublic = true
    if let flag = bool(view, "public") {
      let key = view.entry("public")!.keyRange
      if isCreationForm {
        isPublic = flag
      } else {
        report(
          Diagnostic(
            .fieldOptionMismatch, "field '\(id.value)' of \(owner) has 'public', which only a case type's field has",
            at: key, help: "only a case type's fields are on its public form; remove 'public'"))
      }
      if isCreationForm && !flag && isRequired {
        report(
          Diagnostic(
            .requiredFieldNotPublic,
            "required field '\(id.value)' of \(owner) is not public: its public form can never be sent", at: key,
            help: "make the field optional, or leave it on the public form"))
      }
    }
    return FieldDefinition(
      id: id, name: string(view, "name")?.value, kind: kind, isRequired: isRequired,
      values: values, pattern: pattern, description: string(view, "description")?.value, isPublic: isPublic)
  }
}
