/// The rule of a TZif file's footer (RFC 8536 section 3.3, POSIX `TZ` syntax), which gives
/// the offsets after the file's last listed transition: `CET-1CEST,M3.5.0,M10.5.0/3`,
/// `EST5EDT,M3.2.0,M11.1.0`, `IST-5:30`.
struct PosixTimeZoneRule: Sendable, Hashable {
  /// Standard time's abbreviation (`CET`; `+0530` for `<+0530>`).
  var standardName: String
  /// Standard time's offset, in seconds east of UTC.
  var standardOffset: Int
  /// Daylight saving time, when the zone has it.
  var daylight: Daylight?

  struct Daylight: Sendable, Hashable {
    /// Its abbreviation (`CEST`).
    var name: String
    /// Seconds east of UTC.
    var offset: Int
    var start: Change
    var end: Change
  }

  /// When, in a year, daylight saving time starts or ends: a day and a local time (in the
  /// offset in force before the change), seconds after that day's midnight, which may be
  /// negative or past 24 hours (RFC 8536 allows -167..167 hours).
  struct Change: Sendable, Hashable {
    var day: DayRule
    var time: Int
  }

  enum DayRule: Sendable, Hashable {
    /// `Jn`: day 1...365, 29 February never counted.
    case julian(Int)
    /// `n`: day 0...365, 29 February counted.
    case zeroBased(Int)
    /// `Mm.w.d`: weekday `d` (0 = Sunday) of week `w` (5 = the last) of month `m`.
    case monthWeekDay(month: Int, week: Int, weekday: Int)

    /// The day number (days since 1970-01-01) of this day in `year`.
    func dayNumber(in year: Int) -> Int {
      let january1 = LocalDate(year: year, month: 1, day: 1).dayNumber
      switch self {
      case .julian(let day):
        return january1 + day - 1 + (LocalDate.isLeap(year) && day >= 60 ? 1 : 0)
      case .zeroBased(let day):
        return january1 + day
      case .monthWeekDay(let month, let week, let weekday):
        let first = LocalDate(year: year, month: month, day: 1).dayNumber
        // Our weekdays count from Monday = 0; POSIX's from Sunday = 0.
        let firstWeekday = (LocalDate.weekday(ofDay: first) + 1) % 7
        var day = 1 + (weekday - firstWeekday + 7) % 7 + 7 * (week - 1)
        while day > LocalDate.daysIn(month: month, year: year) { day -= 7 }
        return first + day - 1
      }
    }
  }

  /// The offset in force at `instant` (seconds since the epoch).
  func offset(at instant: Int) -> Int {
    guard let daylight, isDaylight(at: instant) else { return standardOffset }
    return daylight.offset
  }

  /// The abbreviation in force at `instant` (seconds since the epoch).
  func name(at instant: Int) -> String {
    guard let daylight, isDaylight(at: instant) else { return standardName }
    return daylight.name
  }

  /// Whether daylight saving time is in force at `instant`.
  private func isDaylight(at instant: Int) -> Bool {
    guard let daylight else { return false }
    var inDaylight = false
    var latest = Int.min
    for change in changes(around: instant, daylight) where change.at <= instant && change.at > latest {
      latest = change.at
      inDaylight = change.toDaylight
    }
    return inDaylight
  }

  /// The first instant after `instant` at which the offset changes.
  func nextChange(after instant: Int) -> Int? {
    guard let daylight, daylight.offset != standardOffset else { return nil }
    return changes(around: instant, daylight).lazy.map(\.at).filter { $0 > instant }.min()
  }

  /// The changes of the year of `instant` and of the years either side of it.
  private func changes(around instant: Int, _ daylight: Daylight) -> [(at: Int, toDaylight: Bool)] {
    let year = LocalDate(dayNumber: (instant + standardOffset).floorDivided(by: 86_400)).year
    var result: [(at: Int, toDaylight: Bool)] = []
    for candidate in (year - 1)...(year + 1) {
      result.append((changeInstant(daylight.start, in: candidate, offsetBefore: standardOffset), true))
      result.append((changeInstant(daylight.end, in: candidate, offsetBefore: daylight.offset), false))
    }
    return result
  }

  private func changeInstant(_ change: Change, in year: Int, offsetBefore: Int) -> Int {
    change.day.dayNumber(in: year) * 86_400 + change.time - offsetBefore
  }
}

extension PosixTimeZoneRule {
  /// Parses a footer rule; `nil` when it is malformed or empty.
  init?(_ text: String) {
    var scanner = RuleScanner(bytes: Array(text.utf8))
    guard let standardName = scanner.name(), let standard = scanner.offset() else { return nil }
    self.standardName = standardName
    standardOffset = -standard
    daylight = nil
    if scanner.atEnd { return }
    guard let daylightName = scanner.name() else { return nil }
    let daylightOffset = scanner.peekIsComma ? standardOffset + 3600 : scanner.offset().map { -$0 }
    guard let daylightOffset, scanner.skip(","), let start = scanner.change(), scanner.skip(","),
      let end = scanner.change(), scanner.atEnd
    else { return nil }
    daylight = Daylight(name: daylightName, offset: daylightOffset, start: start, end: end)
  }
}

/// A cursor over the bytes of a POSIX `TZ` rule.
private struct RuleScanner {
  var bytes: [UInt8]
  var index = 0

  var atEnd: Bool { index == bytes.count }
  var peekIsComma: Bool { index < bytes.count && bytes[index] == UInt8(ascii: ",") }

  mutating func skip(_ character: Character) -> Bool {
    guard index < bytes.count, bytes[index] == character.asciiValue! else { return false }
    index += 1
    return true
  }

  /// A zone abbreviation: three or more letters, or anything between `<` and `>` (given
  /// without them); `nil` when there is none.
  mutating func name() -> String? {
    if skip("<") {
      let start = index
      while index < bytes.count, bytes[index] != UInt8(ascii: ">") { index += 1 }
      let name = String(decoding: bytes[start..<index], as: UTF8.self)
      return skip(">") ? name : nil
    }
    let start = index
    while index < bytes.count, (bytes[index] | 0x20) >= UInt8(ascii: "a"), (bytes[index] | 0x20) <= UInt8(ascii: "z") {
      index += 1
    }
    return index - start >= 3 ? String(decoding: bytes[start..<index], as: UTF8.self) : nil
  }

  /// `[+-]hh[:mm[:ss]]` in seconds (POSIX sign: west of UTC is positive).
  mutating func offset() -> Int? {
    var sign = 1
    if skip("-") { sign = -1 } else { _ = skip("+") }
    return clock(maxHours: 167).map { $0 * sign }
  }

  /// `Jn`, `n` or `Mm.w.d`, then an optional `/time`.
  mutating func change() -> PosixTimeZoneRule.Change? {
    let day: PosixTimeZoneRule.DayRule
    if skip("M") {
      guard let month = number(), skip("."), let week = number(), skip("."), let weekday = number(),
        (1...12).contains(month), (1...5).contains(week), (0...6).contains(weekday)
      else { return nil }
      day = .monthWeekDay(month: month, week: week, weekday: weekday)
    } else if skip("J") {
      guard let value = number(), (1...365).contains(value) else { return nil }
      day = .julian(value)
    } else {
      guard let value = number(), (0...365).contains(value) else { return nil }
      day = .zeroBased(value)
    }
    var time = 7200
    if skip("/") {
      guard let value = offset() else { return nil }
      time = value
    }
    return PosixTimeZoneRule.Change(day: day, time: time)
  }

  private mutating func clock(maxHours: Int) -> Int? {
    guard let hours = number(), hours <= maxHours else { return nil }
    var seconds = hours * 3600
    if skip(":") {
      guard let minutes = number(), minutes < 60 else { return nil }
      seconds += minutes * 60
      if skip(":") {
        guard let secs = number(), secs < 60 else { return nil }
        seconds += secs
      }
    }
    return seconds
  }

  private mutating func number() -> Int? {
    var value = 0
    let start = index
    while index < bytes.count, index - start < 4, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
      value = value * 10 + Int(bytes[index] - UInt8(ascii: "0"))
      index += 1
    }
    return index == start ? nil : value
  }
}
