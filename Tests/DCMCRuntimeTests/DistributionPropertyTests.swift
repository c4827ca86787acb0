import DCMCCalendar
import DCMCRuntime
import Testing
import _DCMCTestSupport

/// Issue 16, "How it is checked": the push decision over thousands of seeded random queues
/// (users ready or not, with little room, few skills and workgroups, tied waits and
/// proficiencies, weights, tiers and declines past, ending and standing). Each property is
/// checked on each queue; a failure names its seed, so it can be replayed.
@Suite struct DistributionPropertyTests {
  typealias Candidate = Distribution.Candidate
  typealias QueuedTask = Distribution.QueuedTask
  typealias Offer = Distribution.Offer

  /// Each seed's queue and its decision, made once for all the properties.
  static let decided: [(seed: UInt64, queue: RandomQueue, offers: [Offer])] = (0..<2000 as Range<UInt64>).map { seed in
    let queue = RandomQueue(seed: seed)
    return (seed, queue, Distribution.offers(forQueued: queue.tasks, among: queue.candidates, at: queue.now))
  }

  @Test func noOfferToAUserNotReadyOrWithoutRoomAndNoneAgainstADecline() {
    check { queue, offers in
      var problems: [String] = []
      var taken: [String: Int] = [:]
      for offer in offers {
        let user = queue.candidate(offer.user)
        let task = queue.task(offer.task)
        taken[offer.user, default: 0] += task.weight
        if !user.isReady { problems.append("\(offer.user) is not ready") }
        if task.declines.contains(where: { $0.user == offer.user && $0.until > queue.now }) {
          problems.append("\(offer.user) declined \(offer.task)")
        }
        if !user.workgroups.contains(task.target) || RandomQueue.proficiency(user, task) < task.minimumProficiency {
          problems.append("\(offer.user) may not take \(offer.task)")
        }
      }
      for (user, weight) in taken where weight > queue.candidate(user).freeCapacity {
        problems.append("\(user) is offered \(weight) with room for \(queue.candidate(user).freeCapacity)")
      }
      return problems
    }
  }

  @Test func neverTwoOffersForOneTask() {
    check { _, offers in
      Dictionary(grouping: offers, by: \.task).filter { $0.value.count > 1 }.map { "\($0.key) offered twice" }
    }
  }

  /// Replayed in the order made: each offer's task is the most urgent one its user could
  /// take with the room they had then, and no user who could have taken it then comes first.
  @Test func eachOfferIsTheMostUrgentTaskItsUserMayTakeToTheUserWhoWaitedLongest() {
    check { queue, offers in
      var problems: [String] = []
      var free = Dictionary(uniqueKeysWithValues: queue.candidates.map { ($0.user, $0.freeCapacity) })
      var offered: Set<String> = []
      for offer in offers {
        let task = queue.task(offer.task)
        let user = queue.candidate(offer.user)
        let fits = { (who: Candidate, what: QueuedTask) in
          free[who.user]! >= what.weight && RandomQueue.eligible(who, for: what, at: queue.now)
        }
        for other in queue.tasks
        where RandomQueue.isMoreUrgent(other, than: task) && !offered.contains(other.id) && fits(user, other) {
          problems.append("\(offer.user) got \(task.id) before the more urgent \(other.id)")
        }
        for rival in queue.candidates
        where rival.user != user.user && fits(rival, task) && RandomQueue.ranks(rival, before: user, for: task) {
          problems.append("\(task.id) went to \(user.user) before \(rival.user)")
        }
        free[offer.user]! -= task.weight
        offered.insert(task.id)
      }
      return problems
    }
  }

  /// No stall: after the decision no ready user with room is left an eligible task unoffered.
  @Test func noReadyUserWithRoomIsLeftATaskTheyMayTake() {
    check { queue, offers in
      let settled = queue.settled(by: offers)
      return settled.tasks.flatMap { task in
        settled.candidates.filter {
          $0.freeCapacity >= task.weight && RandomQueue.eligible($0, for: task, at: queue.now)
        }
        .map { "\($0.user) has room for \(task.id), left unoffered" }
      }
    }
  }

  @Test func theDecisionIsTheSameWhateverTheOrderOfItsInputs() {
    check { queue, offers in
      var generator = SeededGenerator(seed: UInt64(queue.tasks.count * 31 + queue.candidates.count))
      let again = Distribution.offers(
        forQueued: queue.tasks.shuffled(using: &generator), among: queue.candidates.shuffled(using: &generator),
        at: queue.now)
      return again == offers ? [] : ["shuffled inputs gave \(again), not \(offers)"]
    }
  }

  /// On a settled queue, a user who becomes available gets what the whole decision would give
  /// (the backlog drains to them, most urgent first), and so do newly queued tasks.
  @Test func theIncrementalEntryPointsGiveWhatTheWholeDecisionGives() {
    check { queue, offers in
      var generator = SeededGenerator(seed: UInt64(queue.tasks.count * 17 + queue.candidates.count))
      let settled = queue.settled(by: offers)
      var problems: [String] = []
      var newcomer = RandomQueue.candidate("newcomer", &generator, at: queue.now)
      newcomer.isReady = true
      let drained = Distribution.offers(
        toAvailable: newcomer, queue: settled.tasks.sorted { $0.urgency < $1.urgency }, at: queue.now)
      let whole = Distribution.offers(forQueued: settled.tasks, among: settled.candidates + [newcomer], at: queue.now)
      if drained != whole { problems.append("a user's availability gave \(drained), the whole decision \(whole)") }
      let fresh = (0..<1 + generator.below(3)).map { RandomQueue.task("NEW-\($0).1", &generator, queue) }
      let pushed = Distribution.offers(forQueued: fresh, among: settled.candidates, at: queue.now)
      let all = Distribution.offers(forQueued: settled.tasks + fresh, among: settled.candidates, at: queue.now)
      if pushed != all { problems.append("queued tasks gave \(pushed), the whole decision \(all)") }
      return problems
    }
  }

  /// Collects what `property` finds wrong with each seeded queue's decision, naming the seed.
  func check(_ property: (RandomQueue, [Offer]) -> [String]) {
    var failures: [String] = []
    for (seed, queue, offers) in Self.decided {
      failures += property(queue, offers).map { "seed \(seed): \($0)" }
      if failures.count >= 5 { break }
    }
    #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
  }
}

/// A random queue: up to 10 users and 25 tasks over 3 workgroups and 2 skills, drawn so that
/// ties (waits, proficiencies, priorities, due times) are frequent.
struct RandomQueue {
  static let groups = ["a", "b", "c"]
  static let skills = ["x", "y"]
  static let start = Instant(secondsSinceEpoch: 1_772_600_000)

  var candidates: [Distribution.Candidate]
  var tasks: [Distribution.QueuedTask]
  let now = start.adding(seconds: 600)

  init(seed: UInt64) {
    var generator = SeededGenerator(seed: seed)
    candidates = []
    tasks = []
    let now = self.now
    candidates = (0..<generator.below(11)).map { Self.candidate("u\($0)", &generator, at: now) }
    tasks = (0..<generator.below(26)).map { Self.task("C-\($0).1", &generator, self) }
  }

  static func candidate(_ user: String, _ generator: inout SeededGenerator, at now: Instant) -> Distribution.Candidate {
    var skills: [String: Int] = [:]
    for skill in Self.skills where generator.below(10) < 7 { skills[skill] = generator.below(5) * 25 }
    let groups = Set(Self.groups.filter { _ in generator.below(2) == 0 })
    return Distribution.Candidate(
      user: user, isReady: generator.below(4) > 0, waitingSince: start.adding(seconds: generator.below(5) * 60),
      freeCapacity: generator.below(4), skills: skills,
      workgroups: groups.isEmpty ? [Self.groups[generator.below(3)]] : groups)
  }

  static func task(_ id: String, _ generator: inout SeededGenerator, _ queue: RandomQueue) -> Distribution.QueuedTask {
    let skill = generator.below(10) < 3 ? nil : Self.skills[generator.below(2)]
    let declines = queue.candidates.filter { _ in generator.below(7) == 0 }
      .map { TaskDecline(user: $0.user, until: queue.now.adding(seconds: (generator.below(3) - 1) * 30)) }
    return Distribution.QueuedTask(
      urgency: Urgency(
        priority: generator.below(3) * 25,
        olaDue: generator.below(3) == 0 ? nil : start.adding(seconds: generator.below(4) * 3600),
        createdAt: start.adding(seconds: -generator.below(5) * 60), task: id),
      target: Self.groups[generator.below(3)], weight: 1 + generator.below(3), skill: skill,
      minimumProficiency: skill == nil ? 0 : generator.below(4) * 25, declines: declines)
  }

  /// The rule's eligibility and ranking, written again here from the SPEC's words rather than
  /// taken from `Distribution.Candidate`, so a fault there cannot hide from the properties.
  static func eligible(_ user: Distribution.Candidate, for task: Distribution.QueuedTask, at now: Instant) -> Bool {
    user.isReady && user.workgroups.contains(task.target) && proficiency(user, task) >= task.minimumProficiency
      && !task.declines.contains { $0.user == user.user && $0.until > now }
  }

  static func proficiency(_ user: Distribution.Candidate, _ task: Distribution.QueuedTask) -> Int {
    task.skill.flatMap { user.skills[$0] } ?? 0
  }

  /// Higher priority, else the earlier OLA due time (none last), else older, else the smaller id.
  static func isMoreUrgent(_ a: Distribution.QueuedTask, than b: Distribution.QueuedTask) -> Bool {
    func key(_ task: Distribution.QueuedTask) -> (Int, Int, Int, String) {
      let urgency = task.urgency
      return (
        -urgency.priority, urgency.olaDue?.secondsSinceEpoch ?? .max, urgency.createdAt.secondsSinceEpoch, task.id
      )
    }
    return key(a) < key(b)
  }

  /// Waited longer, else more proficient, else the smaller id.
  static func ranks(_ a: Distribution.Candidate, before b: Distribution.Candidate, for task: Distribution.QueuedTask)
    -> Bool
  {
    (a.waitingSince, -proficiency(a, task), a.user) < (b.waitingSince, -proficiency(b, task), b.user)
  }

  func candidate(_ user: String) -> Distribution.Candidate { candidates.first { $0.user == user }! }
  func task(_ id: String) -> Distribution.QueuedTask { tasks.first { $0.id == id }! }

  /// The queue after `offers`: the offered tasks gone, their weight taken off their users' room.
  func settled(by offers: [Distribution.Offer]) -> RandomQueue {
    var queue = self
    let offered = Set(offers.map(\.task))
    queue.tasks.removeAll { offered.contains($0.id) }
    for offer in offers {
      let weight = task(offer.task).weight
      if let index = queue.candidates.firstIndex(where: { $0.user == offer.user }) {
        queue.candidates[index].freeCapacity -= weight
      }
    }
    return queue
  }
}
