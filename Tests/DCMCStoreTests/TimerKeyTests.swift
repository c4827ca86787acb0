import DCMCApplication
import DCMCCalendar
import Testing
import _DCMCTestSupport

@testable import DCMCStore

/// The timer index files a case under the UTC minute of its next timer, computed by
/// arithmetic on the instant: it must be the minute its UTC timestamp shows.
struct TimerKeyTests {
  static func expected(_ instant: Instant) -> [String] {
    let digits = Timestamp(instant, utcOffset: 0).description.filter(\.isNumber)  // 20260303120000
    return [String(digits.prefix(8)), String(digits.dropFirst(8).prefix(4))]
  }

  @Test func theKeyIsTheUTCMinuteOfTheInstant() {
    var generator = SeededGenerator(seed: 7)
    let edges = [0, -1, 59, 60, 86_399, 86_400, -86_400, -86_401, 951_782_400 /* 2000-02-29 */, 253_402_300_799]
    let random = (0..<5_000).map { _ in Int.random(in: -2_000_000_000...4_000_000_000, using: &generator) }
    for seconds in edges + random {
      let instant = Instant(secondsSinceEpoch: seconds)
      #expect(FileCaseRepository.timerKey(instant).map(\.rawValue) == Self.expected(instant), "\(seconds)")
    }
  }
}
