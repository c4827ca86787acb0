import DCMCCalendar
import Synchronization

/// The `Idempotency-Key`s the server has seen (the IETF draft, Stripe's rules): for each user
/// and key, the request's fingerprint and, once answered, its response, kept 24 hours of the
/// requests' clock. A retry of the same request gets the first response again; the same key
/// with another request, or while the first is still being answered, is refused.
///
/// In memory, so a restart forgets it; what survives is what the store keeps (a case's
/// request id, `API`). Bounded: beyond `budgetBytes` of kept responses, the oldest go first.
/// A `final class` for identity: every request of one server shares the table.
public final class IdempotencyKeys: Sendable {
  /// How long an answered key is kept: 24 hours.
  public static let keptSeconds = 24 * 60 * 60
  /// What a kept answer costs beyond its body's bytes (its key, headers and bookkeeping).
  package static let entryOverhead = 256

  /// What `begin` found.
  package enum Start: Equatable {
    /// A new key: answer the request, then `finish` (or `abandon`) it.
    case proceed
    /// The same request was answered: its response.
    case replay(HTTPResponse)
    /// The key was used for another request.
    case reused
    /// The same key's first request is still being answered.
    case inFlight
  }

  private struct Entry {
    var fingerprint: String
    /// `nil` while in flight.
    var response: HTTPResponse?
    var stored: Instant
  }

  private struct Table {
    var entries: [String: Entry] = [:]
    /// Answered keys in the order they were stored (the order they expire in), from `head`.
    var order: [(key: String, stored: Instant)] = []
    var head = 0
    var bytes = 0
  }

  private let table = Mutex(Table())
  private let budgetBytes: Int

  /// A table keeping at most `budgetBytes` of answers (64 MiB by default).
  public init(budgetBytes: Int = 64 << 20) {
    self.budgetBytes = budgetBytes
  }

  /// Claims `key` of `user` for the request with `fingerprint` at `now`, or says why not.
  package func begin(_ key: String, user: String, fingerprint: String, at now: Instant) -> Start {
    let slot = Self.slot(key, user: user)
    return table.withLock { table in
      expire(&table, at: now)
      guard let entry = table.entries[slot] else {
        table.entries[slot] = Entry(fingerprint: fingerprint, response: nil, stored: now)
        return .proceed
      }
      guard entry.fingerprint == fingerprint else { return .reused }
      guard let response = entry.response else { return .inFlight }
      return .replay(response)
    }
  }

  /// Keeps `response` as the answer to `key` of `user`, claimed by `begin`.
  package func finish(_ key: String, user: String, with response: HTTPResponse, at now: Instant) {
    let slot = Self.slot(key, user: user)
    table.withLock { table in
      guard table.entries[slot]?.response == nil else { return }
      table.entries[slot]?.response = response
      table.entries[slot]?.stored = now
      table.order.append((slot, now))
      table.bytes += response.body.count + Self.entryOverhead
      expire(&table, at: now)
    }
  }

  /// Frees `key` of `user` unanswered (a server error: a retry runs the request again).
  package func abandon(_ key: String, user: String) {
    let slot = Self.slot(key, user: user)
    table.withLock { table in
      if table.entries[slot]?.response == nil { table.entries[slot] = nil }
    }
  }

  /// How many keys are kept, answered or in flight.
  package var count: Int { table.withLock { $0.entries.count } }

  /// Drops the answers older than `keptSeconds` at `now`, then the oldest while over budget.
  private func expire(_ table: inout Table, at now: Instant) {
    while table.head < table.order.count {
      let (slot, stored) = table.order[table.head]
      let expired = now.secondsSinceEpoch - stored.secondsSinceEpoch >= Self.keptSeconds
      guard expired || table.bytes > budgetBytes else { break }
      if let response = table.entries[slot]?.response, table.entries[slot]?.stored == stored {
        table.bytes -= response.body.count + Self.entryOverhead
        table.entries[slot] = nil
      }
      table.head += 1
    }
    // The dropped prefix is reclaimed once it is half the list, so each entry moves once.
    if table.head > 64, table.head * 2 > table.order.count {
      table.order.removeFirst(table.head)
      table.head = 0
    }
  }

  /// One slot per user and key: a key names a request of its user only.
  private static func slot(_ key: String, user: String) -> String { "\(user)\n\(key)" }
}
