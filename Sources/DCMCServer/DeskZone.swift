import DCMCCalendar
import DCMCRuntime

/// How the desk writes times: in the zone the user picked (`StaffSession.zone`), else in the
/// zone of each case type's calendar; the zone's abbreviation is always written with the time.
/// The zones offered are those of the deployed calendars, and UTC.
struct DeskZone {
  let definitions: RuntimeDefinitions?
  /// The picked zone; `nil`: each case's calendar's.
  let picked: ZoneRules?

  init(definitions: RuntimeDefinitions?, picked name: String?) {
    self.definitions = definitions
    picked = name.flatMap { name in Self.choices(definitions).first { $0.name == name } }
  }

  /// The zones a user may pick: the deployed calendars', then UTC, each once.
  static func choices(_ definitions: RuntimeDefinitions?) -> [ZoneRules] {
    var zones: [ZoneRules] = []
    for calendar in definitions?.bundle.calendars ?? [] {
      if let zone = definitions?.calendar(calendar.id)?.zone, !zones.contains(where: { $0.name == zone.name }) {
        zones.append(zone)
      }
    }
    return zones.contains { $0.name == "UTC" } ? zones : zones + [.utc]
  }

  /// `instant` as a person reads it, for a case of `state` (none: in the picked zone, else UTC).
  func text(_ instant: Instant, of state: CaseState?, toTheSecond: Bool = false) -> String {
    let zone = picked ?? state.flatMap { definitions?.caseTypeCalendar(of: $0).zone } ?? .utc
    let time = ZonedTime(instant, in: zone)
    return toTheSecond ? time.descriptionToTheSecond : time.description
  }

  /// What the page says of its times.
  var caption: String {
    picked.map { "Times are shown in \($0.name)." } ?? "Times are shown in each case's calendar zone."
  }
}
