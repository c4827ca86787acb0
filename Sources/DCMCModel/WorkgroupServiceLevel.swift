/// A workgroup's `service_level: { answer_within, target }`: the share of its tasks that
/// should be taken within a clock time of being queued. Wall-clock time like the other
/// durations an advisor waits through (`offer_timeout`, `wrap_up`): a workgroup has no calendar.
public struct WorkgroupServiceLevel: Sendable {
  /// Clock time (seconds allowed) from a task's queuing to its first take.
  public var answerWithin: Located<Duration>
  /// The share of tasks that should be taken within `answerWithin`.
  public var target: Located<Percent>

  public init(answerWithin: Located<Duration>, target: Located<Percent>) {
    self.answerWithin = answerWithin
    self.target = target
  }

  /// The shortest and longest `answer_within`, in seconds (DC2021): one second to one day.
  public static let answerWithinSeconds = 1...86_400
}
