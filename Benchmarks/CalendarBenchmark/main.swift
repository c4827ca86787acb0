// The business-calendar benchmark: `due` throughput for durations up to 3 working days on
// a 09:00-17:00 calendar with holidays, and the cost of one 10-year `due`.
//
// Targets (issue 4): at least 1,000,000 `due` a second; a 10-year duration in under 1 ms.
// Run it from a release build:
//
//   swift build -c release --scratch-path .build-release --product CalendarBenchmark
//   .build-release/release/CalendarBenchmark [--enforce-targets]

import DCMCCalendar

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

func monotonicSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_MONOTONIC, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// A small seeded generator (SplitMix64), so every run computes the same inputs. The tests'
/// `SeededGenerator` is in `_DCMCTestSupport`, which no release benchmark links (it brings
/// Foundation and the store), and no other benchmark draws random numbers.
struct Random {
  var state: UInt64
  mutating func below(_ bound: Int) -> Int {
    state &+= 0x9E37_79B9_7F4A_7C15
    var mixed = state
    mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
    mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
    return Int((mixed ^ (mixed >> 31)) % UInt64(bound))
  }
}

/// The Belgian fixed-date public holidays of 2026 to 2037, and the 2026-2027 moveable ones.
func holidays() -> [LocalDate] {
  var dates: [LocalDate] = []
  for year in 2026...2037 {
    for (month, day) in [(1, 1), (5, 1), (7, 21), (8, 15), (11, 1), (11, 11), (12, 25)] {
      dates.append(LocalDate(year: year, month: month, day: day))
    }
  }
  dates += ["2026-04-06", "2026-05-14", "2026-05-25", "2027-03-29", "2027-05-06", "2027-05-17"].map {
    LocalDate($0)!
  }
  return dates
}

let enforce = CommandLine.arguments.contains("--enforce-targets")
guard let zone = TimeZoneDatabase.rules(named: "Europe/Brussels") else {
  print("cannot read Europe/Brussels from \(TimeZoneDatabase.directory)")
  exit(2)
}
let weekday = [try BusinessCalendar.Window(startMinute: 9 * 60, endMinute: 17 * 60)]
let office = try BusinessCalendar(
  id: "office", zone: zone, week: Array(repeating: weekday, count: 5) + [[], []], holidays: holidays(),
  overrides: [(LocalDate("2026-12-24")!, [BusinessCalendar.Window(startMinute: 540, endMinute: 720)])],
  dayLength: nil)

// Inputs: starts anywhere in 2026-2027 (to the second), durations from 1 minute to 3
// working days (24 h).
var random = Random(state: 0xDC_CA1E)
let count = 2_000_000
let base = LocalDate(year: 2026, month: 1, day: 1).dayNumber * 86_400
let starts = (0..<count).map { _ in Instant(secondsSinceEpoch: base + random.below(730 * 86_400)) }
let durations = (0..<count).map { _ in 60 + random.below(24 * 3600) }

var checksum = 0
var best = Double.infinity
for _ in 0..<5 {
  let start = monotonicSeconds()
  for index in 0..<count {
    checksum &+= try office.due(from: starts[index], adding: durations[index]).secondsSinceEpoch
  }
  best = min(best, monotonicSeconds() - start)
}
let duePerSecond = Double(count) / best

// 10 years of business time: 2,600 working days of 8 h, from starts in 2026.
let longStarts = (0..<2000).map { _ in Instant(secondsSinceEpoch: base + random.below(365 * 86_400)) }
var longBest = Double.infinity
for _ in 0..<5 {
  let start = monotonicSeconds()
  for from in longStarts {
    checksum &+= try office.due(from: from, adding: 2600 * office.dayLength).secondsSinceEpoch
  }
  longBest = min(longBest, (monotonicSeconds() - start) / Double(longStarts.count))
}

// between, over spans of up to 5 calendar days.
var betweenBest = Double.infinity
for _ in 0..<3 {
  let start = monotonicSeconds()
  for index in 0..<count {
    let to = starts[index].adding(seconds: durations[index] * 5)
    checksum &+= try office.businessSeconds(from: starts[index], to: to)
  }
  betweenBest = min(betweenBest, monotonicSeconds() - start)
}

/// `1234567.8` as `1,234,568`.
func grouped(_ value: Double) -> String {
  var digits = String(Int(value.rounded()))
  var groups: [String] = []
  while digits.count > 3 {
    groups.insert(String(digits.suffix(3)), at: 0)
    digits.removeLast(3)
  }
  return ([digits] + groups).joined(separator: ",")
}

/// `value` with one decimal.
func tenths(_ value: Double) -> String {
  let scaled = Int((value * 10).rounded())
  return "\(scaled / 10).\(scaled % 10)"
}

var load = [0.0, 0.0, 0.0]
_ = getloadavg(&load, 3)
let dueOK = duePerSecond >= 1_000_000
let longOK = longBest < 0.001
print("dcmc calendar benchmark (release), load average \(load.map(tenths).joined(separator: " "))")
print("calendar: Europe/Brussels, mon-fri 09:00-17:00, \(holidays().count) holidays 2026-2037, one override")
print(
  "due, 1 min to 3 working days: \(grouped(duePerSecond)) per second (best of 5 x \(grouped(Double(count)))),"
    + " target >= 1,000,000: \(dueOK ? "met" : "MISSED")")
print(
  "due, 10 years (2,600 working days): \(tenths(longBest * 1e6)) microseconds each (best of 5 x 2,000),"
    + " target < 1,000: \(longOK ? "met" : "MISSED")")
print("between, spans up to 5 days: \(grouped(Double(count) / betweenBest)) per second (best of 3)")
print("checksum \(checksum)")
exit(enforce && !(dueOK && longOK) ? 1 : 0)
