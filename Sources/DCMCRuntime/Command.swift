import DCMCCalendar

/// What a user (or the clock) asks of a case. `Engine.decide` answers with the events it
/// causes, or a refusal that changes nothing.
public enum Command: Sendable, Hashable {
  /// A new case from its creation form; `sequence` numbers the case within its type
  /// (`{seq:N}` in the reference), given by the store.
  case create(type: String, fields: [String: String], sequence: Int)
  case claim(task: String)
  case assign(task: String, to: String)
  case open(task: String)
  case release(task: String)
  case complete(task: String, outcome: String, data: [String: String])
  case escalate(task: String)
  case reassign(task: String, target: String)
  /// The task's priority, 0 to 100; the one it has, given again, causes nothing.
  case setPriority(task: String, priority: Int)
  /// A new OLA of `days` (of the OLA calendar's day length) and `seconds` of business
  /// time, counted from the command's instant; it replaces the task's warning and breach.
  /// One that gives the task the plan it has (its due time and warning) causes nothing.
  case setOLA(task: String, days: Int, seconds: Int)
  /// A new SLA for the case of `days` (of the SLA calendar's day length) and `seconds` of
  /// business time, counted from the case's creation without the time its SLA stood still
  /// while pending (`Decision+SLA.swift`); it replaces the case's SLA warning and breach.
  /// The SLA a supervisor gave the case already, given again, causes nothing.
  case setSLA(days: Int, seconds: Int)
  /// Takes a queued or assigned task out of the queue until `until` (`scheduled`), its OLA
  /// clock stopped meanwhile; a scheduled task gets a new return time.
  case reschedule(task: String, until: Instant)
  /// Offers a queued push task to `to` for its offer time-out (`Decision+Offers.swift`): what
  /// the distribution decision (`Distribution`) chose. Given by the system, for nobody.
  case offer(task: String, to: String)
  /// The acting user accepts the offer made to them: the task is assigned to them.
  case acceptOffer(task: String)
  /// The acting user declines the offer made to them, with a reason code: the task goes back
  /// to the queue and is not offered to them again for its offer time-out.
  case declineOffer(task: String, reason: String)
  /// Withdraws the offer of a task standing to `from`, who left `ready` (`reason`: where
  /// they went): the task goes back to the queue. Refused when it is not offered to them
  /// any more, or past its time-out (the tick's to withdraw, as unanswered).
  case withdrawOffer(task: String, from: String, reason: String)
  /// Changes form values of the case (an empty value clears an optional field) and
  /// reclassifies its unheld tasks by the creation rules (`Decision+Reclassify.swift`).
  case update(fields: [String: String])
  case cancel
  case pend
  case resume
  case attach(Attachment)
  case link(interaction: String)
  /// Links a case that has no customer (unidentified or ambiguous) to record `customer`,
  /// which the application has resolved through merges; a closed or cancelled case too, so
  /// the customer's list holds it.
  case linkCustomer(String)
  /// Moves a case linked to record `from` to record `to`, which `from` was merged into (or a
  /// record `from` stands for): a merge moving the duplicate's cases. A case no longer linked
  /// to `from` (its customer changed meanwhile) is left as it is: nothing to decide.
  case moveCustomer(from: String, to: String)
  /// Fires every timer of the case due at or before the command's instant, in due order,
  /// each event stamped with the command's instant and each `timer.fired` with the due time
  /// it was for.
  case tick
  /// Marks a queued notification delivered (a gateway took it).
  case markDelivered(notification: String)
}

extension Command {
  /// `tick`, `markDelivered`, `offer` and `withdrawOffer` act for nobody in particular: no
  /// permission applies.
  public var isForNobody: Bool {
    switch self {
    case .tick, .markDelivered, .offer, .withdrawOffer: true
    default: false
    }
  }
}

/// Why a command was refused; the case is unchanged.
public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
  public enum Kind: String, Sendable, Hashable {
    /// An unknown case type, task, outcome, target or user.
    case notFound = "not_found"
    /// The user may not do this.
    case forbidden
    /// Not in this state: a closed case, a task someone else holds.
    case wrongState = "wrong_state"
    /// Form data or a value that does not fit the definition; `problems` lists each.
    case invalidInput = "invalid_input"
  }

  public var kind: Kind
  /// One line: lowercase, no final period.
  public var message: String
  public var problems: [String]
  /// The instants `message` quotes, in order, each written there as `Instant.description`
  /// writes it (ISO UTC, what the CLI and the API show): a page that writes times in its zone's
  /// words finds them there and writes them so.
  public var instants: [Instant] = []

  public init(_ kind: Kind, _ message: String, problems: [String] = []) {
    self.kind = kind
    self.message = message
    self.problems = problems
  }

  /// A refusal whose message quotes instants (`Words`), which it keeps in `instants`.
  public init(_ kind: Kind, quoting words: Words, problems: [String] = []) {
    self.init(kind, words.text, problems: problems)
    instants = words.instants
  }

  /// A message written by interpolation, which keeps each instant it quotes: an `Instant` is
  /// written as `Instant.description` writes it, and another refusal's message with its own.
  public struct Words: ExpressibleByStringInterpolation, Sendable, Hashable {
    public private(set) var text: String
    public private(set) var instants: [Instant]

    public init(stringLiteral value: String) { (text, instants) = (value, []) }

    public init(stringInterpolation: StringInterpolation) {
      (text, instants) = (stringInterpolation.text, stringInterpolation.instants)
    }

    public struct StringInterpolation: StringInterpolationProtocol {
      var text = ""
      var instants: [Instant] = []

      public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity) }

      public mutating func appendLiteral(_ literal: String) { text += literal }

      public mutating func appendInterpolation(_ instant: Instant) {
        text += instant.description
        instants.append(instant)
      }

      public mutating func appendInterpolation(messageOf refusal: Refusal) {
        text += refusal.message
        instants += refusal.instants
      }

      public mutating func appendInterpolation(_ words: Words) {
        text += words.text
        instants += words.instants
      }

      public mutating func appendInterpolation(_ value: some CustomStringConvertible) { text += value.description }
    }
  }

  public var description: String {
    problems.isEmpty ? message : message + ": " + problems.joined(separator: "; ")
  }
}
