import DCMCCalendar
import Synchronization

/// Token buckets, one per client (a token's id, or an address): each holds up to a minute's
/// allowance and refills at the rate, so a client may burst a minute's requests and then goes
/// at the rate. A request that finds its bucket empty is told how many whole seconds until it
/// would be let in (`Retry-After`). Time is the requests' instants: no clock is read here.
///
/// Bounded: a bucket left alone until full again is forgotten (it would let the client in
/// exactly as a new one), and at `capacity` clients the least recently seen half goes, so a
/// flood of distinct addresses cannot grow the table. A `final class` for identity: every
/// request of one server shares the buckets.
public final class RateLimiter: Sendable {
  /// Requests a minute.
  public let perMinute: Int
  /// The most clients remembered at once.
  public let capacity: Int

  /// One client's bucket, in sixtieths of a request: a request costs 60, the bucket holds
  /// `60 × perMinute` and refills `perMinute` a second, so the arithmetic stays in integers.
  private struct Bucket {
    var units: Int
    var seen: Int
  }

  private let buckets = Mutex<[String: Bucket]>([:])

  public init(perMinute: Int, capacity: Int = 10_000) {
    precondition(perMinute > 0 && capacity > 1, "a rate limit lets at least one request a minute through")
    self.perMinute = perMinute
    self.capacity = capacity
  }

  /// Takes one request from `client`'s bucket at `now`: `nil` when it may go, else the whole
  /// seconds (at least 1) until the bucket holds a request again.
  package func take(_ client: String, at now: Instant) -> Int? { take(client, at: now, taking: true) }

  /// As `take`, but a request let in takes nothing from the bucket: a look before the request
  /// is whole (`API.screen`), which the request then takes once, in full.
  package func peek(_ client: String, at now: Instant) -> Int? { take(client, at: now, taking: false) }

  private func take(_ client: String, at now: Instant, taking: Bool) -> Int? {
    let second = now.secondsSinceEpoch
    let full = 60 * perMinute
    return buckets.withLock { buckets in
      var bucket: Bucket
      if let found = buckets[client] {
        bucket = found
        // A clock that went back refills nothing.
        bucket.units = min(full, bucket.units + max(0, second - bucket.seen) * perMinute)
      } else {
        if buckets.count >= capacity { forget(&buckets, at: second) }
        bucket = Bucket(units: full, seen: second)
      }
      bucket.seen = max(bucket.seen, second)
      defer { buckets[client] = bucket }
      guard bucket.units >= 60 else { return (60 - bucket.units + perMinute - 1) / perMinute }
      if taking { bucket.units -= 60 }
      return nil
    }
  }

  /// How many clients are remembered.
  package var count: Int { buckets.withLock { $0.count } }

  /// Drops the buckets that are full again at `second`; if that frees too little, the least
  /// recently seen half. Called at capacity only, so each drop pays for the calls before it.
  private func forget(_ buckets: inout [String: Bucket], at second: Int) {
    let full = 60 * perMinute
    buckets = buckets.filter { $0.value.units + max(0, second - $0.value.seen) * perMinute < full }
    guard buckets.count >= capacity / 2 else { return }
    let recent = buckets.sorted { $0.value.seen > $1.value.seen }.prefix(capacity / 2)
    buckets = Dictionary(uniqueKeysWithValues: recent.map { ($0.key, $0.value) })
  }
}

/// The request rates `dcmc serve` allows (SPEC section 17): per client address for requests
/// without a token that acts, and per token once one does.
public struct RateLimits: Sendable {
  /// Requests without a token that acts, by address: 30 a minute unless set (`nil`: off).
  public var perAddress: Int? = 30
  /// Requests with a token, by token: off unless set.
  public var perToken: Int?

  public init(perAddress: Int? = 30, perToken: Int? = nil) {
    self.perAddress = perAddress
    self.perToken = perToken
  }
}
