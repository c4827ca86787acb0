extension CaseRepository {
  /// The deployed bundle and the last number of `type`, each read on its own: a store whose
  /// reads are local answers both as cheaply (the file and memory stores).
  public func deployment(lastSequenceOf type: String) throws(RepositoryError) -> (bundle: String?, lastSequence: Int) {
    (try deployedBundle(), try lastSequence(of: type))
  }
}
