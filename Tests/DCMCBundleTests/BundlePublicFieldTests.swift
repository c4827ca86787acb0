import Testing

@testable import DCMCBundle

/// A field's `public` is written only when `false`: it round-trips, and a bundle without the
/// key (every bundle compiled before it, and every one whose fields are all public) loads
/// with every field public, its bytes as they were.
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
}
