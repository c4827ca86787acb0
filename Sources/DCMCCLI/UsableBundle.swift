import DCMCApplication
import DCMCBundle
import DCMCCalendar
import DCMCRuntime

/// Whether a bundle can run on this machine, one check for every command that takes a bundle
/// (`deploy`, `bundle verify`, `test`): what the runtime checks when it loads a bundle (its
/// calendars: time zones, windows), with the time zones the runtime reads.
enum UsableBundle {
  /// The rules of a time zone a bundle's calendar names, for the commands and the runtime:
  /// only a zone the checker knows (`TimeZoneDatabase.isKnown`, DC6001), so a bundle cannot
  /// name one YAML refuses (`right/…`, `localtime`).
  static let zone: @Sendable (String) -> ZoneRules? = TimeZoneDatabase.knownRules(named:)

  /// Throws why `bundle` cannot be loaded here: `deploy` refuses what this refuses.
  static func check(_ bundle: DefinitionBundle) throws(ServiceError) {
    _ = try DefinitionsLoader.check(bundle, zone: zone)
  }
}
