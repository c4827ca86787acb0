import DCMCRuntime

// Who a change concerns for `/api/v1/events` (SPEC section 17): the users whose offers, tasks
// in hand or presence it moves. A store shared by several servers (PostgreSQL's `NOTIFY`) names
// them with the change, so that each server reads those users' snapshots again at once.

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

  /// Each active task's holder: the user it is offered to, else its assignee.
  private static func holdings(_ state: CaseState?) -> Set<Holding> {
    var holdings: Set<Holding> = []
    for task in state?.activeTasks ?? [] {
      if task.status == .offered, let offer = task.offer {
        holdings.insert(Holding(task: task.id, user: offer.to, offered: true))
      } else if let assignee = task.assignee {
        holdings.insert(Holding(task: task.id, user: assignee, offered: false))
      }
    }
    return holdings
  }
}
