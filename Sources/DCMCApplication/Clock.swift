public import DCMCCalendar

/// Where a use case gets the time. Shells read the system clock (once per command or request)
/// and hand it in; nothing below them reads it.
public protocol Clock: Sendable {
  func now() -> Instant
}

/// A clock that always says the same instant: a CLI command's `--at`, or the instant it read once.
public struct FixedClock: Clock {
  public let instant: Instant
  public init(_ instant: Instant) { self.instant = instant }
  public func now() -> Instant { instant }
}
