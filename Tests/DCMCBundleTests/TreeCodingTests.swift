import Testing

@testable import DCMCBundle

/// The Codable bridge to `CanonicalJSON` that the bundle is sealed and loaded with.
@Suite struct TreeCodingTests {
  struct Sample: Codable, Equatable {
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
  struct Manual: Codable, Equatable {
    var x: Int
    var y: [String]
    enum Keys: String, CodingKey { case point, list }
    enum Inner: String, CodingKey { case x }

    init(x: Int, y: [String]) {
      self.x = x
      self.y = y
    }

    init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: Keys.self)
      x = try container.nestedContainer(keyedBy: Inner.self, forKey: .point).decode(Int.self, forKey: .x)
      var list = try container.nestedUnkeyedContainer(forKey: .list)
      y = []
      while !list.isAtEnd { y.append(try list.decode(String.self)) }
    }

    func encode(to encoder: any Encoder) throws {
      var container = encoder.container(keyedBy: Keys.self)
      var point = container.nestedContainer(keyedBy: Inner.self, forKey: .point)
      try point.encode(x, forKey: .x)
      var list = container.nestedUnkeyedContainer(forKey: .list)
      for item in y { try list.encode(item) }
    }
  }

  @Test func valuesRoundTripWithSortedKeysAndNilLeftOut() throws {
    let sample = Sample(
      name: "a\"b", count: -3, ratio: 0.25, flag: true, missing: nil, tags: ["x", "y"], nested: ["b": [1], "a": []],
      big: 9_007_199_254_740_993)
    let json = try CanonicalJSON.encode(sample)
    #expect(
      String(decoding: json.compact(), as: UTF8.self)
        == #"{"big":9007199254740993,"count":-3,"flag":true,"name":"a\"b","nested":{"a":[],"b":[1]},"ratio":0.25,"tags":["x","y"]}"#
    )
    #expect(try json.decode(Sample.self) == sample)
    #expect(try json.decode(Sample.self, tracksPath: false) == sample)
    #expect(try CanonicalJSON.parse(json.compact()).decode(Sample.self) == sample)
  }

  @Test func nestedContainersRoundTrip() throws {
    let manual = Manual(x: 4, y: ["p", "q"])
    let json = try CanonicalJSON.encode(manual)
    #expect(String(decoding: json.compact(), as: UTF8.self) == #"{"list":["p","q"],"point":{"x":4}}"#)
    #expect(try json.decode(Manual.self) == manual)
  }

  @Test func decodingFailuresSayWhereOnlyWhenPathsAreTracked() throws {
    let json = try CanonicalJSON.parse(Array(#"{"list":["p",7],"point":{"x":4}}"#.utf8))
    do {
      _ = try json.decode(Manual.self)
      Issue.record("decoded a number as a string")
    } catch let DecodingError.typeMismatch(_, context) {
      #expect(context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue } == ["list", "1"])
    }
    #expect(throws: DecodingError.self) { try json.decode(Manual.self, tracksPath: false) }
  }

  @Test func everyNumberEncodesToTheTextTheParserGivesIt() throws {
    let numbers: [UInt64] = [0, 7, UInt64(Int64.max), UInt64.max]
    let json = try CanonicalJSON.encode(numbers)
    #expect(try CanonicalJSON.parse(json.compact()).compact() == json.compact())
    let doubles = [0.1, -2.5, 1e-7, 1e300, 3]
    let encoded = try CanonicalJSON.encode(doubles)
    #expect(try CanonicalJSON.parse(encoded.compact()).compact() == encoded.compact())
    #expect(String(decoding: encoded.compact(), as: UTF8.self) == "[0.1,-2.5,1e-07,1e+300,3]")
  }

  @Test func aNonFiniteNumberCannotBeEncoded() {
    #expect(throws: EncodingError.self) { try CanonicalJSON.encode([Double.nan]) }
  }
}
