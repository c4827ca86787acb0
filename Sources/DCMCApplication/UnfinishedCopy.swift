/// The refusal of a store that a `dcmc store copy` into it has not finished: its mark, the
/// file store's `copy-unfinished.json` or the PostgreSQL store's row of
/// `dcmc_copy_unfinished` (schema version 13), is written before the copy writes anything
/// and removed by the copy's last step (`StoreInventory.markCopying`, `markCopied`), and
/// every command but that copy refuses a store holding it, on either store in these words
/// (audit36 L7: a copy cut short verified clean and could be served).
public struct UnfinishedCopy: Error, Sendable, Equatable, CustomStringConvertible {
  /// The store's directory; `nil` for a database, not named (its URL may hold a password).
  public var store: String?
  /// The copy's source, when the mark records it (a directory; a URL is never recorded).
  public var source: String?

  public init(store: String?, source: String?) {
    self.store = store
    self.source = source
  }

  /// `store 'copy' is an unfinished copy (a 'dcmc store copy' into it did not end): run 'dcmc
  /// store copy s copy' again to finish it; no other command uses it until then`; a database
  /// is `the database`, its copy `'dcmc store copy s' into it`.
  public var description: String {
    let copy = source.map { "'dcmc store copy \($0)" + (store.map { " \($0)'" } ?? "' into it") }
    return (store.map { "store '\($0)'" } ?? "the database")
      + " is an unfinished copy (a 'dcmc store copy' into it did not end): run "
      + (copy ?? "the 'dcmc store copy' that made it") + " again to finish it; no other command uses it until then"
  }
}
