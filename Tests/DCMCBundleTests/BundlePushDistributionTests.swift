import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// Push distribution and presence travel in the bundle; bundles compiled before them load with
/// the defaults, and the loader refuses what the checker refuses (DC2021, DC4019, DC4020,
/// DC7011...DC7014).
@Suite struct BundlePushDistributionTests {
  static let handle = ["case_types", "0", "stages", "0", "tasks", "0"]
  static let approve = ["case_types", "0", "stages", "0", "tasks", "1"]
  static let agents = ["workgroups", "0"]

  static func refusal(setting path: [String], to value: JSONValue?) throws -> String {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), path[...]) { _ in value }
    return try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document))).description
  }

  @Test func theSettingsLoadBack() throws {
    let loaded = try BundleFile.load(BundleLoadTests.resealed(try BundleLoadTests.document()))
    let task = try #require(loaded.caseTypes.first?.task("handle"))
    #expect(task.mode == .push && task.offerTimeoutSeconds == 20 && task.weight == 2 && task.allowClaim)
    #expect(loaded.workgroups[0].mode == .push && loaded.workgroups[0].offerTimeoutSeconds == 45)
    #expect(loaded.workgroups[0].members[0].capacity == 3)
    #expect(loaded.presence?.notReady == ["break", "training"] && loaded.presence?.wrapUpSeconds == 90)
  }

  /// A bundle of before push distribution: none of the new keys.
  @Test func aBundleWithoutTheNewKeysLoadsWithTheDefaults() throws {
    var document = try BundleLoadTests.document().removing("presence")
    for path in [Self.handle + ["mode"], Self.handle + ["offer_timeout_seconds"], Self.handle + ["weight"],
      Self.handle + ["allow_claim"], Self.approve + ["mode"], Self.agents + ["mode"],
      Self.agents + ["offer_timeout_seconds"], Self.agents + ["members", "0", "capacity"],
      Self.agents + ["members", "1", "capacity"]]
    {
      document = BundleLoadTests.edited(document, path[...]) { _ in nil }
    }
    let loaded = try BundleFile.load(BundleLoadTests.resealed(document))
    let task = try #require(loaded.caseTypes.first?.task("handle"))
    #expect(task.mode == nil && task.offerTimeoutSeconds == nil && task.weight == 1 && !task.allowClaim)
    #expect(loaded.workgroups[0].mode == nil && loaded.workgroups[0].members.allSatisfy { $0.capacity == 1 })
    #expect(loaded.presence == nil)
  }

  /// DC4019 across definitions: a time-out on a task without a mode, none of whose targets
  /// pushes.
  @Test func aTimeOutOnATaskWhoseTargetsAllPullIsRefused() throws {
    var document = try BundleLoadTests.document()
    for path in [Self.handle + ["mode"], Self.agents + ["mode"], Self.agents + ["offer_timeout_seconds"]] {
      document = BundleLoadTests.edited(document, path[...]) { _ in nil }
    }
    let refusal = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document))).description
    let expected = "task 'handle' has an offer time-out but is pulled at 'case_types.0.stages.0.tasks.0.offer_timeout_seconds'"
    #expect(refusal.contains(expected), "\(refusal)")
    document = BundleLoadTests.edited(document, (Self.handle + ["offer_timeout_seconds"])[...]) { _ in nil }
    #expect(BundleLoadTests.refusal(BundleLoadTests.resealed(document)) == nil)
  }

  @Test(
    "a forged value the checker refuses is refused",
    arguments: [
      (handle + ["weight"], JSONValue.int(0), "unexpected value at 'case_types.0.stages.0.tasks.0.weight'"),
      (handle + ["offer_timeout_seconds"], .int(4), "unexpected value at 'case_types.0.stages.0.tasks.0.offer_timeout_seconds'"),
      (handle + ["mode"], .string("shove"), "unexpected value at 'case_types.0.stages.0.tasks.0.mode'"),
      (handle + ["mode"], .string("pull"), "task 'handle' has an offer time-out but is pulled"),
      (agents + ["mode"], nil, "workgroup 'agents' has an offer time-out but does not push at 'workgroups.0"),
      (agents + ["offer_timeout_seconds"], .int(3601), "unexpected value at 'workgroups.0.offer_timeout_seconds'"),
      (agents + ["members", "0", "capacity"], .int(-1), "unexpected value at 'workgroups.0.members.0.capacity'"),
      (["presence", "id"], .string("rules"), "the presence rules must have id 'presence' at 'presence.id'"),
      (["presence", "not_ready"], .array([.string("rona")]), "not-ready reason 'rona' is built in at 'presence.not_ready.0'"),
      (["presence", "not_ready"], .array([.string("x"), .string("x")]), "'x' is listed twice at 'presence.not_ready.1'"),
      (["presence", "not_ready"], .array([.string("../x")]), "invalid id '../x' at 'presence.not_ready.0'"),
      (["presence", "wrap_up_seconds"], .int(0), "unexpected value at 'presence.wrap_up_seconds'"),
      (["presence", "wrap_up_seconds"], nil, "missing 'wrap_up_seconds'"),
    ])
  func forgedValue(path: [String], value: JSONValue?, expected: String) throws {
    let refusal = try Self.refusal(setting: path, to: value)
    #expect(refusal.contains(expected), "\(refusal)")
  }
}
