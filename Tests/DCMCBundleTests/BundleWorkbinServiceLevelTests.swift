import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// A workgroup's service level travels in the bundle; bundles compiled before it load without
/// one, and the loader refuses what the checker refuses (DC2011, DC2013, DC2021).
@Suite struct BundleWorkbinServiceLevelTests {
  static let path = ["workgroups", "0", "service_level"]

  static func document(serviceLevel: JSONValue?) throws -> [UInt8] {
    BundleLoadTests.resealed(BundleLoadTests.edited(try BundleLoadTests.document(), path[...]) { _ in serviceLevel })
  }

  static func level(_ seconds: Int, _ percent: Int) -> JSONValue {
    .object([("answer_within_seconds", .int(seconds)), ("target_percent", .int(percent))])
  }

  @Test func theServiceLevelLoadsBack() throws {
    let loaded = try BundleFile.load(try Self.document(serviceLevel: Self.level(120, 90)))
    #expect(loaded.workgroups[0].serviceLevel == BundleWorkbinServiceLevel(answerWithinSeconds: 120, targetPercent: 90))
    let without = try BundleFile.load(try Self.document(serviceLevel: nil))
    #expect(without.workgroups[0].serviceLevel == nil)
  }

  @Test(
    "a forged service level the checker refuses is refused",
    arguments: [
      (level(0, 80), "unexpected value at 'workgroups.0.service_level.answer_within_seconds'"),
      (level(86_401, 80), "unexpected value at 'workgroups.0.service_level.answer_within_seconds'"),
      (level(60, 0), "unexpected value at 'workgroups.0.service_level.target_percent'"),
      (level(60, 101), "unexpected value at 'workgroups.0.service_level.target_percent'"),
      (.object([("answer_within_seconds", .int(60))]), "missing 'target_percent'"),
    ])
  func forgedValue(value: JSONValue, expected: String) throws {
    let refusal = try #require(BundleLoadTests.refusal(try Self.document(serviceLevel: value))).description
    #expect(refusal.contains(expected), "\(refusal)")
  }
}
