import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// Issue 14 item 17: the loader refuses a case reference format the checker refuses (DC2015),
/// so a bundle written by hand cannot carry one that every `case create` would refuse, or one
/// that would put a '/' in case ids.
@Suite struct BundleReferenceFormatTests {
  static let place = ["case_types", "0", "reference"]

  @Test(
    "a reference format the compiler could not have produced is refused with where",
    arguments: [
      ("TEC/{seq:6}", "a case id cannot contain '/'"),
      (".{seq:6}", "a case id cannot start with '.'"),
      ("TEC-{seq:6}\u{7}", "a case id cannot contain a control character"),
      ("TEC-{seq}", "unknown placeholder '{seq}'"),
      ("TEC-{seq:13}", "unknown placeholder '{seq:13}'"),
      ("TEC-{yyyy}", "it must contain '{seq:N}' exactly once"),
      ("TEC-{seq:4}-{seq:4}", "it must contain '{seq:N}' exactly once"),
      ("TEC-{seq:6", "'{' is not closed"),
    ])
  func referenceFormatIsRefused(format: String, reason: String) throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), Self.place[...]) { _ in .string(format) }
    let error = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document)))
    #expect(
      error.description.hasSuffix(
        "reference format of case type 'claims' is refused: \(reason) at '\(Self.place.joined(separator: "."))'"),
      "\(error)")
  }

  @Test func aFormatWithTheDateLoads() throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), Self.place[...]) { _ in
      .string("CLM-{yyyy}{mm}-{seq:5}")
    }
    #expect(throws: Never.self) { try BundleFile.load(BundleLoadTests.resealed(document)) }
  }
}
