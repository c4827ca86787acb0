import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// `customer_*` condition nodes and a rule's target, skill and acknowledge (CE20) load back,
/// and the loader refuses what the checker refuses (DC5006, DC5007, DC3009, DC3002, DC3003,
/// DC4017, DC4018) with the place.
@Suite struct BundleCustomerConditionTests {
  static let expression = ["case_types", "0", "rules", "1", "when", "expression"]

  static func load(_ node: JSONValue) throws -> Result<DefinitionBundle, BundleLoadError> {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), Self.expression[...]) { _ in node }
    let bytes = BundleLoadTests.resealed(document)
    do {
      return .success(try BundleFile.load(bytes))
    } catch {
      return .failure(error)
    }
  }

  static func node(_ op: String, _ members: [(String, JSONValue)] = []) -> JSONValue {
    .object([("op", .string(op))] + members.map { (key: $0.0, value: $0.1) })
  }

  @Test func aCustomerNodeLoadsBackWithItsMembers() throws {
    let node = Self.node("customer_recent_cases", [("case_type", .string("bare")), ("window_seconds", .int(604_800))])
    let bundle = try Self.load(node).get()
    let loaded = try #require(bundle.caseType("claims")?.rules[1].when.expression)
    #expect(loaded == BundleExpression(.customerRecentCases, windowSeconds: 604_800, caseType: "bare"))
    for accepted in [
      Self.node("customer_field", [("field", .string("email"))]), Self.node("customer_is_new"),
      Self.node("is_empty", [("operands", .array([Self.node("customer_field", [("field", .string("F_phone"))])]))]),
    ] {
      #expect(throws: Never.self) { try Self.load(accepted).get() }
    }
  }

  @Test(arguments: [
    (node("customer_field", [("field", .string("Segment"))]), "which the customer profile does not declare"),
    (
      node("customer_recent_cases", [("case_type", .string("claimz")), ("window_seconds", .int(60))]),
      "unknown case type 'claimz'"
    ),
    (node("customer_recent_cases"), "needs 'window_seconds'"),
    (node("customer_recent_cases", [("window_seconds", .int(0))]), "window_seconds"),
  ])
  func whatTheCheckerRefusesIsRefused(node: JSONValue, words: String) throws {
    guard case .failure(let error) = try Self.load(node) else {
      Issue.record("the bundle loaded")
      return
    }
    #expect(error.description.contains(words), "\(error.description)")
  }

  /// The complete bundle with `change` made to its rule that sets target, skill and
  /// acknowledge, and to its whole first case type.
  static func refusalOfRule(_ key: String, _ value: JSONValue, caseType edit: (JSONValue) -> JSONValue = { $0 })
    throws -> String?
  {
    var document = BundleLoadTests.edited(try BundleLoadTests.document(), ["case_types", "0", "rules", "2", key]) { _ in
      value
    }
    document = BundleLoadTests.edited(document, ["case_types", "0"]) { $0.map(edit) }
    return BundleLoadTests.refusal(BundleLoadTests.resealed(document))?.description
  }

  @Test func aRuleSettingTargetSkillAndAcknowledgeLoadsBack() throws {
    let bundle = try BundleFile.load(BundleLoadTests.resealed(try BundleLoadTests.document()))
    let rule = try #require(bundle.caseType("claims")?.rules[2])
    #expect([rule.target, rule.skill, rule.acknowledge] == ["agents", "french", "plain"])
    #expect(bundle.caseType("claims")?.rules[0].target == nil)
  }

  @Test func whatARuleNamesMustExist() throws {
    let target = try Self.refusalOfRule("target", .string("nobody_here"))
    #expect(target?.contains("unknown workgroup 'nobody_here'") == true)
    #expect(try Self.refusalOfRule("acknowledge", .string("lost"))?.contains("unknown template 'lost'") == true)
    let withoutNotifications = try Self.refusalOfRule("skill", .string("french")) { caseType in
      caseType.setting("notifications", to: .array([]))
    }
    #expect(withoutNotifications?.contains("sends no 'case_created' notification") == true)
    let withoutDistribution = try Self.refusalOfRule("acknowledge", .null) { caseType in
      guard case .array(let stages)? = caseType["stages"] else { return caseType }
      let bare = stages.map { stage -> JSONValue in
        guard case .array(let tasks)? = stage["tasks"] else { return stage }
        return stage.setting("tasks", to: .array(tasks.map { $0.removing("distribution") }))
      }
      return caseType.setting("stages", to: .array(bare))
    }
    #expect(withoutDistribution?.contains("is distributed by skill") == true)
  }
}
