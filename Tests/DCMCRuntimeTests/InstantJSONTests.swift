import DCMCCalendar
import DCMCJSON
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Times in the store's JSON: the fast UTC form is `Instant.description`, reads back, and
/// any offset is read.
@Suite struct InstantJSONTests {
  static let edges: [Instant] = [
    Instant.supported.lowerBound, Instant.supported.upperBound, Instant(secondsSinceEpoch: 0),
    Instant(secondsSinceEpoch: -1), Instant(secondsSinceEpoch: 951_782_400),  // 2000-02-29
    Instant(secondsSinceEpoch: 1_772_442_000),
  ]

  @Test func everyInstantIsWrittenAsItsDescriptionAndReadBack() throws {
    var generator = SeededGenerator(seed: 13)
    let range = Instant.supported.lowerBound.secondsSinceEpoch...Instant.supported.upperBound.secondsSinceEpoch
    let random = (0..<10_000).map { _ in Instant(secondsSinceEpoch: Int.random(in: range, using: &generator)) }
    for instant in Self.edges + random {
      #expect(instant.json.compact() == JSONValue.string(instant.description).compact())
      #expect(try Instant(json: instant.json) == instant)
    }
  }

  @Test func aTimeWithAnOffsetReadsAsItsInstant() throws {
    #expect(try Instant(json: .string("2026-03-02T09:00:00+01:00")) == Instant(json: .string("2026-03-02T08:00:00Z")))
    #expect(try Instant(json: .string("2026-03-02T08:00Z")) == Instant(secondsSinceEpoch: 1_772_438_400))
  }
}
