import DCMCJSON
import Testing
import _DCMCTestSupport

@testable import DCMCBundle

/// The customer profile's reference and phone region travel in the bundle, and the loader
/// refuses what the checker refuses (DC7004, at most five fields; DC7006, a region code; DC2015, the reference).
@Suite struct BundleCustomerProfileTests {
  static let profile = ["customer_profile"]

  @Test func theReferenceAndThePhoneRegionLoadBack() throws {
    let loaded = try BundleFile.load(BundleLoadTests.resealed(try BundleLoadTests.document()))
    #expect(loaded.customerProfile?.reference == "C{yyyy}-{seq:7}")
    #expect(loaded.customerProfile?.phoneRegion == "BE")
  }

  @Test(
    "a region that is no ISO 3166 alpha-2 code is refused",
    arguments: ["Belgium", "be", "B", "B1"])
  func regionIsRefused(region: String) throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), (Self.profile + ["phone_region"])[...]) { _ in
      .string(region)
    }
    let error = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document)))
    let expected = "is not an ISO 3166 alpha-2 code at 'customer_profile.phone_region'"
    #expect(error.description.contains(expected), "\(error)")
  }

  @Test func aReferenceTheCheckerRefusesIsRefused() throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), (Self.profile + ["reference"])[...]) { _ in
      .string("CUS/{seq:6}")
    }
    let error = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document)))
    let expected = "reference format of the customer profile is refused: a customer id cannot contain '/'"
    #expect(error.description.contains(expected), "\(error)")
  }

  @Test func aProfileWithSixFieldsIsRefused() throws {
    var document = try BundleLoadTests.document()
    guard case .array(let fields)? = document["customer_profile"]?["fields"], let field = fields.first else {
      Issue.record("the complete bundle's profile has a field")
      return
    }
    document = BundleLoadTests.edited(document, (Self.profile + ["fields"])[...]) { _ in
      .array(Array(repeating: field, count: 6))
    }
    let error = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document)))
    #expect(error.description.contains("at most 5 fields at 'customer_profile.fields'"), "\(error)")
  }
}
