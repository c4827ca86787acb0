import DCMCCalendar
import DCMCDiagnostics
import DCMCModel
import DCMCSyntax

extension ShapeReader {
  static let calendarKeys = DefinitionKeys.common + ["timezone", "hours", "holidays", "overrides", "day"]
  static let weekdays = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]

  /// The calendar, or `nil` when a part that defines its open time (`timezone`, `hours`,
  /// `day`) failed its check: a week with a window left out would give wrong day lengths and
  /// a false DC6006, so the calendar is dropped (and its id kept in `brokenIDs`) once every
  /// part has been checked.
  mutating func calendar(_ view: MappingView, header: DefinitionHeader) -> CalendarDefinition? {
    let timeZone = string(view, "timezone", required: true)
    var week = [[TimeWindow]](repeating: [], count: 7)
    var dayKeyRanges = [SourceRange?](repeating: nil, count: 7)
    var hoursRead = false
    if let hoursNode = required(view, "hours"),
      let hours = mapping(hoursNode, allowed: Self.dayKeyCandidates, subject: "'hours'", checkKeys: false)
    {
      hoursRead = true
      for entry in hours.entries {
        guard let days = weekdays(in: entry),
          let windowText = string(entry.value, for: "the hours of '\(entry.key)'"),
          let windows = timeWindows(windowText)
        else {
          hoursRead = false
          continue
        }
        for day in days {
          if let first = dayKeyRanges[day] {
            report(
              Diagnostic(
                .duplicateDay, "'\(Self.weekdays[day])' is given hours twice in \(view.subject)", at: entry.keyRange,
                notes: [Note("first given here", at: first)]))
            continue
          }
          dayKeyRanges[day] = entry.keyRange
          week[day] = windows
        }
      }
    }
    var holidays: [Located<LocalDate>] = []
    if let node = view.value("holidays"), let items = list(node, for: "'holidays'") {
      holidays = withoutRepeats(
        each(items) { $0.localDate($1, for: "a holiday") }, key: { $0 }, code: .duplicateHoliday
      ) {
        "holiday \($0.value) is listed twice"
      }
    }
    var overrides: [(date: Located<LocalDate>, windows: [TimeWindow])] = []
    if let node = view.value("overrides"),
      let map = mapping(node, allowed: [], subject: "'overrides'", checkKeys: false)
    {
      for entry in map.entries {
        guard let date = localDate(text: Located(entry.key, at: entry.keyRange), for: "an override") else { continue }
        guard let text = string(entry.value, for: "the override of \(entry.key)") else { continue }
        if text.value == "closed" {
          overrides.append((date, []))
        } else if let windows = timeWindows(text) {
          overrides.append((date, windows))
        }
      }
    }
    var day: Located<Duration>?
    var dayRead = true
    if let node = view.value("day") {
      dayRead = false
      if let length = duration(node, for: "'day'") {
        if length.value.days != 0 || length.value.seconds > 86_400 {
          report(
            Diagnostic(
              .invalidDuration, "the length of a day must be given in hours and minutes, at most 24h",
              at: length.range))
        } else {
          day = length
          dayRead = true
        }
      }
    }
    checkOverlaps(days: week, isWeek: true)
    for override in overrides { checkOverlaps(days: [override.windows], isWeek: false) }
    checkOverrideNeighbours(overrides, week: week, holidays: holidays)
    guard hoursRead, let hoursNode = view.value("hours") else { return nil }
    if week.allSatisfy(\.isEmpty) {
      report(
        Diagnostic(
          .calendarNeverOpen, "\(view.subject) has no open time in its week", at: hoursNode.range,
          help: "give at least one day open hours, like 'mon-fri: \"09:00-17:00\"'"))
    }
    guard let timeZone, dayRead else { return nil }
    return CalendarDefinition(
      header: header, timeZone: timeZone, week: week, holidays: holidays, overrides: overrides, day: day)
  }

  static let dayKeyCandidates = weekdays + ["mon-fri", "mon-sat", "sat-sun"]

  /// The weekdays (0 = Monday) a key of `hours` names: `mon`, `mon-fri`, `mon,wed,fri`.
  mutating func weekdays(in entry: MappingEntry) -> [Int]? {
    var days: [Int] = []
    for part in entry.key.split(separator: ",", omittingEmptySubsequences: false) {
      let piece = String(part.trimming { $0 == " " })
      let bounds = piece.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
      let indices = bounds.map { Self.weekdays.firstIndex(of: $0.lowercased()) }
      if indices.contains(nil) || bounds.count > 2 || (bounds.count == 2 && indices[0]! > indices[1]!) {
        // A range that wraps the week (`fri-mon`) names real days: say how to write it.
        var help = "a day key is 'mon' .. 'sun', a range like 'mon-fri', or a list like 'mon,wed'"
        if bounds.count == 2, let first = indices[0], let last = indices[1] {
          let upToSunday = first == 6 ? "sun" : "\(bounds[0])-sun"
          let fromMonday = last == 0 ? "mon" : "mon-\(bounds[1])"
          help = "a range runs forward from Monday to Sunday: write '\(upToSunday),\(fromMonday)' for '\(piece)'"
        }
        var diagnostic = Diagnostic(
          .invalidDayKey, "invalid day '\(piece.prefix(20))' in 'hours'", at: entry.keyRange, help: help)
        if bounds.count == 1, let close = Suggestion.closest(to: piece, in: Self.weekdays) {
          // A fix-it only when the key is this one day: a list or range keeps its other days.
          diagnostic = diagnostic.suggesting(
            "day", close, declaredAt: nil, replacing: piece == entry.key ? entry.keyRange : nil)
        }
        report(diagnostic)
        return nil
      }
      days += bounds.count == 2 ? Array(indices[0]!...indices[1]!) : [indices[0]!]
    }
    return days
  }

  /// `"09:00-12:00, 13:00-17:00"` as windows; DC6002 or DC6004 otherwise.
  mutating func timeWindows(_ text: Located<String>) -> [TimeWindow]? {
    var windows: [TimeWindow] = []
    for part in text.value.split(separator: ",", omittingEmptySubsequences: false) {
      let piece = String(part.trimming { $0 == " " })
      let ends = piece.split(separator: "-", omittingEmptySubsequences: false)
      guard ends.count == 2, let start = Self.minuteOfDay(ends[0], allowEndOfDay: false),
        let end = Self.minuteOfDay(ends[1], allowEndOfDay: true)
      else {
        report(
          Diagnostic(
            .invalidTimeWindow, "invalid time window '\(piece.prefix(40))'", at: text.range,
            help: "write windows as 'HH:MM-HH:MM', several separated by commas, like \"08:00-12:00, 13:00-17:00\""))
        return nil
      }
      if BusinessCalendar.Window.isEmpty(startMinute: start, endMinute: end) {
        report(
          Diagnostic(
            .emptyWindow, "time window '\(piece)' is empty", at: text.range,
            help: "for a whole day write '00:00-24:00'"))
        return nil
      }
      windows.append(TimeWindow(start: start, end: end, range: text.range))
    }
    return windows
  }

  /// `HH:MM` as minutes after midnight; `24:00` only as an end.
  static func minuteOfDay(_ text: some StringProtocol, allowEndOfDay: Bool) -> Int? {
    let bytes = Array(text.utf8)
    guard bytes.count == 5, bytes[2] == UInt8(ascii: ":"),
      bytes.enumerated().allSatisfy({ $0.offset == 2 || (48...57).contains($0.element) })
    else { return nil }
    let hour = Int(bytes[0] - 48) * 10 + Int(bytes[1] - 48)
    let minute = Int(bytes[3] - 48) * 10 + Int(bytes[4] - 48)
    if hour == 24 && minute == 0 && allowEndOfDay { return 1440 }
    guard hour < 24, minute < 60 else { return nil }
    return hour * 60 + minute
  }

  /// Windows that overlap on one day, or an overnight window that runs into the next
  /// day's first window (in a week, Sunday's runs into Monday's). A pair written once for
  /// several days (`mon-fri`) is reported once.
  mutating func checkOverlaps(days week: [[TimeWindow]], isWeek: Bool) {
    var reported: Set<[SourceRange]> = []
    for day in week.indices {
      // Minute intervals on a 2-day line: this day's windows, the next day's shifted by 1440.
      let today = week[day].map { ($0, $0.start, $0.isOvernight ? $0.end + 1440 : $0.end) }
      let sorted = today.sorted { $0.1 < $1.1 }
      var pairs: [(TimeWindow, TimeWindow)] = []
      for (a, b) in zip(sorted, sorted.dropFirst()) where b.1 < a.2 {
        pairs.append((b.0, a.0))
      }
      let nextDay = isWeek ? week[(day + 1) % week.count] : week.indices.contains(day + 1) ? week[day + 1] : []
      pairs += Self.spills(from: week[day], into: nextDay)
      reportOverlaps(pairs, reported: &reported)
    }
  }

  /// An override's day beside the days around it, as the calendar reads them (an override,
  /// else a holiday's no windows, else the weekday's hours): the day before's overnight window
  /// running into the override's first, and the override's into the next day's (audit38 L2:
  /// an override could overlap Monday's `22:00-06:00`, which the week's own hours may not).
  mutating func checkOverrideNeighbours(
    _ overrides: [(date: Located<LocalDate>, windows: [TimeWindow])], week: [[TimeWindow]],
    holidays: [Located<LocalDate>]
  ) {
    let special = Dictionary(overrides.map { ($0.date.value.dayNumber, $0.windows) }) { first, _ in first }
    let closed = Set(holidays.map(\.value.dayNumber))
    func windows(of day: Int) -> [TimeWindow] {
      special[day] ?? (closed.contains(day) ? [] : week[LocalDate.weekday(ofDay: day)])
    }
    var reported: Set<[SourceRange]> = []
    for override in overrides {
      let day = override.date.value.dayNumber
      var pairs = Self.spills(from: windows(of: day - 1), into: override.windows)
      // At the override's window; a next day overridden too is checked as that day's before.
      if special[day + 1] == nil {
        pairs += Self.spills(from: override.windows, into: windows(of: day + 1)).map { ($0.1, $0.0) }
      }
      reportOverlaps(pairs, reported: &reported)
    }
  }

  /// Each window of `next` that an overnight window of the day before runs into, with it.
  static func spills(from day: [TimeWindow], into next: [TimeWindow]) -> [(TimeWindow, TimeWindow)] {
    day.filter(\.isOvernight).flatMap { window in
      next.filter { $0.start < window.end }.map { ($0, window) }
    }
  }

  /// DC6003 for each pair not reported yet: at the first window, a note at the other.
  mutating func reportOverlaps(_ pairs: [(TimeWindow, TimeWindow)], reported: inout Set<[SourceRange]>) {
    for (window, other) in pairs where reported.insert([window.range, other.range]).inserted {
      report(
        Diagnostic(
          .overlappingWindows, "time windows \(other.text) and \(window.text) overlap", at: window.range,
          notes: window.range == other.range ? [] : [Note("the other window is here", at: other.range)]))
    }
  }

  mutating func localDate(_ node: Node, for what: @autoclosure () -> String) -> Located<LocalDate>? {
    guard let text = string(node, for: what()) else { return nil }
    return localDate(text: text, for: what())
  }

  mutating func localDate(text: Located<String>, for what: @autoclosure () -> String) -> Located<LocalDate>? {
    if let date = LocalDate(text.value) { return Located(date, at: text.range) }
    report(
      Diagnostic(
        .invalidDate, "invalid date '\(text.value.prefix(40))' for \(what())", at: text.range,
        help: "write a date as YYYY-MM-DD, a real day of a real month"))
    return nil
  }
}
