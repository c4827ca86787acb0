import DCMCJSON
import Testing

/// The parser's limits: input larger or nested deeper than its caller allows is refused
/// with a message naming the limit, before the parser recurses or reads past it.
@Suite struct JSONLimitsTests {
  static func refusal(_ text: String, _ limits: JSONValue.Limits) -> JSONValue.ParseError? {
    do {
      _ = try JSONValue.parse(Array(text.utf8), limits: limits)
      return nil
    } catch {
      return error
    }
  }

  static func nested(_ depth: Int, open: String = "[", close: String = "]", inside: String = "") -> String {
    String(repeating: open, count: depth) + inside + String(repeating: close, count: depth)
  }

  @Test func inputUpToTheSizeLimitIsReadAndOneByteMoreIsRefused() {
    let limits = JSONValue.Limits(maxBytes: 10)
    #expect(Self.refusal(#"["abcdef"]"#, limits) == nil)
    let error = Self.refusal(#"["abcdefg"]"#, limits)
    #expect(error?.message == "the input of 11 bytes is larger than the limit of 10 bytes")
    #expect(error?.offset == 10)
    #expect(error?.isTruncated == false)
    // Whitespace counts: the limit is on the bytes read, not on the value.
    #expect(Self.refusal(#" ["abcdef"]"#, limits) != nil)
  }

  @Test(arguments: [1, 2, 5, 128])
  func nestingUpToTheDepthLimitIsReadAndOneLevelMoreIsRefused(depth: Int) {
    let limits = JSONValue.Limits(maxBytes: 1 << 20, maxDepth: depth)
    #expect(Self.refusal(Self.nested(depth, inside: "1"), limits) == nil)
    #expect(Self.refusal(Self.nested(depth, open: #"{"a":"#, close: "}", inside: "1"), limits) == nil)
    let error = Self.refusal(Self.nested(depth + 1), limits)
    #expect(error?.message == "nesting is deeper than the limit of \(depth) levels")
    #expect(error?.offset == depth)
    let objects = Self.refusal(Self.nested(depth + 1, open: #"{"a":"#, close: "}"), limits)
    #expect(objects?.message == "nesting is deeper than the limit of \(depth) levels")
    #expect(objects?.offset == depth * 5)
  }

  @Test func theDefaultDepthIs128AndCountsArraysAndObjectsAlike() {
    #expect(JSONValue.Limits(maxBytes: 1).maxDepth == 128)
    let mixed = String(repeating: #"[{"k":"#, count: 64) + "null" + String(repeating: "}]", count: 64)
    #expect(Self.refusal(mixed, JSONValue.Limits(maxBytes: 1 << 20)) == nil)
    #expect(Self.refusal("[" + mixed + "]", JSONValue.Limits(maxBytes: 1 << 20)) != nil)
    // Scalars add no level: a string at depth 128 is fine.
    #expect(Self.refusal(Self.nested(128, inside: #""s""#), JSONValue.Limits(maxBytes: 1 << 20)) == nil)
  }

  /// A megabyte of `[` stops at the first bracket past the limit: the parser never
  /// recurses further, so the stack cannot overflow and the rest is never read.
  @Test func aMegabyteOfOpenBracketsIsRefusedAtTheDepthLimit() {
    let brackets = String(repeating: "[", count: 1 << 20)
    let deep = Self.refusal(brackets, JSONValue.Limits(maxBytes: 2 << 20))
    #expect(deep?.message == "nesting is deeper than the limit of 128 levels")
    #expect(deep?.offset == 128)
    let large = Self.refusal(brackets, JSONValue.Limits(maxBytes: 1 << 19))
    #expect(large?.message == "the input of 1048576 bytes is larger than the limit of 524288 bytes")
    let objects = String(repeating: #"{"a":"#, count: 1 << 18)
    #expect(Self.refusal(objects, JSONValue.Limits(maxBytes: 2 << 20))?.offset == 128 * 5)
  }
}
