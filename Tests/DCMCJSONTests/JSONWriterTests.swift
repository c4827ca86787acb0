import DCMCJSON
import Testing

/// The canonical text (what a bundle's hash is computed on, and what records are) and the
/// pretty form every JSON output of dcmc is written in.
@Suite struct JSONWriterTests {
  static let limits = JSONValue.Limits(maxBytes: 1 << 20)

  func text(_ value: JSONValue) -> String { String(decoding: value.compact(), as: UTF8.self) }

  func canonical(_ text: String) throws -> String {
    self.text(try JSONValue.parse(Array(text.utf8), limits: Self.limits))
  }

  @Test func keysAreSortedByTheirBytesAndWhitespaceIsDropped() throws {
    #expect(
      try canonical(#" { "b" : 1, "a": [ true, null ], "B": {"z": "x", "Z": ""} } "#)
        == #"{"B":{"Z":"","z":"x"},"a":[true,null],"b":1}"#)
  }

  @Test func keysOfABuiltObjectAreSortedByUTF8NotByUTF16() {
    // U+FF61 is after the surrogates of U+1F600 in UTF-16, before them in UTF-8.
    let value = JSONValue.object([
      ("b", .int(1)), ("😀", .int(8)), ("a", .int(2)), ("B", .int(3)), ("é", .int(4)), ("z", .int(5)),
      ("aa", .int(6)), ("", .int(7)), ("\u{FF61}", .int(9)),
    ])
    #expect(text(value) == #"{"":7,"B":3,"a":2,"aa":6,"b":1,"z":5,"é":4,"｡":9,"😀":8}"#)
    #expect(text(.array([value])) == "[" + text(value) + "]")
  }

  @Test(
    "numbers have one text whatever their form",
    arguments: [
      ("1", "1"), ("1.0", "1"), ("1e2", "100"), ("2.5E+3", "2500"), ("-0", "0"), ("-0.0", "0"), ("4.50", "4.5"),
      ("0.1", "0.1"), ("-3", "-3"), ("123.456", "123.456"), ("1E-7", "1e-07"), ("0.000001", "1e-06"),
      ("1.5e300", "1.5e+300"), ("1e22", "1e+22"), ("9007199254740993", "9007199254740993"),
      ("9223372036854775807", "9223372036854775807"), ("-9223372036854775808", "-9223372036854775808"),
      ("9223372036854775808", "9.223372036854776e+18"), ("12345678901234567890", "1.2345678901234567e+19"),
    ])
  func numbers(literal: String, expected: String) throws {
    #expect(try canonical("[\(literal)]") == "[\(expected)]")
  }

  @Test func integersAndOptionalsHaveConstructors() {
    #expect(
      text(.array([.int(0), .int(-42), .int(Int.max), .int(Int.min), .int(nil)]))
        == "[0,-42,9223372036854775807,-9223372036854775808,null]")
    #expect(text(.array([.string("x"), .string(nil), .string(Optional("y"))])) == #"["x",null,"y"]"#)
    #expect(text(.members(["b": .int(1), "gone": nil, "a": .bool(false)])) == #"{"a":false,"b":1}"#)
  }

  @Test(
    "strings escape quotes, backslashes and control characters only",
    arguments: [
      ("\u{00}", #"\u0000"#), ("\u{01}", #"\u0001"#), ("\u{08}", #"\b"#), ("\u{09}", #"\t"#), ("\u{0A}", #"\n"#),
      ("\u{0B}", #"\u000b"#), ("\u{0C}", #"\f"#), ("\u{0D}", #"\r"#), ("\u{1B}", #"\u001b"#), ("\u{1F}", #"\u001f"#),
      ("\"", #"\""#), ("\\", #"\\"#), ("/", "/"), ("\u{7F}", "\u{7F}"), ("é", "é"), ("😀", "😀"),
      ("\u{2028}", "\u{2028}"), ("\u{FEFF}", "\u{FEFF}"),
    ])
  func escapes(character: String, expected: String) {
    #expect(text(.string("a" + character + "b")) == "\"a" + expected + "b\"")
  }

  @Test func escapesInInputBecomeTheCanonicalOnes() throws {
    #expect(
      try canonical(#"["\u0041\/\"\\\n\t\u0001\u00e9\ud83d\ude00\u001F"]"#)
        == "[\"A/\\\"\\\\\\n\\t\\u0001é😀\\u001f\"]")
  }

  @Test func prettyFormKeepsShortScalarContainersOnOneLine() throws {
    let value = try JSONValue.parse(
      Array(#"{"list":[1,2],"nested":{"a":{"b":"c"}},"empty":[],"none":{},"lists":[[]]}"#.utf8), limits: Self.limits)
    #expect(
      value.prettyText() == """
        {
          "empty": [],
          "list": [1, 2],
          "lists": [
            []
          ],
          "nested": {
            "a": {"b": "c"}
          },
          "none": {}
        }

        """)
    #expect(value.pretty() == Array(value.prettyText().utf8))
  }

  @Test func aOneLineContainerIsAtMostOneHundredBytes() {
    let fits = JSONValue.array([.string(String(repeating: "x", count: 96))])
    #expect(fits.prettyText() == "[\"" + String(repeating: "x", count: 96) + "\"]\n")
    let wide = JSONValue.array([.string(String(repeating: "x", count: 97))])
    #expect(wide.prettyText() == "[\n  \"" + String(repeating: "x", count: 97) + "\"\n]\n")
    // Indentation and the key before a container do not count.
    let nested = JSONValue.object([("key", .object([("k", fits)]))])
    #expect(nested.prettyText().contains("\n    \"k\": [\"x"))
  }

  @Test func scalarsAtTheTopArePrettyOnOneLine() {
    #expect(JSONValue.null.prettyText() == "null\n")
    #expect(JSONValue.string("a\nb").prettyText() == "\"a\\nb\"\n")
    #expect(JSONValue.number("-1.5").compact() == Array("-1.5".utf8))
  }

  @Test func settingAndRemovingKeysKeepTheRest() {
    let value = JSONValue.object([("b", .int(1)), ("a", .int(2))])
    #expect(text(value.setting("hash", to: .string("h"))) == #"{"a":2,"b":1,"hash":"h"}"#)
    #expect(text(value.setting("b", to: .null)) == #"{"a":2,"b":null}"#)
    #expect(text(value.removing("b")) == #"{"a":2}"#)
    #expect(value["a"].map(text) == "2")
    #expect(value["c"] == nil)
  }
}
