import Testing

@testable import DCMCCalendar

/// A timestamp is written with its offset to the second, so that what is printed is the
/// instant, and what is printed reads back as the same instant: an offset of a zone's local
/// mean time has seconds (Monrovia `-00:44:30` until 1972, Brussels `+00:17:30` until 1880).
@Suite struct TimestampTests {
  /// 1970-06-01T10:44:30Z, one hour after 09:00 local time in Monrovia.
  static let monrovia = Instant(secondsSinceEpoch: LocalDate(year: 1970, month: 6, day: 1).dayNumber * 86_400 + 38_670)

  @Test func anOffsetWithSecondsIsWrittenWithThem() {
    #expect(Timestamp(Self.monrovia, utcOffset: -2670).description == "1970-06-01T10:00:00-00:44:30")
    #expect(Timestamp.offsetText(1050) == "+00:17:30")
    #expect(Timestamp.offsetText(-14_400) == "-04:00")
    #expect(Timestamp.offsetText(19_800) == "+05:30")
    #expect(ZonedTime.offsetName(-2670) == "UTC-00:44:30")
  }

  @Test(arguments: [0, 3600, -14_400, 19_800, -2670, 1050, 50_400, -36_000 - 59])
  func whatIsWrittenReadsBackAsTheSameInstant(offset: Int) throws {
    let written = Timestamp(Self.monrovia, utcOffset: offset).description
    let read = try #require(Timestamp(written), "\(written)")
    #expect(read.instant == Self.monrovia)
    #expect(read.utcOffset == offset)
    #expect(read.description == written)
  }

  @Test(
    "an offset's seconds are two digits under 60 after a colon",
    arguments: ["+00:44:60", "+00:44:3", "+00:44:300", "+00:4430", "+00:44:", "-00:44-30", "+0044:30"])
  func aMalformedOffsetIsRefused(offset: String) {
    #expect(Timestamp("1970-06-01T10:00:00" + offset) == nil)
  }
}
