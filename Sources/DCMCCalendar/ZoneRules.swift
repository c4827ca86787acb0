/// The UTC offsets of one IANA time zone through time, read from its TZif file (RFC 8536).
///
/// Only offset changes matter to business time, so transitions that change nothing but a
/// zone's abbreviation or its DST flag are dropped from the offsets' table; the
/// abbreviations, which only readable times show, keep a table of their own. Past the
/// file's table the footer rule applies; its changes up to `ZoneRules.tabulatedUntilYear`
/// are added to the offsets' table when the rules are read, so a lookup is one binary search
/// for any date a case will meet.
public struct ZoneRules: Sendable {
  /// The IANA name, `Europe/Brussels`.
  public let name: String
  /// Instants (seconds since the epoch) at which the offset changes, ascending.
  let transitions: [Int]
  /// `offsets[i]` is in force before `transitions[i]` (and after `transitions[i - 1]`);
  /// `offsets.last` after the last transition. One more element than `transitions`.
  let offsets: [Int]
  /// The footer rule, for instants past the table.
  let rule: PosixTimeZoneRule?
  /// The smallest and largest offsets the zone ever has, in seconds east of UTC.
  let offsetBounds: ClosedRange<Int>
  /// Instants at which the abbreviation changes, ascending, up to the file's last transition
  /// (`abbreviationsEnd`); `abbreviations[i]` is in force before `abbreviationChanges[i]`.
  let abbreviationChanges: [Int]
  let abbreviations: [String]
  /// From this instant on, the footer rule gives the abbreviation.
  let abbreviationsEnd: Int

  /// The footer rule's changes are tabulated up to the end of this year.
  static let tabulatedUntilYear = 2200
  /// The first instant past the tabulated years.
  static let tableEnd = LocalDate(year: tabulatedUntilYear + 1, month: 1, day: 1).dayNumber * 86_400

  /// UTC, always at offset zero.
  public static let utc = ZoneRules(
    name: "UTC", transitions: [], offsets: [0], rule: nil, abbreviations: (changes: [], names: ["UTC"], end: .max))

  init(
    name: String, transitions: [Int], offsets: [Int], rule: PosixTimeZoneRule?,
    abbreviations: (changes: [Int], names: [String], end: Int)
  ) {
    precondition(offsets.count == transitions.count + 1, "one offset more than transitions")
    precondition(abbreviations.names.count == abbreviations.changes.count + 1, "one name more than changes")
    var transitions = transitions
    var offsets = offsets
    if let rule, var cursor = transitions.last ?? Optional(Instant.supported.lowerBound.secondsSinceEpoch) {
      while let next = rule.nextChange(after: cursor), next < Self.tableEnd {
        let offset = rule.offset(at: next)
        if offset != offsets.last! {
          transitions.append(next)
          offsets.append(offset)
        }
        cursor = next
      }
    }
    self.name = name
    self.transitions = transitions
    self.offsets = offsets
    self.rule = rule
    var all = offsets
    if let rule {
      all.append(rule.standardOffset)
      if let daylight = rule.daylight { all.append(daylight.offset) }
    }
    offsetBounds = all.min()!...all.max()!
    abbreviationChanges = abbreviations.changes
    self.abbreviations = abbreviations.names
    abbreviationsEnd = rule == nil ? .max : abbreviations.end
  }

  /// The offset from UTC in force at `instant`, in seconds east of UTC.
  public func offset(at instant: Instant) -> Int {
    offset(at: instant.secondsSinceEpoch)
  }

  func offset(at instant: Int) -> Int {
    if let rule, instant >= Self.tableEnd {
      return rule.offset(at: instant)
    }
    return offsets[Self.count(of: transitions, atOrBefore: instant)]
  }

  /// The instant a clock of this zone reads `local` (seconds since the epoch of the local date
  /// and time, as if at UTC). Read once: its instant. Read twice (the hour a clock is put back):
  /// the first. Never read (the hour skipped when a clock is put forward): the instant it would
  /// be at the offset before the change, so as much later as the change; a day that starts in
  /// one starts at its first instant. The offsets are those a day either side of `local`: a
  /// zone's offset does not change twice within two days.
  public func instant(local: Int) -> Instant {
    let (before, after) = (offset(at: local - 86_400), offset(at: local + 86_400))
    let read = [local - before, local - after].filter { $0 + offset(at: $0) == local }
    return Instant(secondsSinceEpoch: read.min() ?? local - before)
  }

  /// The zone's abbreviation at `instant` (`CET`, `CEST`, `EST`); `nil` where the zone has
  /// only a number for one (tzdata writes `-03` or `+0530` then).
  public func abbreviation(at instant: Instant) -> String? {
    let seconds = instant.secondsSinceEpoch
    let name =
      if let rule, seconds >= abbreviationsEnd {
        rule.name(at: seconds)
      } else {
        abbreviations[Self.count(of: abbreviationChanges, atOrBefore: seconds)]
      }
    // TZif abbreviations are ASCII letters, digits, `+` and `-` (RFC 8536, 3.2): one byte
    // tells a name from a number without Unicode's letter property.
    return name.utf8.first.map { (0x41...0x5A).contains($0 & 0xDF) } == true ? name : nil
  }

  /// The first instant after `instant` at which the offset changes; `nil` when it never does.
  func nextTransition(after instant: Int) -> Int? {
    let index = Self.count(of: transitions, atOrBefore: instant)
    if index < transitions.count { return transitions[index] }
    return rule?.nextChange(after: instant)
  }

  /// The first instant after `instant` at which the offset changes.
  public func nextTransition(after instant: Instant) -> Instant? {
    nextTransition(after: instant.secondsSinceEpoch).map(Instant.init(secondsSinceEpoch:))
  }

  /// How many of the ascending `instants` are at or before `instant` (binary search).
  private static func count(of instants: [Int], atOrBefore instant: Int) -> Int {
    var low = 0
    var high = instants.count
    while low < high {
      let middle = (low + high) / 2
      if instants[middle] <= instant { low = middle + 1 } else { high = middle }
    }
    return low
  }
}

