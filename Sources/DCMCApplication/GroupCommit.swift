import Synchronization

/// Group commit: the appends of concurrent requests share one flush (`docs/store.md`,
/// "Group commit").
///
/// A request's changes are prepared in its own thread (`CaseRepository.prepare`: the store's
/// work that needs no lock, which the round's leader would otherwise do for every request
/// under the store's lock), then join a queue; the first request that finds no round running
/// leads one:
/// it takes the queue (up to `maximumBatch` changes, never two changes of one case) and hands
/// it to the repository's `append` as one batch, which writes every change under the store's
/// lock and makes them durable with one flush before it returns (the file store: one `syncfs`,
/// or one `fdatasync` for a single log). Requests that arrive meanwhile wait for the next
/// round, which one of them leads. Every request of a round gets that round's answer: its own
/// outcomes when the flush succeeded, the round's error otherwise, and a request is answered
/// only after the flush that covers its events. A round that fails on one change's invalid id
/// is run again one request at a time, so one bad request fails only itself; when the store
/// wrote each change on its own after the round's transaction failed (`PartialAppend`,
/// PostgreSQL), the requests with a change not written fail and the others are answered; a round that
/// fails on the store (a write or the flush) fails every request of it and acknowledges none.
///
/// Used by long-running shells with many concurrent requests (`dcmc serve`); the CLI appends
/// directly, one command one flush. The store's own lock still serializes this process's
/// rounds with other processes' commands.
public final class GroupCommit: Sendable {
  let repository: any CaseRepository
  /// The most changes one round appends: the file store flushes up to 256 logs at once
  /// (`FileCaseRepository.batchSize`), and a larger batch would flush more than once.
  let maximumBatch: Int
  private let state = Mutex(Rounds())

  struct Rounds {
    var queue: [Request] = []
    /// Whether a request leads the rounds: from the first request that finds none leading
    /// until a round leaves the queue empty; the lead passes from request to request without
    /// ever being free while requests wait.
    var leading = false
    /// The requests waiting (not leading), by ticket: each is woken alone, when its round
    /// answered it (and taken out of here) or when it is handed the lead.
    var waiting: [Int: Handoff<Turn>] = [:]
    /// How many times a waiting request was woken (for the tests: about one per request).
    var wakeups = 0
    var nextTicket = 0
    /// The highest number handed out per case type (`nextSequence`).
    var handedOut: [String: Int] = [:]
    /// Per case type, how many of the next numbers are checked against the store's last
    /// (`nextSequence`): set after a number conflicted, when another process numbers the type.
    var checkedNumbers: [String: Int] = [:]
    /// The rounds run, for tests.
    var rounds = 0
  }

  /// One request's changes, and the feed told of them once they are durable (`nil`: none).
  struct Request {
    var ticket: Int
    var changes: [CaseChangeSet]
    var feed: CommitFeed?
  }

  /// What wakes a waiting request: its round's answer, or the lead of the next round.
  enum Turn {
    case answered(Result<[AppendOutcome], RepositoryError>)
    case lead
  }

  public init(repository: any CaseRepository, maximumBatch: Int = 256) {
    precondition(maximumBatch > 0, "a round appends at least one change")
    self.repository = repository
    self.maximumBatch = maximumBatch
  }

  /// The rounds run so far: fewer than the requests when they shared flushes.
  package var rounds: Int { state.withLock { $0.rounds } }
  /// The requests given to `append` so far, answered or not.
  package var submitted: Int { state.withLock { $0.nextTicket } }
  /// How many times a waiting request was woken so far.
  package var wakeups: Int { state.withLock { $0.wakeups } }

  /// Appends `changes` (`CaseRepository.append` without a tick) in the next round, and returns
  /// their outcomes once that round's flush has made them durable. More changes than a round
  /// holds are appended on their own. The changes written are published to `feed` after the
  /// flush, by the round's leader before the next round starts: rounds are told in the order
  /// they were written.
  public func append(_ changes: [CaseChangeSet], feed: CommitFeed? = nil) throws(RepositoryError) -> [AppendOutcome] {
    guard !changes.isEmpty, changes.count <= maximumBatch else {
      let outcomes = try repository.append(changes, tick: nil)
      feed?.publish(changes, outcomes)
      return outcomes
    }
    // The store's work that needs no lock, done here, in this request's thread, so the
    // round's leader does not do it for every request under the store's lock; a change the
    // store refuses fails this request alone, before it joins a round.
    let changes = try repository.prepare(changes)
    let handoff = Handoff<Turn>()
    let (ticket, leads) = state.withLock { (held: inout Rounds) in
      let ticket = held.nextTicket
      held.nextTicket += 1
      held.queue.append(Request(ticket: ticket, changes: changes, feed: feed))
      if held.leading {
        held.waiting[ticket] = handoff
        return (ticket, false)
      }
      held.leading = true
      return (ticket, true)
    }
    if !leads, case .answered(let answer) = handoff.take() { return try answer.get() }
    return try lead(ticket).get()
  }

  /// Runs rounds until one answers request `ticket`, which leads them; then hands the lead to
  /// the first request still queued, if any. The next leader, then the requests a round
  /// answered, are woken each alone, once the lock is let go (a broadcast woke every waiting
  /// request at each round, most of them only to wait again; a wake under the lock had the
  /// woken thread sleep again on it).
  private func lead(_ ticket: Int) -> Result<[AppendOutcome], RepositoryError> {
    // Bounded: the leader's request is the queue's first (the queue is empty when the lead is
    // free, and the lead is handed to the first queued), and a round always takes the first,
    // so the first round answers it.
    while true {
      let round = state.withLock { $0.takeRound(maximumBatch) }
      let answers = run(round)
      for (request, answer) in zip(round, answers) {
        guard let feed = request.feed, case .success(let outcomes) = answer.1 else { continue }
        feed.publish(request.changes, outcomes)
      }
      let (own, woken) = state.withLock { $0.settle(answers, leader: ticket) }
      for (waiter, turn) in woken { waiter.give(turn) }
      if let own { return own }
    }
  }

  /// The number to try for a new case of `type`: one above both the store's last and every
  /// number handed out here, and above `tried` (the number that conflicted). Concurrent
  /// creates of a type get distinct numbers, so they do not all decide on the same reference
  /// and conflict; a create that is refused after it took a number leaves that number unused.
  ///
  /// The store's last number is read for the first number of a type, after a conflict, and
  /// for the `recheckedAfterConflict` numbers after one; otherwise the number handed out last
  /// is one above the store's as far as this process knows, and the next follows it without
  /// a read (on PostgreSQL a statement per create). A number another process took meanwhile
  /// is not lost: the append answers a conflict (the case id is taken), and the retry reads
  /// the store's last. So numbers have no more gaps than before, and several processes
  /// creating cases of one type read the store for each number, as before, rather than
  /// conflict at each create.
  public func nextSequence(of type: String, after tried: Int?) throws(RepositoryError) -> Int {
    let read = state.withLock { (held: inout Rounds) -> Bool in
      if tried != nil { held.checkedNumbers[type] = Self.recheckedAfterConflict }
      if held.handedOut[type] == nil { return true }
      guard let left = held.checkedNumbers[type], left > 0 else { return false }
      held.checkedNumbers[type] = left - 1
      return true
    }
    let stored = read ? try repository.lastSequence(of: type) : 0
    return state.withLock { (held: inout Rounds) in
      let next = max(stored, held.handedOut[type] ?? 0, tried ?? 0) + 1
      held.handedOut[type] = next
      return next
    }
  }

  /// Gives `number` of `type` back when its create was refused before anything was written,
  /// so the next create takes it; only while it is still the last handed out (a later number
  /// given to another request meanwhile leaves it unused, as before).
  public func giveBack(_ number: Int, of type: String) {
    state.withLock { (held: inout Rounds) in
      if held.handedOut[type] == number { held.handedOut[type] = number - 1 }
    }
  }

  /// How many numbers of a type after a conflict are checked against the store's last.
  static let recheckedAfterConflict = 64

  /// One round's append, without the lock: the answer of each request of it.
  private func run(_ round: [Request]) -> [(Int, Result<[AppendOutcome], RepositoryError>)] {
    do throws(RepositoryError) {
      var outcomes = try repository.append(round.flatMap(\.changes), tick: nil)[...]
      return round.map { request in
        defer { outcomes = outcomes.dropFirst(request.changes.count) }
        return (request.ticket, .success(Array(outcomes.prefix(request.changes.count))))
      }
    } catch .unavailable(let reason) where reason is PartialAppend {
      // Each change was written in a transaction of its own, some were not: the requests
      // whose changes were all written are acknowledged, the others fail.
      var outcomes = (reason as? PartialAppend)?.outcomes[...] ?? []
      return round.map { request in
        defer { outcomes = outcomes.dropFirst(request.changes.count) }
        let written = outcomes.prefix(request.changes.count).compactMap { $0 }
        guard written.count == request.changes.count else { return (request.ticket, .failure(.unavailable(reason))) }
        return (request.ticket, .success(written))
      }
    } catch .invalidID where round.count > 1 {
      // Refused before anything was written: each request again on its own.
      return round.map { request in
        do throws(RepositoryError) { return (request.ticket, .success(try repository.append(request.changes, tick: nil))) }
        catch { return (request.ticket, .failure(error)) }
      }
    } catch {
      return round.map { ($0.ticket, .failure(error)) }
    }
  }
}

extension GroupCommit.Rounds {
  /// Counts a round run and sorts out who its answers wake, for the leader of request
  /// `leader`: its own answer when the round holds its request (`nil` otherwise: it leads the
  /// next round too), and the waiting requests to wake, each with its turn. When the round
  /// answered the leader and requests are still queued, the first of them is handed the lead
  /// and comes **first** among the wakes: the store is idle until the next round begins, and
  /// a lead woken after a round's worth of answers began that round only once the answered
  /// threads had run (on 2 cores they preempt the leader waking them: 37 wakes took 9.7 ms
  /// under load, `docs/performance.md`, "Branch `pipeline`").
  mutating func settle(_ answers: [(Int, Result<[AppendOutcome], RepositoryError>)], leader: Int)
    -> (own: Result<[AppendOutcome], RepositoryError>?, woken: [(Handoff<GroupCommit.Turn>, GroupCommit.Turn)])
  {
    rounds += 1
    var own: Result<[AppendOutcome], RepositoryError>?
    var woken: [(Handoff<GroupCommit.Turn>, GroupCommit.Turn)] = []
    woken.reserveCapacity(answers.count + 1)
    for (answered, answer) in answers {
      if answered == leader {
        own = answer
      } else if let waiter = waiting.removeValue(forKey: answered) {
        woken.append((waiter, .answered(answer)))
      }
    }
    if own != nil {
      if let next = queue.first, let waiter = waiting.removeValue(forKey: next.ticket) {
        woken.insert((waiter, .lead), at: 0)
      } else {
        leading = false
      }
    }
    wakeups += woken.count
    return (own, woken)
  }

  /// Takes the next round off the queue, in order: up to `limit` changes, skipping a request
  /// that changes a case an earlier one of the round changes (it decided on a state the round
  /// may change: it waits for the next round, and its append then answers a conflict). A
  /// round holds only requests decided on the first one's versions (`CaseChangeSet.fence`):
  /// the store refuses a round whole when they moved, and a request decided on the new ones
  /// must not fail with it.
  mutating func takeRound(_ limit: Int) -> [GroupCommit.Request] {
    var round: [GroupCommit.Request] = []
    var left: [GroupCommit.Request] = []
    var cases: Set<String> = []
    var count = 0
    let fence = queue.first?.changes.first?.fence
    for request in queue {
      let ids = request.changes.map(\.after.id)
      if count + ids.count <= limit, cases.isDisjoint(with: ids), request.changes.allSatisfy({ $0.fence == fence }) {
        round.append(request)
        cases.formUnion(ids)
        count += ids.count
      } else {
        left.append(request)
      }
    }
    queue = left
    return round
  }
}
