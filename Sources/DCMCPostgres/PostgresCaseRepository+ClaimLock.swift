public import DCMCApplication

/// One claim per user at a time (`CaseRepository.exclusively`): a transaction-scoped advisory
/// lock keyed by the user, taken on a connection of its own that holds it while the claim's
/// reads and appends run on others, and always released with that transaction (its commit,
/// its rollback, or the end of its session when the connection breaks). Every process and host
/// of the store shares it; other users' claims take other keys and do not wait.
extension PostgresCaseRepository {
  /// The class of the claim locks among the store's advisory locks ('dcmu' in ASCII): a
  /// two-key lock, which never meets the one-key locks of migrations and customer keys. Two
  /// users whose names hash alike (`hashtext`) share a key: their claims wait for each other,
  /// which costs time, never a wrong answer.
  static let claimLockClass = 0x6463_6D75

  /// The wait for another claim of `user` is bounded by the session's `statement_timeout`
  /// (`PostgresSettings.statementTimeoutMilliseconds`): past it the server cancels the wait
  /// and the claim is refused as busy, `body` not run.
  public func exclusively<Result>(claimingFor user: String, _ body: () throws(ServiceError) -> Result)
    throws(ServiceError) -> Result
  {
    var result: Result?
    var refusal: ServiceError?
    do {
      return try pool.transaction { (connection) throws(PostgresError) -> Result in
        try connection.query(
          "SELECT pg_advisory_xact_lock($1::integer, hashtext($2))", [.int(Self.claimLockClass), .string(user)])
        do throws(ServiceError) {
          let made = try body()
          result = made
          return made
        } catch {
          refusal = error
          throw PostgresError("the claim failed: \(error)")
        }
      }
    } catch {
      // The claim is made (or refused) once its body has run, whatever became of the lock's
      // transaction: its end released the lock in any case.
      if let result { return result }
      if let refusal { throw refusal }
      if error.sqlState == Self.cancelledState { throw .refused(.claimBusy(user: user)) }
      throw .repository(.unavailable(error))
    }
  }

  /// The SQLSTATE of a statement the server cancelled (`query_canceled`): here, the lock's
  /// wait ran past `statement_timeout`.
  static let cancelledState = "57014"
}
