import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// Loading reads back exactly what sealing wrote, and says where a document departs from the
/// schema.
@Suite struct BundleLoadTests {
  static let bundles: [(name: String, bundle: DefinitionBundle)] = [
    ("fixture", BundleFixture.bundle), ("complete", CompleteBundle.bundle),
    ("complete without a profile", CompleteBundle.withoutProfile),
    ("complete without presence", CompleteBundle.withoutPresence),
    ("complete with a customer found by phone", CompleteBundle.withPhoneOnlyCustomer),
    ("reference", ReferenceBundle.compiled.bundle),
  ]

  @Test("a sealed bundle loads back equal", arguments: bundles.indices)
  func roundTrip(index: Int) throws {
    let sealed = try BundleFile.seal(Self.bundles[index].bundle)
    #expect(try BundleFile.load(sealed.bytes) == sealed.bundle, "\(Self.bundles[index].name)")
  }

  @Test func theCompleteBundleUsesEveryEnumCase() {
    let caseTypes = CompleteBundle.bundle.caseTypes
    let tasks = caseTypes.flatMap(\.tasks)
    var operators: Set<BundleExpression.Operator> = []
    var literals: Set<String> = []
    func walk(_ expression: BundleExpression) {
      operators.insert(expression.op)
      for literal in (expression.literal.map { [$0] } ?? []) + (expression.items ?? []) {
        literals.insert(String(describing: literal).prefix { $0 != "(" }.description)
      }
      expression.operands?.forEach(walk)
    }
    for rule in caseTypes.flatMap(\.rules) { walk(rule.when.expression) }
    #expect(operators == Set(BundleExpression.Operator.allCases))
    #expect(literals == ["string", "number", "boolean", "date", "datetime"])
    #expect(Set(tasks.map(\.kind)) == Set(BundleTask.Kind.allCases))
    #expect(Set(tasks.compactMap(\.mode)) == Set(BundleDistributionMode.allCases))
    #expect(Set(caseTypes.flatMap(\.fields).map(\.type)) == Set(BundleField.Kind.allCases))
    let notifications = caseTypes.flatMap(\.notifications)
    #expect(Set(notifications.map(\.on)) == Set(BundleNotification.Event.allCases))
    #expect(Set(notifications.map(\.channel)) == Set(BundleNotification.Channel.allCases))
    let actions = tasks.compactMap(\.ola).flatMap { $0.onWarn + $0.onBreach }
    #expect(Set(actions.map(\.action)) == Set(BundleAction.Kind.allCases))
  }

  /// Walks the stored properties by reflection, so a member added later is covered too.
  @Test func theCompleteBundleSetsAndLeavesOutEveryOptionalMemberOfEveryType() {
    var optionals: [String: (set: Bool, unset: Bool)] = [:]
    var types: Set<String> = []
    func walk(_ value: Any) {
      let mirror = Mirror(reflecting: value)
      if mirror.displayStyle == .struct { types.insert(String(describing: mirror.subjectType)) }
      for child in mirror.children {
        let inner = Mirror(reflecting: child.value)
        if inner.displayStyle == .optional, let label = child.label {
          let key = "\(mirror.subjectType).\(label)"
          let isSet = !inner.children.isEmpty
          optionals[key, default: (false, false)].set = optionals[key, default: (false, false)].set || isSet
          optionals[key, default: (false, false)].unset = optionals[key, default: (false, false)].unset || !isSet
        }
        walk(child.value)
      }
    }
    walk(CompleteBundle.bundle)
    walk(CompleteBundle.withoutProfile)
    walk(CompleteBundle.withoutPresence)
    walk(CompleteBundle.withoutPhoneRegion)
    walk(CompleteBundle.withPhoneOnlyCustomer)
    let half = optionals.filter { !$0.value.set || !$0.value.unset }.keys.sorted()
    #expect(half.isEmpty, "set only one way: \(half)")
    #expect(optionals.count >= 25)
    #expect(
      types.isSuperset(of: [
        "DefinitionBundle", "BundleCompiler", "BundleSource", "BundleCaseType", "BundleRule", "BundleCondition",
        "BundleAssignment", "BundleEscalationLevel", "BundleStage", "BundleNotification", "BundleExpression",
        "BundleDuration", "BundleServiceLevel", "BundleAction", "BundleTask", "BundleTargetChoice", "BundleOutcome",
        "BundleDistribution", "BundleTemplate", "BundleTextPart", "BundleWorkgroup", "BundleMember", "BundleSkill",
        "BundleCustomerProfile", "BundleField", "BundleCalendar", "BundleWindow", "BundleOverride",
        "BundleCustomerMapping", "BundlePresence",
      ]), "\(types.sorted())")
  }

  @Test func nullOptionalMembersAndUnknownKeysAreAccepted() throws {
    var document = try Self.document()
    document = Self.edited(document, ["case_types", "0", "description"]) { _ in .null }
    document = Self.edited(document, ["case_types", "0", "added_in_a_later_version"]) { _ in .array([.null]) }
    document = Self.edited(document, ["customer_profile"]) { _ in .null }
    var expected = CompleteBundle.bundle
    expected.caseTypes[0].description = nil
    expected.customerProfile = nil
    expected.hash = BundleFile.contentHash(of: document)
    #expect(try BundleFile.load(Self.resealed(document)) == expected)
  }

  static let handle = ["case_types", "0", "stages", "0", "tasks", "0"]
  static let sla = ["case_types", "0", "sla", "within"]
  static let ola = "case_types.0.stages.0.tasks.0.ola"
  /// The `"x"` of `F_string == "x"`, the first comparison of the first rule.
  static let literal =
    ["case_types", "0", "rules", "0", "when", "expression"] + ["operands", "0", "operands", "0"]
    + ["operands", "1", "literal"]

  @Test(
    "a document that departs from the schema is refused with where",
    arguments: [
      (["case_types", "0", "sla", "within", "calendar"], nil, "missing 'calendar' in 'case_types.0.sla.within'"),
      (handle + ["outcomes", "1", "code"], nil, "missing 'code' in 'case_types.0.stages.0.tasks.0.outcomes.1'"),
      (["compiler", "name"], nil, "missing 'name' in 'compiler'"),
      (["workgroups"], nil, "missing 'workgroups'"),
      (literal + ["value"], nil, "missing 'value' in '\(literal.joined(separator: "."))'"),
      (["case_types", "0", "priority"], .string("50"), "unexpected value at 'case_types.0.priority'"),
      (["case_types", "0", "priority"], .number("1e+20"), "unexpected value at 'case_types.0.priority'"),
      (["case_types", "0", "priority"], .number("2.5"), "unexpected value at 'case_types.0.priority'"),
      (["calendars", "1", "week", "1", "0", "end"], .number("1.5"), "unexpected value at 'calendars.1.week.1.0.end'"),
      (["calendars", "1", "holidays", "0"], .number("20261225"), "unexpected value at 'calendars.1.holidays.0'"),
      (
        ["case_types", "0", "notifications", "3", "on"], .string("case_reopened"),
        "unexpected value at 'case_types.0.notifications.3.on'"
      ),
      (handle + ["kind"], .string("Work"), "unexpected value at 'case_types.0.stages.0.tasks.0.kind'"),
      (literal + ["type"], .string("money"), "unexpected value at '\(literal.joined(separator: ".")).type'"),
      (literal + ["value"], .bool(true), "unexpected value at '\(literal.joined(separator: ".")).value'"),
      (["workgroups", "0", "name"], .null, "unexpected value at 'workgroups.0.name'"),
      (["workgroups", "0", "description"], .bool(false), "unexpected value at 'workgroups.0.description'"),
      (["templates"], .object([]), "unexpected value at 'templates'"),
      (["templates", "1"], .array([]), "unexpected value at 'templates.1'"),
      (["compiler"], .string("dcmc"), "unexpected value at 'compiler'"),
      (handle + ["start"], .number("1"), "unexpected value at 'case_types.0.stages.0.tasks.0.start'"),
      // Values the checker never accepts, on which the runtime would trap or overflow.
      (sla + ["minutes"], .number("-60"), "unexpected value at 'case_types.0.sla.within.minutes'"),
      (sla + ["minutes"], .number("0"), "unexpected value at 'case_types.0.sla.within'"),
      (sla + ["minutes"], .number("1666666666666667"), "unexpected value at 'case_types.0.sla.within.minutes'"),
      (handle + ["ola", "within", "seconds"], .number("60"), "unexpected value at '\(ola).within.seconds'"),
      (handle + ["ola", "warn_percent"], .number("0"), "unexpected value at '\(ola).warn_percent'"),
      (
        handle + ["ola", "on_warn", "1", "amount"], .number("4611686018427387904"),
        "unexpected value at '\(ola).on_warn.1.amount'"
      ),
      (["case_types", "0", "priority"], .number("101"), "unexpected value at 'case_types.0.priority'"),
      (handle + ["priority"], .number("-1"), "unexpected value at 'case_types.0.stages.0.tasks.0.priority'"),
      (
        ["case_types", "0", "rules", "0", "priority"], .number("1000"),
        "unexpected value at 'case_types.0.rules.0.priority'"
      ),
      (["calendars", "1", "day_minutes"], .number("0"), "unexpected value at 'calendars.1.day_minutes'"),
    ] as [([String], JSONValue?, String)])
  func schemaMismatch(path: [String], value: JSONValue?, message: String) throws {
    let document = Self.edited(try Self.document(), path[...]) { _ in value }
    #expect(throws: BundleLoadError.schemaMismatch(message)) { try BundleFile.load(Self.resealed(document)) }
  }

  @Test func theFirstDepartureInDocumentOrderIsTheOneReported() throws {
    var document = try Self.document()
    document = Self.edited(document, ["case_types", "1", "id"]) { _ in nil }
    document = Self.edited(document, ["case_types", "0", "name"]) { _ in nil }
    #expect(throws: BundleLoadError.schemaMismatch("missing 'name' in 'case_types.0'")) {
      try BundleFile.load(Self.resealed(document))
    }
  }

  /// The compiler accepts conditions 64 levels deep (`ExpressionParser.maximumDepth`), two JSON
  /// levels each: 120 is beyond that, and beyond the parser's default depth of 128.
  @Test func deepConditionsLoadAndDeeperOnesAreRefusedByTheParser() throws {
    func negated(_ depth: Int) -> BundleExpression {
      (0..<depth).reduce(BundleExpression(.isEmpty, field: "F_string")) { inner, _ in BundleExpression(.not, operands: [inner])
      }
    }
    var bundle = CompleteBundle.bundle
    bundle.caseTypes[0].rules[0].when.expression = negated(120)
    let sealed = try BundleFile.seal(bundle)
    #expect(try BundleFile.load(sealed.bytes) == sealed.bundle)
    bundle.caseTypes[0].rules[0].when.expression = negated(200)
    guard case .notJSON(let message, _) = Self.refusal(try BundleFile.seal(bundle).bytes) else {
      Issue.record("a condition nested 200 deep was not refused as JSON")
      return
    }
    #expect(message == "nesting is deeper than the limit of 256 levels")
  }

  @Test func deepValuesAndHugeNumbersAreRefusedWithoutACrash() throws {
    let nested = (0..<200).reduce(JSONValue.string("x")) { inner, _ in .array([inner]) }
    let deep = Self.edited(try Self.document(), ["case_types", "0", "name"]) { _ in nested }
    #expect(throws: BundleLoadError.schemaMismatch("unexpected value at 'case_types.0.name'")) {
      try BundleFile.load(Self.resealed(deep))
    }
    let text = String(decoding: try BundleFile.seal(CompleteBundle.bundle).bytes, as: UTF8.self)
    for huge in ["1" + String(repeating: "0", count: 400), "1e400", "-1e400", "1e-400"] {
      let bytes = Array(text.replacingFirst(#""priority": 50"#, with: #""priority": \#(huge)"#).utf8)
      #expect(Self.refusal(bytes) != nil, "\(huge)")
    }
  }

  // MARK: - Editing a sealed document

  static func refusal(_ bytes: [UInt8]) -> BundleLoadError? {
    do {
      _ = try BundleFile.load(bytes)
      return nil
    } catch {
      return error
    }
  }

  static func document() throws -> JSONValue {
    try JSONValue.parse(try BundleFile.seal(CompleteBundle.bundle).bytes, limits: BundleFile.jsonLimits)
  }

  /// The compact text of `document` with its hash computed again, so loading gets past it.
  static func resealed(_ document: JSONValue) -> [UInt8] {
    document.setting("hash", to: .string(BundleFile.contentHash(of: document))).compact()
  }

  /// `json` with the value at `path` (keys, and indexes in arrays) replaced by `change` of it;
  /// a `nil` result removes the key.
  static func edited(
    _ json: JSONValue, _ path: ArraySlice<String>, _ change: (JSONValue?) -> JSONValue?
  ) -> JSONValue {
    guard let first = path.first else { return change(json) ?? .null }
    switch json {
    case .object(let entries):
      let old = entries.first { $0.key == first }?.value
      let new = path.count == 1 ? change(old) : old.map { edited($0, path.dropFirst(), change) }
      guard let new else { return json.removing(first) }
      return json.setting(first, to: new)
    case .array(var items):
      guard let index = Int(first), items.indices.contains(index) else {
        preconditionFailure("no index \(first) in the array")
      }
      items[index] = path.count == 1 ? (change(items[index]) ?? .null) : edited(items[index], path.dropFirst(), change)
      return .array(items)
    default:
      preconditionFailure("'\(first)' leads into a scalar")
    }
  }
}
