/// What mends a kind of damage `store verify` finds, on either store: the one table of
/// remedies that verify's summary line and `store copy`'s refusal name (before 7 December
/// 2026, audit36 L1, verify advised `store rebuild` for every finding, even a history that a
/// rebuild refuses or a bundle it leaves as it is).
///
/// Each finding has one remedy: `store rebuild` is the default, for what is derived from the
/// histories; a store's verify names the others by the line they go with.
public enum StoreRemedy: Int, Sendable, CaseIterable, Comparable {
  /// A file (a row) derived from the histories: `store rebuild` writes it again.
  case rebuild
  /// A history that lost acknowledged events (shorter than, or other than, what was made
  /// from it recorded; missing while its state is there): `store rebuild` refuses it unless
  /// the loss is accepted.
  case lostEvents
  /// A history that cannot make its case, record or user (corrupt, malformed, another's, not
  /// a regular file): derived from nothing, and `store rebuild` refuses it either way.
  case history
  /// A bundle or the deployment history (`deployment.json`, `deployments.jsonl`, their
  /// tables): derived from nothing, which `store rebuild` leaves as they are.
  case deployments
  /// What else nothing derives and no command writes again: an attachment, the API tokens, a
  /// status link, something other than a regular file where the store keeps one.
  case byHand

  /// Its name in `store verify --json`'s `remedies`: `rebuild`, `lost_events`, `history`,
  /// `deployments`, `by_hand`.
  public var name: String {
    switch self {
    case .rebuild: "rebuild"
    case .lostEvents: "lost_events"
    case .history: "history"
    case .deployments: "deployments"
    case .byHand: "by_hand"
    }
  }

  public static func < (left: StoreRemedy, right: StoreRemedy) -> Bool { left.rawValue < right.rawValue }

  /// What to do, one clause: `store` is the `--store` to name in the commands (`nil`: none,
  /// the store the command found), `database` whether it is a PostgreSQL store.
  public func words(store: String?, database: Bool) -> String {
    let option = store.map { " --store \($0)" } ?? ""
    switch self {
    case .rebuild:
      return "'dcmc store rebuild\(option)' rewrites the \(database ? "rows" : "files") derived from the histories"
    case .lostEvents:
      return "restore a history that lost events from a backup, or accept the loss: "
        + "'dcmc store rebuild --accept-loss\(option)' rebuilds from what it holds"
    case .history:
      return "restore a history that cannot be read, or holds another's, from a backup "
        + "('dcmc store rebuild' refuses it: nothing else holds its events)"
    case .deployments:
      return "'dcmc store rebuild' does not mend the bundles or deployments, which are derived from nothing: "
        + "'dcmc deploy BUNDLE\(option)' puts a missing bundle back (deploy the current bundle last)"
        + (database ? "" : " and writes a damaged deployment.json again")
        + "; mend the rest by hand, or restore it from a backup"
    case .byHand:
      return "restore from a backup, or mend by hand, what nothing derives and no command writes again "
        + "(an attachment, the API tokens, a status link, bytes after a log's last record, "
        + "a file of another kind where the store keeps one)"
    }
  }

  /// The remedies of `remedies` (one per finding), each once, in the table's order, joined as
  /// one sentence's clauses.
  public static func advice(_ remedies: [StoreRemedy], store: String?, database: Bool) -> String {
    Set(remedies).sorted().map { $0.words(store: store, database: database) }.joined(separator: "; ")
  }
}
