extension PostgresMigrations {
  /// The mark of a `store copy` into the store that has not ended (docs/postgres.md, "Copying
  /// a store"): `dcmc_copy_unfinished`, at most one row, holding the copy's source when it
  /// named one; inserted in a transaction of its own before the copy writes anything, deleted
  /// by the copy's last step, and every command but the copy refuses a store that holds it
  /// (`PostgresCaseRepository.open`, `UnfinishedCopy`).
  static let version13 = [
    "CREATE TABLE dcmc_copy_unfinished (only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), source text)"
  ]
}
