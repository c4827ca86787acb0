import DCMCCalendar

/// Builds calendars and instants from the notation analysts write, so tests read like the
/// YAML: `calendar("Europe/Brussels", ["mon-fri": "09:00-17:00"], holidays: ["2026-12-25"])`.
enum CalendarFixture {
  static let dayNames = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  static func calendar(
    _ zone: String, _ hours: [String: String], holidays: [String] = [], overrides: [String: String] = [:],
    dayLength: Int? = nil
  ) throws -> BusinessCalendar {
    var week = [[BusinessCalendar.Window]](repeating: [], count: 7)
    for (key, text) in hours {
      for day in days(key) { week[day] = windows(text) }
    }
    guard let rules = TimeZoneDatabase.rules(named: zone) else { throw FixtureError.unknownZone(zone) }
    return try BusinessCalendar(
      id: "test", zone: rules, week: week, holidays: holidays.map { LocalDate($0)! },
      overrides: overrides.map { (LocalDate($0.key)!, $0.value == "closed" ? [] : windows($0.value)) },
      dayLength: dayLength)
  }

  /// `mon-fri`, `sat`, `mon,wed` as weekday indices (0 = Monday).
  static func days(_ key: String) -> [Int] {
    key.split(separator: ",").flatMap { part -> [Int] in
      let bounds = part.split(separator: "-").map { dayNames.firstIndex(of: String($0))! }
      return Array(bounds[0]...bounds[bounds.count - 1])
    }
  }

  /// `"08:00-12:30, 13:30-18:00"`.
  static func windows(_ text: String) -> [BusinessCalendar.Window] {
    text.split(separator: ",").map { part in
      let ends = part.split(separator: "-").map { $0.trimmingPrefix(" ") }
      return try! BusinessCalendar.Window(startMinute: minutes(ends[0]), endMinute: minutes(ends[1]))
    }
  }

  static func minutes(_ text: some StringProtocol) -> Int {
    let parts = text.split(separator: ":").map { Int($0)! }
    return parts[0] * 60 + parts[1]
  }

  static func instant(_ text: String) -> Instant { Timestamp(text)!.instant }

  /// An instant written at the calendar's offset then, as `dcmc calendar due` prints it.
  static func local(_ instant: Instant, _ calendar: BusinessCalendar) -> String {
    Timestamp(instant, utcOffset: calendar.zone.offset(at: instant)).description
  }

  enum FixtureError: Error { case unknownZone(String) }
}

extension Substring {
  func trimmingPrefix(_ character: Character) -> Substring {
    var slice = self
    while slice.first == character { slice = slice.dropFirst() }
    return slice
  }
}

let hour = 3600
let minute = 60
