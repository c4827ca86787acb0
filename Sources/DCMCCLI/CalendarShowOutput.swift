import DCMCCalendar
import DCMCJSON
import DCMCModel

/// How `dcmc calendar show` prints a calendar's days.
enum CalendarShowOutput {
  /// One line a day: the date, its windows, the real open time, and notes.
  ///
  /// ```
  /// office_brussels (Europe/Brussels), 1d = 8h
  /// Thu 2026-12-24  09:00-12:00  3h  override
  /// Fri 2026-12-25  closed           holiday
  /// ```
  static func text(_ days: [BusinessCalendar.DaySchedule], _ calendar: BusinessCalendar) -> String {
    let rows = days.map { day in
      (
        "\(day.date.weekdayName) \(day.date)", windowsText(day.windows),
        // A closed day says so in its windows; a day with windows always shows its open time,
        // `0m` when its windows fall into a clock change's gap or on a date the zone skips.
        day.windows.isEmpty ? "" : Duration(seconds: day.openSeconds).description, notes(day)
      )
    }
    let windowWidth = rows.map(\.1.count).max() ?? 0
    let openWidth = rows.map(\.2.count).max() ?? 0
    var text = "\(calendar.id) (\(calendar.zone.name)), 1d = \(Duration(seconds: calendar.dayLength))\n"
    for row in rows {
      var line = row.0 + "  " + row.1 + String(repeating: " ", count: windowWidth - row.1.count)
      if openWidth > 0 { line += "  " + String(repeating: " ", count: openWidth - row.2.count) + row.2 }
      if !row.3.isEmpty { line += "  " + row.3 }
      text += line.trailingSpacesRemoved + "\n"
    }
    return text
  }

  static func json(_ days: [BusinessCalendar.DaySchedule], _ calendar: BusinessCalendar) -> String {
    JSONValue.object([
      ("calendar", .string(calendar.id)), ("time_zone", .string(calendar.zone.name)),
      ("day_length_minutes", .int(calendar.dayLength / 60)),
      (
        "days",
        .array(
          days.map { day in
            .object([
              ("date", .string(day.date.description)), ("weekday", .string(day.date.weekdayName)),
              ("kind", .string(kindName(day.kind))), ("windows", .array(day.windows.map { .string(windowText($0)) })),
              ("open_minutes", .int(day.openSeconds / 60)),
              (
                "offset_changes",
                .array(
                  day.offsetChanges.map { change in
                    .object([
                      ("at", .string(change.at.description)), ("before", .string(Timestamp.offsetText(change.before))),
                      ("after", .string(Timestamp.offsetText(change.after))),
                    ])
                  })
              ),
            ])
          })
      ),
    ]).prettyText()
  }

  static func windowsText(_ windows: [BusinessCalendar.Window]) -> String {
    windows.isEmpty ? "closed" : windows.map(windowText).joined(separator: ", ")
  }

  /// `09:00-17:00`; an overnight window ends at its time on the next day, `22:00-06:00`.
  static func windowText(_ window: BusinessCalendar.Window) -> String {
    clock(window.start) + "-" + (window.end == 86_400 ? "24:00" : clock(window.end % 86_400))
  }

  /// The day's kind unless regular, and its clock changes: `clocks go from 02:00 to 03:00
  /// (+01:00 to +02:00)`, `from 24:00 to 23:00` for a change at midnight that repeats the
  /// day's last hour, with the dates when the change moves to another date (`clocks go from
  /// 2011-12-29 24:00 to 2011-12-31 00:00`), and `the zone skips this date` on a date no clock
  /// reads.
  static func notes(_ day: BusinessCalendar.DaySchedule) -> String {
    var notes: [String] = []
    if day.kind != .regular { notes.append(kindName(day.kind)) }
    for change in day.offsetChanges {
      let dates = change.dates
      func reading(_ offset: Int, _ date: Int) -> String {
        let time = clock(change.at.secondsSinceEpoch + offset - date * 86_400)
        return dates.before == dates.after ? time : "\(LocalDate(dayNumber: date)) \(time)"
      }
      let offsets = "\(Timestamp.offsetText(change.before)) to \(Timestamp.offsetText(change.after))"
      let skipped = day.date.dayNumber != dates.after ? "the zone skips this date: " : ""
      let from = reading(change.before, dates.before)
      notes.append("\(skipped)clocks go from \(from) to \(reading(change.after, dates.after)) (\(offsets))")
    }
    return notes.joined(separator: "; ")
  }

  static func kindName(_ kind: BusinessCalendar.DayKind) -> String {
    switch kind {
    case .regular: "regular"
    case .holiday: "holiday"
    case .override: "override"
    }
  }

  /// `HH:MM` of seconds after midnight; `HH:MM:SS` when the seconds are not 0 (a change of a
  /// zone's local mean time, such as Monrovia's from `-00:44:30` in 1972).
  static func clock(_ seconds: Int) -> String {
    let hours = seconds / 3600
    let minutes = seconds % 3600 / 60
    let text = (hours < 10 ? "0" : "") + "\(hours):" + (minutes < 10 ? "0" : "") + "\(minutes)"
    return seconds % 60 == 0 ? text : text + (seconds % 60 < 10 ? ":0" : ":") + "\(seconds % 60)"
  }
}

extension String {
  fileprivate var trailingSpacesRemoved: String {
    var text = Substring(self)
    while text.last == " " { text = text.dropLast() }
    return String(text)
  }
}
