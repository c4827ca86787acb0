public import DCMCCalendar
public import DCMCRuntime

// Who a change concerns for `/api/v1/events` (SPEC section 17): the users whose offers, tasks
// in hand or presence it moves. A store shared by several servers (PostgreSQL's `NOTIFY`) names
// them with the change, so that each server reads those users' snapshots again at once; the
// server's own changes reach the events through `CommitFeed`.

/// How a task takes a user's capacity, as `/api/v1/events` shows it: offered to them (until
/// `offerExpires`) or in their hands (`offerExpires` is `nil`).
public struct TaskHold: Sendable, Hashable {
  public var task: String
  public var user: String
  public var offerExpires: Instant?

  public var offered: Bool { offerExpires != nil }
}

extension TaskState {
  /// The task's hold on its holder (`holder`: in hand, or offered); `nil` for a task nobody
  /// holds. The one rule the events' snapshots, the feed and `watchers` read holds by.
  public var hold: TaskHold? {
    guard let user = holder else { return nil }
    return TaskHold(task: id, user: user, offerExpires: status == .offered ? offer?.expires : nil)
  }
}

extension CaseState {
  /// The holds of the case's active tasks.
  public var holds: [TaskHold] { activeTasks.compactMap(\.hold) }
}

extension CaseChangeSet {
  /// The users one of whose tasks this change offers, takes from them, assigns or moves out
  /// of their hands: the holders whose offer or assignment differs before and after.
  public var watchers: Set<String> {
    Set(Self.holdings(before).symmetricDifference(Self.holdings(after)).map(\.user))
  }

  private struct Holding: Hashable {
    var task: String
    var user: String
    var offered: Bool
  }

  /// Each active task's holder and whether it is offered to them.
  private static func holdings(_ state: CaseState?) -> Set<Holding> {
    Set((state?.holds ?? []).map { Holding(task: $0.task, user: $0.user, offered: $0.offered) })
  }
}
