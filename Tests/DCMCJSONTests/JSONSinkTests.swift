import DCMCJSON
import Testing

/// The two sinks against the tree writer: a value written member by member (keys in their
/// UTF-8 order, as the runtime's states and events write theirs) comes out of `JSONBytes` as
/// the tree's `compact()`, and out of `JSONTree` as the same tree; members merged into an
/// object land where their keys fall.
@Suite struct JSONSinkTests {
  typealias Generator = JSONWriterOracleTests.Generator

  /// Writes `value` to `sink`, objects' keys in UTF-8 order; at the top, `merged` of its
  /// members (chosen by the generator) are handed to `openObject(merging:)` instead.
  static func replay<Sink: JSONSink>(_ value: JSONValue, to sink: inout Sink, merging generator: inout Generator?) {
    switch value {
    case .null: sink.null()
    case .bool(let flag): sink.bool(flag)
    case .number(let text):
      if let integer = Int(text) { sink.int(integer) } else { sink.value(value) }
    case .string(let text):
      // Every other string goes in as bytes.
      if text.utf8.count % 2 == 0 {
        var text = text
        text.withUTF8 { sink.string(utf8: $0) }
      } else {
        sink.string(text)
      }
    case .array(let items):
      sink.openArray()
      var none: Generator? = nil
      for item in items { replay(item, to: &sink, merging: &none) }
      sink.closeArray()
    case .object(let entries):
      let sorted = entries.sorted { JSONValue.precedes($0.key, $1.key) }
      var merged: [(key: String, value: JSONValue)] = []
      var own: [(key: String, value: JSONValue)] = []
      for entry in sorted {
        if generator?.next(3) == 0 { merged.append(entry) } else { own.append(entry) }
      }
      sink.openObject(merging: merged)
      var none: Generator? = nil
      for entry in own {
        sink.key(entry.key)
        replay(entry.value, to: &sink, merging: &none)
      }
      sink.closeObject()
    }
  }

  @Test(arguments: 0..<40)
  func theSinksWriteWhatTheTreeWriterWrites(seed: Int) {
    var generator = Generator(state: UInt64(seed) &+ 1_000)
    for _ in 0..<25 {
      let value = JSONWriterOracleTests.value(&generator, depth: 0)
      var merging: Generator? = Generator(state: UInt64(seed))
      let bytes = JSONBytes.written { Self.replay(value, to: &$0, merging: &merging) }.bytes
      #expect(bytes == value.compact(), "seed \(seed)")
      merging = Generator(state: UInt64(seed))
      let tree = JSONTree.written { Self.replay(value, to: &$0, merging: &merging) }.value
      #expect(tree.compact() == value.compact(), "seed \(seed)")
      // The tree holds the members in the order written, merged ones in their places.
      if case .object(let members) = tree {
        #expect(zip(members, members.dropFirst()).allSatisfy { JSONValue.precedes($0.key, $1.key) }, "seed \(seed)")
      }
    }
  }

  @Test func anIntegerIsWrittenAsItsDecimalDigits() {
    for number in [0, 1, -1, 9, 10, -10, 1_234_567, Int.max, Int.min, Int.min + 1] {
      #expect(JSONBytes.written { $0.int(number) }.bytes == Array(String(number).utf8))
      #expect(JSONTree.written { $0.int(number) }.value.compact() == Array(String(number).utf8))
    }
  }

  @Test func mergedMembersGoWhereTheirKeysFallAndAfterTheLast() {
    let merged: [(key: String, value: JSONValue)] = [("a", .int(1)), ("c", .string("x")), ("z", .null)]
    func write<Sink: JSONSink>(_ sink: inout Sink) {
      sink.openObject(merging: merged)
      sink.key("b")
      sink.openObject(merging: [("k", .bool(true))])
      sink.key("c")
      sink.int(2)
      sink.closeObject()
      sink.key("d")
      sink.openArray()
      sink.openObject()
      sink.closeObject()
      sink.closeArray()
      sink.closeObject()
    }
    let expected = #"{"a":1,"b":{"c":2,"k":true},"c":"x","d":[{}],"z":null}"#
    #expect(String(decoding: JSONBytes.written(write).bytes, as: UTF8.self) == expected)
    #expect(String(decoding: JSONTree.written(write).value.compact(), as: UTF8.self) == expected)
    let empty = JSONBytes.written { $0.openObject(merging: [("only", .int(3))]); $0.closeObject() }.bytes
    #expect(String(decoding: empty, as: UTF8.self) == #"{"only":3}"#)
  }

  /// A sink and the pretty form start with room for a record, so writing one does not grow
  /// the buffer member by member (`JSONBytes.initialCapacity`).
  @Test func aSinkStartsWithRoomForARecord() {
    #expect(JSONBytes().bytes.capacity >= JSONBytes.initialCapacity)
    #expect(JSONValue.object([("a", .int(1))]).pretty().capacity >= JSONBytes.initialCapacity)
  }
}
