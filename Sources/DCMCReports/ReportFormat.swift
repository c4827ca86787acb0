import DCMCCalendar

/// How people read a report's values (table and HTML); docs/reports.md states the formats.
enum ReportFormat {
  /// A duration, truncated toward zero to the unit shown: `45s`, `12m 05s`, `3h 05m`, and on the
  /// wall clock from one day on `2d 03h 15m`. Business time stays in hours (`51h 15m`), since a
  /// business day's length depends on the calendar.
  static func duration(_ seconds: Int64, clock: DurationClock) -> String {
    let sign = seconds < 0 ? "-" : ""
    let magnitude = seconds.magnitude
    let minutes = magnitude / 60
    let hours = magnitude / 3600
    if magnitude < 60 { return "\(sign)\(magnitude)s" }
    if magnitude < 3600 { return "\(sign)\(minutes)m \(pad(magnitude % 60))s" }
    if clock == .business || magnitude < 86_400 { return "\(sign)\(hours)h \(pad(minutes % 60))m" }
    return "\(sign)\(magnitude / 86_400)d \(pad(hours % 24))h \(pad(minutes % 60))m"
  }

  /// A histogram's axis label, its nonzero parts only: `0`, `30m`, `12h`, `1d 12h` (business
  /// time in hours: `36h`).
  static func edge(_ seconds: Int64, clock: DurationClock) -> String {
    let magnitude = seconds.magnitude
    let days = clock == .business ? 0 : magnitude / 86_400
    let hours = (magnitude - days * 86_400) / 3600
    let parts = [(days, "d"), (hours, "h"), (magnitude % 3600 / 60, "m"), (magnitude % 60, "s")]
      .filter { $0.0 > 0 }.map { "\($0.0)\($0.1)" }
    return parts.isEmpty ? "0" : (seconds < 0 ? "-" : "") + parts.joined(separator: " ")
  }

  /// A percentage to one decimal, rounded half up: `87.5%`; a dash when there is nothing to
  /// count (`denominator` 0).
  static func percentage(_ numerator: Int64, of denominator: Int64) -> String {
    guard let permille = permille(numerator, of: denominator) else { return "—" }
    return tenths(permille) + "%"
  }

  /// Tenths as a decimal with one digit after the point: 875 is `87.5`.
  static func tenths(_ value: Int64) -> String {
    "\(value < 0 ? "-" : "")\(value.magnitude / 10).\(value.magnitude % 10)"
  }

  /// The percentage in tenths of a percent, rounded half away from zero; `nil` for a zero denominator.
  static func permille(_ numerator: Int64, of denominator: Int64) -> Int64? {
    guard denominator != 0 else { return nil }
    let scaled = Int128(numerator) * 2000
    let twice = Int128(denominator) * 2
    let negative = (scaled < 0) != (twice < 0)
    let quotient = (scaled.magnitude + twice.magnitude / 2) / twice.magnitude
    return Int64(negative ? -Int128(quotient) : Int128(quotient))
  }

  /// The percentage as a number for JSON: exact to the double nearest numerator × 100 / denominator.
  static func percentValue(_ numerator: Int64, of denominator: Int64) -> Double? {
    denominator == 0 ? nil : Double(numerator) * 100 / Double(denominator)
  }

  /// `2026-03-02 09:00` in the report's zone (the page or table names the zone once).
  static func localTime(_ instant: Instant, in zone: ZoneRules) -> String {
    let local = Timestamp(instant, utcOffset: zone.offset(at: instant))
    return "\(local.date) \(pad(UInt64(local.secondOfDay / 3600))):\(pad(UInt64(local.secondOfDay % 3600 / 60)))"
  }

  /// `2026-03-02T09:00:00+01:00`: the instant at the zone's offset, for CSV.
  static func isoTime(_ instant: Instant, in zone: ZoneRules) -> String {
    Timestamp(instant, utcOffset: zone.offset(at: instant)).description
  }

  /// The cell as the table and the page show it; `empty` is a dash.
  static func text(_ cell: ReportCell, kind: ReportColumnKind, zone: ZoneRules) -> String {
    switch cell {
    case .text(let text): text
    case .count(let count): String(count)
    case .duration(let seconds):
      duration(seconds, clock: kind.clock ?? .wallClock)
    case .percentage(let numerator, let denominator): percentage(numerator, of: denominator)
    case .instant(let instant): localTime(instant, in: zone)
    case .empty: "—"
    }
  }

  /// The period as a line: `2026-03-01 00:00 to 2026-04-01 00:00 (Europe/Brussels)`.
  static func period(_ period: ReportPeriod) -> String {
    "\(localTime(period.from, in: period.zone)) to \(localTime(period.to, in: period.zone)) (\(period.zone.name))"
  }

  private static func pad(_ value: UInt64) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
