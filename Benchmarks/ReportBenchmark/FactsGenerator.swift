import BenchmarkSupport
import DCMCApplication
import DCMCCalendar
import DCMCStore
import _DCMCTestSupport

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Writes the report facts of `cases` seeded cases straight into a store's day files
/// (`facts/YYYY/MM/DD.facts`, `FactRecord`s), as the store writes them after each change, without
/// the histories: a month of arrivals (busy Mondays, quiet weekends, mid-morning and
/// early-afternoon peaks) of `technical` cases (pulled from `employees_group`, some escalated
/// by hand to `expert_group_x`, some escalated by the system on an OLA breach) and `finance`
/// cases (taken from `finances_group`, some pending for documents), every one closed.
///
/// The facts are what `ReportFact.facts(of:)` gives for such histories, kind by kind: each
/// case's events numbered from 1, its stays in a status ended when it leaves them.
struct FactsGenerator {
  /// The first instant of the month the cases arrive in (UTC midnight, a Sunday).
  static let monthStart = Timestamp("2026-03-01T00:00:00Z")!.instant
  static let monthDays = 31
  static let weekdayLoad: [Double] = [0.1, 1.4, 1.15, 1.0, 1.0, 0.9, 0.25]  // Sunday first
  static let hourWeights: [Int: Double] = [
    7: 3, 8: 8, 9: 10, 10: 9, 11: 5, 12: 7, 13: 9, 14: 8, 15: 6, 16: 3, 17: 2, 18: 1, 19: 1,
  ]
  static let pullers = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"]
  static let experts = ["eve", "tina", "victor"]
  static let financeAdvisors = ["fiona", "gary", "hank", "ivy"]
  static let supervisors = ["sam", "sue"]

  let cases: Int
  let root: String
  var random = SeededGenerator(seed: 17)
  /// Each day file's bytes not yet written, by UTC day.
  private var buffers: [Int: [UInt8]] = [:]
  private(set) var factCount = 0

  init(cases: Int, root: String) {
    self.cases = cases
    self.root = root
  }

  /// Generates every case and writes its facts; the day files are appended to, so `root`
  /// must have none.
  mutating func run() throws(BenchmarkFailure) {
    let arrivals = Self.arrivalSeconds(cases: cases, random: &random)
    for (index, arrival) in arrivals.enumerated() {
      let isTechnical = index % 10 < 7
      let prefix = isTechnical ? "TEC-" : "FIN-"
      let id =
        prefix + String(repeating: "0", count: max(0, 7 - String(index + 1).count))
        + String(index + 1)
      var story = CaseStory(
        id: id, type: isTechnical ? "technical" : "finance",
        opened: Self.monthStart.adding(seconds: arrival))
      if isTechnical { technical(&story) } else { finance(&story) }
      for fact in story.facts { try add(fact) }
    }
    for day in buffers.keys.sorted() { try flush(day) }
  }

  /// A `technical` case: `handle` pulled from `employees_group`; 15% escalated by hand to
  /// `expert_review`, 3% left past their 12 h OLA and escalated by the system.
  private mutating func technical(_ story: inout CaseStory) {
    story.open(slaSeconds: 16 * 3_600)
    let breach = random.chance(0.03)
    let wait = breach ? 12 * 3_600 + random.int(60...3_600) : waitSeconds()
    var task = story.task(definition: "handle", target: "employees_group", olaSeconds: 12 * 3_600)
    if breach {
      story.escalateUntaken(&task, after: wait)
      var expert = story.task(
        definition: "expert_review", target: "expert_group_x", olaSeconds: 4 * 3_600)
      story.take(&expert, by: random.pick(Self.experts), after: waitSeconds())
      story.complete(&expert, outcome: "resolved", after: handleSeconds())
      story.close(resolution: "resolved", by: expert.user)
      return
    }
    story.take(&task, by: random.pick(Self.pullers), after: wait)
    if random.chance(0.15) {
      story.escalateByHand(&task, after: handleSeconds())
      var expert = story.task(
        definition: "expert_review", target: "expert_group_x", olaSeconds: 4 * 3_600)
      story.take(&expert, by: random.pick(Self.experts), after: waitSeconds())
      story.complete(&expert, outcome: "resolved", after: handleSeconds())
      story.close(resolution: "resolved", by: expert.user)
    } else {
      story.complete(&task, outcome: "resolved", after: handleSeconds())
      story.close(resolution: "resolved", by: task.user)
    }
  }

  /// A `finance` case: `assess` taken from `finances_group`; 15% pend for the customer's
  /// documents a day or two, 10% escalated by hand to `supervisor_review`.
  private mutating func finance(_ story: inout CaseStory) {
    story.open(slaSeconds: 3 * 86_400)
    var task = story.task(definition: "assess", target: "finances_group", olaSeconds: 2 * 86_400)
    story.take(&task, by: random.pick(Self.financeAdvisors), after: waitSeconds())
    if random.chance(0.15) { story.pend(for: random.int(3_600...(2 * 86_400))) }
    let roll = random.int(0...99)
    if roll < 10 {
      story.escalateByHand(&task, after: handleSeconds())
      var review = story.task(
        definition: "supervisor_review", target: "team_supervisor", olaSeconds: 86_400)
      story.take(&review, by: random.pick(Self.supervisors), after: waitSeconds())
      story.complete(&review, outcome: "refunded", after: handleSeconds())
      story.close(resolution: "refunded", by: review.user)
    } else {
      let outcome = roll < 45 ? "refunded" : roll < 75 ? "corrected" : "refused"
      story.complete(&task, outcome: outcome, after: handleSeconds())
      story.close(resolution: outcome, by: task.user)
    }
  }

  /// A wait in a queue: mostly minutes, a tail of hours.
  private mutating func waitSeconds() -> Int {
    random.chance(0.8) ? random.int(5...1_800) : random.int(1_800...(6 * 3_600))
  }

  /// Time spent on a task: 5 minutes to 2 hours, a tail of a day.
  private mutating func handleSeconds() -> Int {
    random.chance(0.9) ? random.int(300...7_200) : random.int(7_200...86_400)
  }

  /// `cases` arrival offsets (seconds from `monthStart`) in time order, by weekday and hour.
  static func arrivalSeconds(cases: Int, random: inout SeededGenerator) -> [Int] {
    var weights: [(second: Int, weight: Double)] = []
    for day in 0..<monthDays {
      for (hour, weight) in hourWeights {
        weights.append((day * 86_400 + hour * 3_600, weight * weekdayLoad[day % 7]))
      }
    }
    weights.sort { $0.second < $1.second }
    let total = weights.reduce(0) { $0 + $1.weight }
    var arrivals: [Int] = []
    arrivals.reserveCapacity(cases)
    var given = 0
    var share = 0.0
    for (second, weight) in weights {
      share += weight
      let due = min(cases, Int((share / total * Double(cases)).rounded()))
      var hour: [Int] = []
      while given + hour.count < due { hour.append(second + random.int(0...3_599)) }
      arrivals += hour.sorted()
      given = due
    }
    return arrivals
  }

  private mutating func add(_ fact: ReportFact) throws(BenchmarkFailure) {
    let day = ReportFact.day(of: fact.at)
    buffers[day, default: []] += FactRecord.encode(fact)
    factCount += 1
    if buffers[day, default: []].count > 1 << 22 { try flush(day) }
  }

  /// Appends the buffered bytes of `day` to its file.
  private mutating func flush(_ day: Int) throws(BenchmarkFailure) {
    guard let bytes = buffers.removeValue(forKey: day), !bytes.isEmpty else { return }
    let date = Timestamp(Instant(secondsSinceEpoch: day * 86_400), utcOffset: 0).date
    func padded(_ value: Int, _ width: Int) -> String {
      String(repeating: "0", count: max(0, width - String(value).count)) + String(value)
    }
    let year = root + "/facts/" + padded(date.year, 4)
    let month = year + "/" + padded(date.month, 2)
    for directory in [root + "/facts", year, month] { mkdir(directory, 0o755) }
    try FileWriter.append(bytes, to: month + "/" + padded(date.day, 2) + ".facts")
  }
}
