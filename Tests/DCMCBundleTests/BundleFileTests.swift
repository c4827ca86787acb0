import DCMCJSON
import Foundation
import Testing

@testable import DCMCBundle

@Suite struct BundleFileTests {
  func refusal(_ bytes: [UInt8]) -> BundleLoadError? {
    do {
      _ = try BundleFile.load(bytes)
      return nil
    } catch {
      return error
    }
  }

  @Test func aSealedBundleLoadsBackEqual() throws {
    let (bundle, bytes) = BundleFixture.sealed
    #expect(bundle.hash.hasPrefix("sha256:") && bundle.hash.count == 7 + 64)
    #expect(try BundleFile.load(bytes) == bundle)
    #expect(BundleFixture.bundle.hash.isEmpty)
  }

  @Test func theHashIsTheDigestOfTheCanonicalDocumentWithoutItsHashKey() throws {
    let (bundle, bytes) = BundleFixture.sealed
    let document = try JSONValue.parse(bytes, limits: BundleFile.jsonLimits)
    let compact = document.removing("hash").compact()
    #expect(bundle.hash == "sha256:" + SHA256.hexDigest(of: compact))
    #expect(!String(decoding: compact, as: UTF8.self).contains("\"hash\""))
    #expect(
      String(decoding: compact, as: UTF8.self).hasPrefix(#"{"calendars":[{"day_minutes":1440,"#))
  }

  @Test func sealingIsByteStable() throws {
    #expect(BundleFixture.sealed.bytes == BundleFixture.sealed.bytes)
    var other = BundleFixture.bundle
    other.caseTypes[0].stages[0].tasks[0].ola?.within.minutes = 241
    let changed = try BundleFile.seal(other)
    #expect(changed.bundle.hash != BundleFixture.sealed.bundle.hash)
  }

  @Test func reformattedJSONWithTheSameContentStillLoads() throws {
    let document = try JSONValue.parse(BundleFixture.sealed.bytes, limits: BundleFile.jsonLimits)
    #expect(try BundleFile.load(document.compact()) == BundleFixture.sealed.bundle)
  }

  /// Cutting only the final line break leaves a complete document, so cuts start at 2.
  @Test("a truncated bundle is refused as truncated", arguments: [2, 3, 10, 1000, 3000])
  func truncated(cut: Int) {
    let bytes = Array(BundleFixture.sealed.bytes.dropLast(cut))
    guard case .truncated = refusal(bytes) else {
      Issue.record("cut \(cut): \(String(describing: refusal(bytes)))")
      return
    }
  }

  @Test(
    "a bundle edited by hand is refused by its hash",
    arguments: [
      (#""minutes": 240"#, #""minutes": 241"#), (#""to": "agents""#, #""to": "agentz""#),
      (#""version": "9.9.9""#, #""version": "9.9.8""#), ("café", "cafe"),
    ])
  func handEdited(old: String, new: String) {
    #expect(refusal(BundleFixture.edited(old, new)) == .hashMismatch)
  }

  @Test func anotherFormatIsRefusedBeforeItsHashIsChecked() {
    #expect(
      refusal(BundleFixture.edited(#""format": "dcm-bundle/1""#, #""format": "sarif/2""#))
        == .unknownFormat("sarif/2"))
    #expect(
      refusal(BundleFixture.edited(#""format": "dcm-bundle/1""#, #""format": "dcm-bundle/x""#))
        == .unknownFormat("dcm-bundle/x"))
    #expect(
      refusal(Array(#"{"version": "2.1.0", "runs": []}"#.utf8)) == .notABundle("it has no 'format'")
    )
    #expect(refusal(Array("[1, 2]".utf8)) == .notABundle("the document is not a JSON object"))
  }

  @Test func aNewerVersionIsRefusedWhateverItsContent() {
    let newer = BundleFixture.edited(#""format": "dcm-bundle/1""#, #""format": "dcm-bundle/2""#)
    #expect(refusal(newer) == .newerVersion("dcm-bundle/2"))
    #expect(
      refusal(Array(#"{"format": "dcm-bundle/17", "whatever": true}"#.utf8))
        == .newerVersion("dcm-bundle/17"))
  }

  @Test func aMissingHashAndNonJSONAreRefused() throws {
    let document = try JSONValue.parse(BundleFixture.sealed.bytes, limits: BundleFile.jsonLimits)
    #expect(refusal(document.removing("hash").compact()) == .missingHash)
    guard case .notJSON = refusal(Array("PK\u{03}\u{04} zip".utf8)) else {
      Issue.record("a zip file is not JSON")
      return
    }
  }

  @Test func contentThatMatchesItsHashButNotTheSchemaIsRefused() throws {
    let document = try JSONValue.parse(BundleFixture.sealed.bytes, limits: BundleFile.jsonLimits).removing("case_types")
    let resealed = document.setting("hash", to: .string(BundleFile.contentHash(of: document)))
    #expect(refusal(resealed.compact()) == .schemaMismatch("missing 'case_types'"))
  }

  @Test func everyRefusalIsOneLowercaseLine() {
    let refusals: [BundleLoadError] = [
      .truncated(offset: 12), .notJSON(message: "unexpected character", offset: 0),
      .notABundle("it has no 'format'"),
      .unknownFormat("x"), .newerVersion("dcm-bundle/2"), .missingHash, .hashMismatch,
      .schemaMismatch("missing 'id'"),
    ]
    for refusal in refusals {
      let text = refusal.description
      #expect(!text.contains("\n"))
      #expect(text.first?.isLowercase == true, "\(text)")
      #expect(!text.hasSuffix("."))
    }
  }
}
