/// A length of business time on a calendar, resolved to minutes.
public struct BundleDuration: Sendable, Hashable, Encodable {
  /// Whole minutes of open time on `calendar` (`1d` counted as the calendar's day).
  public var minutes: Int
  /// Seconds beyond `minutes` (0...59), only for ISO forms such as `PT90S`; `nil` when 0.
  public var seconds: Int?
  /// The id of the calendar the time is counted on.
  public var calendar: String
  /// The duration as written, normalised (`2d 4h`), for messages and `{{Case_SLA}}`.
  public var text: String

  public init(minutes: Int, seconds: Int? = nil, calendar: String, text: String) {
    self.minutes = minutes
    self.seconds = seconds == 0 ? nil : seconds
    self.calendar = calendar
    self.text = text
  }

  /// The whole length in seconds of open time.
  public var totalSeconds: Int { minutes * 60 + (seconds ?? 0) }
}

/// An SLA or OLA with every default applied.
public struct BundleServiceLevel: Sendable, Hashable, Encodable {
  public var within: BundleDuration
  /// Percent (1...100) of `within` after which the work is at risk; `nil`: no warning.
  public var warnPercent: Int?
  /// Whether the clock stops while the case is pending (meaningful for the SLA only).
  public var pauseWhenPending: Bool
  public var onWarn: [BundleAction]
  /// The breach actions, defaults applied: an OLA escalates when its case type can escalate
  /// it; an SLA does nothing.
  public var onBreach: [BundleAction]

  private enum CodingKeys: String, CodingKey {
    case within
    case warnPercent = "warn_percent"
    case pauseWhenPending = "pause_when_pending"
    case onWarn = "on_warn"
    case onBreach = "on_breach"
  }

  public init(
    within: BundleDuration, warnPercent: Int?, pauseWhenPending: Bool, onWarn: [BundleAction],
    onBreach: [BundleAction]
  ) {
    self.within = within
    self.warnPercent = warnPercent
    self.pauseWhenPending = pauseWhenPending
    self.onWarn = onWarn
    self.onBreach = onBreach
  }
}

/// A warning or breach action. Exactly the members of its `action` are set.
public struct BundleAction: Sendable, Hashable, Encodable {
  public enum Kind: String, Sendable, Hashable, Encodable, CaseIterable {
    case escalate
    case raisePriority = "raise_priority"
    case reassign
    case notify
  }

  public var action: Kind
  /// `raise_priority`: the amount added, up to 100.
  public var amount: Int?
  /// `reassign`: the workgroup id.
  public var target: String?
  /// `notify`: the template id.
  public var template: String?
  /// `notify`: the recipient text; `nil`: the supervisors of the target concerned.
  public var to: [BundleTextPart]?

  public init(
    _ action: Kind, amount: Int? = nil, target: String? = nil, template: String? = nil,
    to: [BundleTextPart]? = nil
  ) {
    self.action = action
    self.amount = amount
    self.target = target
    self.template = template
    self.to = to
  }
}
