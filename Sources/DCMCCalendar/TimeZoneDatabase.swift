#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The IANA time zones the system knows, from its zoneinfo directory: the one place that
/// reads it.
public enum TimeZoneDatabase {
  public static let directory = "/usr/share/zoneinfo"

  /// A name is known when it is a well-formed IANA name that `tzdata.zi` lists (a zone or a
  /// link; any name when the system has no `tzdata.zi`) and its zoneinfo file starts with
  /// the TZif magic. `UTC` is always known. The directory's other TZif files are no zones:
  /// `localtime` (the machine's own zone), `posixrules`, and `right/…`, which count leap
  /// seconds and which the reader misreads (`right/Europe/Brussels` stayed at +02:00 all
  /// winter: deadlines an hour off; accepted before 6 December 2026).
  @Sendable public static func isKnown(_ name: String) -> Bool {
    if name == "UTC" { return true }
    guard isWellFormed(name), listed.isEmpty || listed.contains(name) else { return false }
    guard let file = fopen(directory + "/" + name, "rb") else { return false }
    defer { fclose(file) }
    var magic = [UInt8](repeating: 0, count: 4)
    return fread(&magic, 1, 4, file) == 4 && magic == Array("TZif".utf8)
  }

  /// The rules of a zone a person names at run time (`report --zone`, `?zone=`) or a bundle's
  /// calendar names: `nil` for every name `isKnown` refuses, as definitions refuse them
  /// (`right/…` counted leap seconds and was read an hour off in winter; `localtime` is
  /// whatever the machine says).
  public static func knownRules(named name: String) -> ZoneRules? {
    isKnown(name) ? rules(named: name) : nil
  }

  /// The rules of a zone, read from its zoneinfo file; `UTC` without reading. `nil` when the
  /// name is not well formed or the file is missing or not TZif. A bundle's calendars are
  /// read with `knownRules(named:)` (before 7 December 2026 with this, which took `right/…`).
  public static func rules(named name: String) -> ZoneRules? {
    if name == "UTC" { return .utc }
    guard isWellFormed(name), let file = fopen(directory + "/" + name, "rb") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16_384)
    while bytes.count < 1 << 20 {
      let count = fread(&chunk, 1, chunk.count, file)
      if count <= 0 { break }
      bytes += chunk[0..<count]
    }
    return ZoneRules(name: name, tzif: bytes)
  }

  /// Letters, digits, `_`, `-`, `+` and `/`-separated parts, none empty or starting with `.`.
  static func isWellFormed(_ name: String) -> Bool {
    guard !name.isEmpty, name.utf8.count <= 64 else { return false }
    return name.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
      !part.isEmpty && part.first != "." && part.first != "-"
        && part.unicodeScalars.allSatisfy {
          $0.isASCII && ($0.properties.isAlphabetic || "0123456789_-+".unicodeScalars.contains($0))
        }
    }
  }

  /// The zones and links `tzdata.zi` lists, read once; empty when the system has none.
  static let listed = Set(names(in: "tzdata.zi", zoneLine))

  /// The zone names listed in `tzdata.zi` or `zone1970.tab`, for "did you mean".
  @Sendable public static func names() -> [String] {
    let zones = names(in: "tzdata.zi", zoneLine)
    return zones.isEmpty ? names(in: "zone1970.tab", tabLine) : zones
  }

  /// The names `parse` finds in the lines of the directory's `file`; empty without it.
  private static func names(in file: String, _ parse: (String) -> String?) -> [String] {
    guard let handle = fopen(directory + "/" + file, "r") else { return [] }
    defer { fclose(handle) }
    var names: [String] = []
    var line: UnsafeMutablePointer<CChar>?
    var capacity = 0
    while getline(&line, &capacity, handle) > 0, let line {
      if let name = parse(String(cString: line)) { names.append(name) }
    }
    free(line)
    return names
  }

  /// `Z Europe/Brussels ...` and `L Europe/Brussels Europe/Amsterdam` lines of tzdata.zi.
  private static func zoneLine(_ line: String) -> String? {
    let fields = line.split(separator: " ")
    if fields.count >= 2, fields[0] == "Z" { return String(fields[1]) }
    if fields.count >= 3, fields[0] == "L" { return String(fields[2].filter { $0 != "\n" }) }
    return nil
  }

  private static func tabLine(_ line: String) -> String? {
    guard !line.hasPrefix("#") else { return nil }
    let fields = line.split(separator: "\t")
    return fields.count >= 3 ? String(fields[2].filter { $0 != "\n" }) : nil
  }
}
