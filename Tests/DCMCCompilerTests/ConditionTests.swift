import DCMCBundle
import Testing

@Suite struct ConditionTests {
  @Test func conditionsAreTreesWithTheirCanonicalText() throws {
    let claims = CompileFixture.caseType(
      """
      rules:
        - when: Segment == 'gold' and not (Amount in [1, 2.5]) or Name is not empty
          priority: high
          set: { Amount: 3 }
      stages:
        - id: work
          tasks:
            - id: handle
              target:
                - { when: Amount >= 1000, to: experts }
                - { to: agents }
              outcomes: { done: {} }
      """)
    let (bundle, _) = CompileFixture.compile([("shared.yaml", CompileFixture.shared), claims])
    let compiled = try #require(bundle.caseType("claims"))
    let rule = try #require(compiled.rules.first)
    #expect(rule.priority == 75)
    #expect(rule.set == [BundleAssignment(field: "Amount", value: "3")])
    #expect(rule.when.text == #"Segment == "gold" and not Amount in [1, 2.5] or Name is not empty"#)
    let segment = BundleExpression(
      .equal,
      operands: [BundleExpression(.field, field: "Segment"), BundleExpression(.literal, literal: .string("gold"))])
    let amount = BundleExpression(
      .not,
      operands: [
        BundleExpression(.in, operands: [BundleExpression(.field, field: "Amount")], items: [.number(1), .number(2.5)])
      ])
    #expect(
      rule.when.expression
        == BundleExpression(
          .or,
          operands: [
            BundleExpression(.and, operands: [segment, amount]), BundleExpression(.isNotEmpty, field: "Name"),
          ]))
    let target = try #require(compiled.task("handle")?.target)
    #expect(target.map(\.to) == ["experts", "agents"])
    #expect(target[0].when?.expression.op == .greaterOrEqual)
    #expect(target[0].when?.expression.operands?[1].literal == .number(1000))
    #expect(target[1].when == nil)
  }

  @Test func dateAndDatetimeLiteralsKeepTheirISOText() throws {
    let claims = CompileFixture.caseType(
      """
      fields:
        - { id: Name, type: string, required: true }
        - { id: Bought, type: date }
        - { id: Seen, type: datetime }
      rules:
        - { when: Bought < 2026-01-01 or Seen >= 2026-03-02T09:00:00+01:00, priority: 10 }
      stages:
        - id: work
          tasks: [{ id: handle, target: agents, outcomes: { done: {} } }]
      """)
    let text = claims.text.replacingFirstFieldsBlock()
    let (bundle, bytes) = CompileFixture.compile([("shared.yaml", CompileFixture.shared), (claims.name, text)])
    let operands = try #require(bundle.caseType("claims")?.rules.first?.when.expression.operands)
    #expect(operands[0].operands?[1].literal == .date("2026-01-01"))
    #expect(operands[1].operands?[1].literal == .datetime("2026-03-02T09:00:00+01:00"))
    #expect(String(decoding: bytes, as: UTF8.self).contains(#"{"type": "date", "value": "2026-01-01"}"#))
  }
}

extension String {
  /// The fixture's text with its default `fields:` block removed (the body brings its own).
  func replacingFirstFieldsBlock() -> String {
    var lines = split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let start = lines.firstIndex(of: "fields:") else { return self }
    var end = start + 1
    while end < lines.count, lines[end].hasPrefix("  - ") { end += 1 }
    lines.removeSubrange(start..<end)
    return lines.joined(separator: "\n")
  }
}
