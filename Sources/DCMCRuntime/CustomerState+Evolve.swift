import DCMCCalendar

extension CustomerState {
  /// The record a history leaves: `nil` when it does not start with `customer.added`.
  public static func replay(_ events: [CustomerEvent]) -> CustomerState? {
    guard let first = events.first, case .added(let added) = first.change else { return nil }
    var state = CustomerState(added, at: first.at, by: first.by, seq: first.seq)
    for event in events.dropFirst() { state.evolve(event) }
    return state
  }

  /// The record `added` makes, as event `seq` at `at` by `by`.
  public init(_ added: CustomerAdded, at: Instant, by: String?, seq: Int) {
    self.init(
      id: added.id, details: added.details, createdAt: at, createdBy: by, updatedAt: at,
      mergedInto: nil,
      version: seq)
  }

  /// Applies an event decided before; decides nothing.
  public mutating func evolve(_ event: CustomerEvent) {
    switch event.change {
    case .added(let added): self = CustomerState(added, at: event.at, by: event.by, seq: event.seq)
    case .updated(let details): self.details = details
    case .merged(let keep): mergedInto = keep
    }
    updatedAt = event.at
    version = event.seq
  }
}
