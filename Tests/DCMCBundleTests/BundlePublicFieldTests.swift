import DCMCJSON
import Testing

@testable import DCMCBundle

/// A field's `public` is written only when `false`: it round-trips, and a bundle without the
/// key (every bundle compiled before it, and every one whose fields are all public) loads
/// with every field public, its bytes as they were. Only a case type's field has a public form:
/// `"public": false` on a form task's or the customer profile's field is refused with where,
/// as the checker refuses the key there (DC4012); before 7 December 2026 (stop 34) a bundle
/// edited by hand and hashed again loaded with it, and nothing used it.
@Suite struct BundlePublicFieldTests {
  @Test func aFieldThatIsNotPublicIsWrittenAsSuchAndLoadsBack() throws {
    var hidden = BundleFixture.bundle
    hidden.caseTypes[0].fields[0].isPublic = false
    let (bundle, bytes) = try BundleFile.seal(hidden)
    #expect(String(decoding: bytes, as: UTF8.self).contains(#""public": false"#))
    let loaded = try BundleFile.load(bytes)
    #expect(loaded == bundle)
    #expect(loaded.caseTypes[0].fields[0].isPublic == false)
  }

  @Test func aBundleWithoutTheKeyLoadsWithEveryFieldPublic() throws {
    let bytes = BundleFixture.sealed.bytes
    #expect(!String(decoding: bytes, as: UTF8.self).contains("\"public\""))
    let loaded = try BundleFile.load(bytes)
    let fields = loaded.caseTypes.flatMap(\.fields)
    #expect(!fields.isEmpty)
    #expect(fields.filter { !$0.isPublic }.isEmpty)
  }

  @Test(
    "'public: false' where no public form reads it is refused with where",
    arguments: [
      (
        ["case_types", "0", "stages", "0", "tasks", "2", "fields", "1", "public"],
        "field 'F_date' of task 'form' has 'public', which only a case type's field has "
          + "at 'case_types.0.stages.0.tasks.2.fields.1.public'"
      ),
      (
        ["customer_profile", "fields", "0", "public"],
        "field 'F_phone' of customer profile 'customer' has 'public', which only a case type's field has "
          + "at 'customer_profile.fields.0.public'"
      ),
    ])
  func notPublicWhereNoFormReadsIt(path: [String], expected: String) throws {
    let document = BundleLoadTests.edited(try BundleLoadTests.document(), path[...]) { _ in .bool(false) }
    let refusal = try #require(BundleLoadTests.refusal(BundleLoadTests.resealed(document)))
    #expect(refusal == .schemaMismatch(expected), "\(refusal)")
    // The same key on a case type's field is what it is for: loaded.
    let caseField = BundleLoadTests.edited(
      try BundleLoadTests.document(), ["case_types", "0", "fields", "0", "public"]) { _ in .bool(false) }
    #expect(BundleLoadTests.refusal(BundleLoadTests.resealed(caseField)) == nil)
  }
}
