import DCMCJSON
import Testing

@testable import DCMCBundle

@Suite struct JSONValueTests {
  func canonical(_ text: String) throws -> String {
    String(decoding: try JSONValue.parse(Array(text.utf8), limits: .init(maxBytes: 1 << 20)).compact(), as: UTF8.self)
  }

  @Test func keysAreSortedByTheirBytesAndWhitespaceIsDropped() throws {
    #expect(
      try canonical(#" { "b" : 1, "a": [ true, null ], "B": {"z": "x", "Z": ""} } "#)
        == #"{"B":{"Z":"","z":"x"},"a":[true,null],"b":1}"#)
  }

  @Test(
    "numbers have one text whatever their form",
    arguments: [
      ("1", "1"), ("1.0", "1"), ("1e2", "100"), ("-0", "0"), ("-0.0", "0"), ("4.50", "4.5"),
      ("0.1", "0.1"),
      ("1E-7", "1e-07"), ("12345678901234567890", "1.2345678901234567e+19"), ("-3", "-3"),
    ])
  func numbers(literal: String, expected: String) throws {
    #expect(try canonical("[\(literal)]") == "[\(expected)]")
  }

  @Test func stringsUseShortEscapesAndKeepOtherCharactersAsUTF8() throws {
    #expect(
      try canonical(#"["\u0041\/\"\\\n\t\u0001\u00e9\ud83d\ude00"]"#)
        == "[\"A/\\\"\\\\\\n\\t\\u0001é😀\"]")
  }

  @Test func prettyFormKeepsShortScalarContainersOnOneLine() throws {
    let value = try JSONValue.parse(
      Array(#"{"list":[1,2],"nested":{"a":{"b":"c"}},"empty":[]}"#.utf8), limits: .init(maxBytes: 1 << 20))
    #expect(
      String(decoding: value.pretty(), as: UTF8.self) == """
        {
          "empty": [],
          "list": [1, 2],
          "nested": {
            "a": {"b": "c"}
          }
        }

        """)
  }

  @Test(
    "invalid JSON is refused at the offending byte",
    arguments: [
      (#"{"a":1,}"#, 7), (#"{"a":1 "b":2}"#, 7), (#"[01]"#, 2), (#"{"a":1,"a":2}"#, 7),
      ("[\"\u{01}\"]", 2),
      (#"["\x"]"#, 3), (#"["\ud800"]"#, 8), ("[1] x", 4), ("nulx", 3), ("[1e999]", 1),
    ])
  func refusals(text: String, offset: Int) {
    #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(text.utf8), limits: .init(maxBytes: 1 << 20)) }
    do {
      _ = try JSONValue.parse(Array(text.utf8), limits: .init(maxBytes: 1 << 20))
    } catch {
      #expect(error.offset == offset, "\(text): \(error.message)")
      #expect(!error.isTruncated)
    }
  }

  @Test func truncationIsReportedAsSuch() {
    for text in [#"{"a":"#, #"{"a":[1,2"#, #"{"a":"unterminated"#, "["] {
      do {
        _ = try JSONValue.parse(Array(text.utf8), limits: .init(maxBytes: 1 << 20))
        Issue.record("'\(text)' parsed")
      } catch {
        #expect(error.isTruncated, "\(text): \(error.message)")
      }
    }
  }

  @Test func invalidUTF8AndDeepNestingAreRefused() {
    #expect(throws: JSONValue.ParseError.self) {
      try JSONValue.parse([0x5B, 0x22, 0xC3, 0x28, 0x22, 0x5D], limits: .init(maxBytes: 1 << 20))
    }
    let deep = String(repeating: "[", count: 300) + String(repeating: "]", count: 300)
    #expect(throws: JSONValue.ParseError.self) { try JSONValue.parse(Array(deep.utf8), limits: .init(maxBytes: 1 << 20)) }
    let fine = String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
    #expect(throws: Never.self) { try JSONValue.parse(Array(fine.utf8), limits: .init(maxBytes: 1 << 20)) }
  }
}
