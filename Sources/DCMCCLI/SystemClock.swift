import DCMCApplication
import DCMCCalendar

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The real clock, read at each call: for a command that runs for a while and keeps leases
/// on the time (`outbox deliver` without `--at`).
struct SystemClock: Clock {
  func now() -> Instant { Instant(secondsSinceEpoch: Int(time(nil))) }
}
