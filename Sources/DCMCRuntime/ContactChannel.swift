/// The channel a case came in by (`case create --channel`): recorded on the case, and it
/// decides which of the customer's keys is tried first (a text or a call: the phone number).
public enum ContactChannel: String, Sendable, Hashable, CaseIterable {
  case email, chat, sms, voice, web, api

  /// Whether the customer is identified by phone number before email.
  public var triesPhoneFirst: Bool { self == .sms || self == .voice }
}
