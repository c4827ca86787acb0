@testable import DCMCServer
import Testing
import _DCMCTestSupport

/// The bearer token is read from an ASCII header's bytes, and the JSON content type known at
/// once in its usual spelling: what they read is what splitting the value's characters reads
/// (`bearerToken(characters:)`, `declaresJSON(characters:method:)`, the definitions), over
/// seeded values near each.
@Suite struct HeaderReadingTests {
  static func request(authorization: String, contentType: String) -> HTTPRequest {
    HTTPRequest(
      method: "POST", path: "/api/v1/cases", headers: ["Authorization": authorization, "Content-Type": contentType],
      body: [])
  }

  static let pieces = [
    " ", " ", "\t", ";", "Bearer", "bearer", "BEARER", "Basic", "beare", "tok_en", "x", "application/json",
    "Application/JSON", "application/jsonx", "charset=utf-8", "\r\n", "é", "\u{301}", "K", "\u{212A}", "",
  ]

  @Test func bytesReadAsCharactersDo() {
    var generator = SeededGenerator(seed: 19)
    var values = ["", " ", "Bearer", "Bearer ", "Bearer  ", "  Bearer t ", "Bearer \u{301}t", "application/json", ";application/json;"]
    for _ in 0..<6_000 {
      values.append((0..<generator.below(6)).map { _ in Self.pieces[generator.below(Self.pieces.count)] }.joined())
    }
    for value in values {
      let request = Self.request(authorization: value, contentType: value)
      #expect(request.bearerToken == HTTPRequest.bearerToken(characters: value), "\(Array(value.utf8))")
      #expect(request.declaresJSON == HTTPRequest.declaresJSON(characters: value, method: "POST"), "\(Array(value.utf8))")
    }
    #expect(Self.request(authorization: " bearer  abc\t", contentType: "").bearerToken == "abc")
    #expect(Self.request(authorization: "", contentType: " Application/Json ; charset=utf-8").declaresJSON)
  }

  /// JSON is UTF-8: another declared charset is not JSON (a `latin1` body was read as UTF-8).
  /// A PATCH may say `application/merge-patch+json`, what its body is; no other method.
  @Test func aCharsetOtherThanUTF8IsNotJSONAndAPatchMayBeAMergePatch() {
    for (value, json) in [
      ("application/json; charset=latin1", false), ("application/json;charset=\"UTF-8\"", true),
      ("application/json; charset=UTF8", true), ("application/json; charset=", false),
      ("application/json; version=2", true), ("application/merge-patch+json", false),
    ] {
      #expect(Self.request(authorization: "", contentType: value).declaresJSON == json, "\(value)")
    }
    let patch = HTTPRequest(
      method: "PATCH", path: "/api/v1/cases/TEC-000001", headers: ["Content-Type": "application/merge-patch+json"], body: [])
    #expect(patch.declaresJSON)
  }
}
