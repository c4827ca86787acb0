import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// `customer_*` condition nodes (CE20) load back, and the loader refuses what the checker
/// refuses (DC5006, DC5007, DC3009) with the place.
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
}
