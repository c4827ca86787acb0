import DCMCChecker
import DCMCModel
import DCMCSyntax
import Testing

/// A breach action is known by its key, not by the key's place in the mapping: YAML mappings
/// have no order, and the compiler must give the same bundle whatever the order.
@Suite struct BreachActionKeyOrderTests {
  static func notify(_ action: String) -> [String] {
    let text = """
      kind: Template
      id: late
      body: "late"
      ---
      kind: Workgroup
      id: agents
      members: [ann]
      ---
      kind: CaseType
      id: claims
      sla: { within: 3d, on_breach: [\(action)] }
      stages:
        - id: work
          tasks: [{ id: handle, target: agents, outcomes: { done: {} } }]
      """
    let result = Checker.check([YAMLReader.parse(name: "claims.yaml", bytes: Array(text.utf8))])
    guard case .notify(let template, let to)? = result.definitions.caseTypes.first?.sla?.onBreach?.first else {
      return result.diagnostics.map(\.message)
    }
    return [template.value, to.map { "\($0.parts.count) part" } ?? "no to"]
  }

  @Test func notifyIsRecognisedBeforeOrAfterItsRecipient() {
    #expect(Self.notify(#"{ notify: late, to: "a@b.example" }"#) == ["late", "1 part"])
    #expect(Self.notify(#"{ to: "a@b.example", notify: late }"#) == ["late", "1 part"])
  }

  @Test func aMappingWithNoKnownActionIsStillReported() {
    #expect(Self.notify(#"{ to: "a@b.example" }"#) == ["unknown action 'to'"])
  }
}
