import DCMCCalendar
import DCMCReports

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A `dcmc report` command line read: the report's query (`ReportQuery`: the report or
/// dashboard chosen, its period in its zone, the filters as given, checked against the
/// deployment when the store is open), the format and the output file.
struct ReportRequest {
  var query: ReportQuery
  var format: ReportOutput.Format
  var output: String?

  init(_ arguments: ParsedArguments, _ options: RuntimeOptions, environment: [String: String]) throws(UsageError) {
    let name = try arguments[ReportCommand.name]
    guard let report = ReportCatalog.selection(named: name) else {
      throw UsageError.unknown("report", name, plural: "reports", among: ReportCatalog.names)
    }
    let zone = try Self.zone(arguments.value(ReportCommand.zone), environment: environment)
    let from = try arguments.value(ReportCommand.from).map { text throws(UsageError) in
      try Self.instant(text, ReportCommand.from, zone)
    }
    let to = try arguments.value(ReportCommand.to).map { text throws(UsageError) in
      try Self.instant(text, ReportCommand.to, zone)
    }
    do {
      query = try ReportQuery(
        report, from: from, to: to, zone: zone, types: arguments.values(ReportCommand.type),
        targets: arguments.values(ReportCommand.target), now: options.now)
    } catch {
      throw UsageError(error.description)
    }
    let formatText = arguments.value(ReportCommand.format)
    if options.json, let formatText, formatText != "json" {
      throw UsageError("--json and --format \(formatText) disagree")
    }
    format = options.json ? .json : formatText.flatMap(ReportOutput.Format.init(rawValue:)) ?? .table
    output = arguments.value(ReportCommand.output)
  }

  /// `--zone`, else `$TZ`, else the zone /etc/localtime links to, else UTC.
  static func zone(_ name: String?, environment: [String: String]) throws(UsageError) -> ZoneRules {
    if let name {
      guard let rules = TimeZoneDatabase.knownRules(named: name) else {
        throw UsageError(
          "unknown zone '\(name.prefix(40))'; the zones are the names of the time-zone database "
            + "(\(TimeZoneDatabase.directory)), such as UTC or Europe/Brussels")
      }
      return rules
    }
    let machine = environment["TZ"].map { $0.hasPrefix(":") ? String($0.dropFirst()) : $0 } ?? localtimeName()
    return machine.flatMap(TimeZoneDatabase.rules(named:)) ?? .utc
  }

  /// The zone name /etc/localtime links to (`…/zoneinfo/Europe/Brussels`), if it is a link.
  private static func localtimeName() -> String? {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink("/etc/localtime", &buffer, buffer.count - 1)
    guard count > 0 else { return nil }
    let target = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    let parts = target.split(separator: "/", omittingEmptySubsequences: false)
    guard let index = parts.lastIndex(of: "zoneinfo"), index + 1 < parts.count else { return nil }
    return parts[(index + 1)...].joined(separator: "/")
  }

  /// A day (midnight in `zone`) or a time with an offset, given to `option`; the usage error
  /// names both forms, since either is accepted.
  static func instant(_ text: String, _ option: OptionSpec, _ zone: ZoneRules) throws(UsageError) -> Instant {
    guard let instant = ReportQuery.instant(text, in: zone) else {
      throw UsageError(
        "invalid \(option.name) '\(text.prefix(40))'; write a day like 2026-03-01 or a time with an offset "
          + "like 2026-03-02T09:00:00+01:00")
    }
    return instant
  }
}
