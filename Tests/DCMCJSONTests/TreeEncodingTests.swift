import DCMCJSON
import Testing

/// The Encodable bridge to `JSONValue` that the bundle is sealed with (it is loaded by
/// hand: `BundleLoadTests`).
@Suite struct TreeEncodingTests {
  struct Sample: Encodable, Equatable {
    var name: String
    var count: Int
    var ratio: Double
    var flag: Bool
    var missing: String?
    var tags: [String]
    var nested: [String: [Int]]
    var big: Int64
  }

  /// A conformance written by hand with nested containers, as some types do.
  struct Manual: Encodable, Equatable {
    var x: Int
    var y: [String]
    enum Keys: String, CodingKey { case point, list }
    enum Inner: String, CodingKey { case x }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: Keys.self)
      var point = container.nestedContainer(keyedBy: Inner.self, forKey: .point)
      try point.encode(x, forKey: .x)
      var list = container.nestedUnkeyedContainer(forKey: .list)
      for item in y { try list.encode(item) }
    }
  }

  @Test func valuesEncodeWithSortedKeysAndNilLeftOut() throws {
    let sample = Sample(
      name: "a\"b", count: -3, ratio: 0.25, flag: true, missing: nil, tags: ["x", "y"], nested: ["b": [1], "a": []],
      big: 9_007_199_254_740_993)
    let json = try JSONValue.encode(sample)
    #expect(
      String(decoding: json.compact(), as: UTF8.self)
        == #"{"big":9007199254740993,"count":-3,"flag":true,"name":"a\"b","nested":{"a":[],"b":[1]},"ratio":0.25,"tags":["x","y"]}"#
    )
    #expect(try JSONValue.parse(json.compact(), limits: .init(maxBytes: 1 << 20)).compact() == json.compact())
  }

  @Test func nestedContainersEncode() throws {
    let manual = Manual(x: 4, y: ["p", "q"])
    let json = try JSONValue.encode(manual)
    #expect(String(decoding: json.compact(), as: UTF8.self) == #"{"list":["p","q"],"point":{"x":4}}"#)
  }

  @Test func everyNumberEncodesToTheTextTheParserGivesIt() throws {
    let numbers: [UInt64] = [0, 7, UInt64(Int64.max), UInt64.max]
    let json = try JSONValue.encode(numbers)
    #expect(try JSONValue.parse(json.compact(), limits: .init(maxBytes: 1 << 20)).compact() == json.compact())
    let doubles = [0.1, -2.5, 1e-7, 1e300, 3]
    let encoded = try JSONValue.encode(doubles)
    #expect(try JSONValue.parse(encoded.compact(), limits: .init(maxBytes: 1 << 20)).compact() == encoded.compact())
    #expect(String(decoding: encoded.compact(), as: UTF8.self) == "[0.1,-2.5,1e-07,1e+300,3]")
  }

  @Test func aNonFiniteNumberCannotBeEncoded() {
    #expect(throws: EncodingError.self) { try JSONValue.encode([Double.nan]) }
  }
}
