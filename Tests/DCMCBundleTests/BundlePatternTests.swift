import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// Issue 14 item 8: the loader refuses a field pattern the checker refuses (DC2016, DC2020), so a
/// bundle written by hand cannot carry a pattern that needs backtracking to the runtime.
@Suite struct BundlePatternTests {
  static let place = ["customer_profile", "fields", "0", "pattern"]

  @Test(
    "a pattern the compiler could not have produced is refused with where",
    arguments: [
      ("^(a)\\1$", "backreference '\\1' cannot be matched in linear time"),
      ("^(?=a)", "lookaround '(?=' cannot be matched in linear time"),
      ("^a{5000}$", "repetition count 1001 is over 1000"),
      ("^M[0-9{8}$", "class at scalar 3 is not closed by ']'"),
    ])
  func patternIsRefused(pattern: String, reason: String) throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), Self.place[...]) { _ in .string(pattern) }
    let error = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document)))
    #expect(error.description.contains(": \(reason) at '\(Self.place.joined(separator: "."))'"), "\(error)")
  }

  @Test func aPatternInTheSubsetLoads() throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), Self.place[...]) { _ in
      .string("^(a+)+$")
    }
    #expect(throws: Never.self) { try BundleFile.load(BundleLoadTests.resealed(document)) }
  }
}
