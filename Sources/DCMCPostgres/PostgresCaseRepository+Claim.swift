public import DCMCApplication
public import DCMCCalendar

extension PostgresCaseRepository {
  /// Claims the due cases' rows with `FOR UPDATE SKIP LOCKED` in one transaction that also
  /// appends the changes decided on them and records the tick: a tick on another connection
  /// skips the rows this one holds and takes the next due ones, and a command on a claimed
  /// case waits for the transaction and then finds the version moved. Nothing is decided
  /// twice and nobody waits for another tick. A decision that fails rolls the claim back.
  public func claimTimers(
    dueBy now: Instant, limit: Int, excluding: Set<String>, tick: Instant?,
    _ decide: ([String]) throws(ServiceError) -> [CaseChangeSet]
  ) throws(ServiceError) -> TimerClaim {
    var refusal: ServiceError?
    do {
      return try pool.transaction { (connection) throws(PostgresError) in
        let rows = try connection.query(
          """
          SELECT id FROM dcmc_cases WHERE next_timer <= $1
            AND id NOT IN (SELECT jsonb_array_elements_text($2::jsonb))
          ORDER BY next_timer, id LIMIT $3 FOR UPDATE SKIP LOCKED
          """, [.int(now.secondsSinceEpoch), PostgresJSON.strings(excluding.sorted()), .int(limit)])
        let claimed = rows.rows.indices.compactMap { rows.string($0, 0) }
        let changes: [CaseChangeSet]
        do throws(ServiceError) {
          changes = try decide(claimed)
        } catch {
          refusal = error
          throw PostgresError("the tick's decision failed: \(error)")
        }
        let outcomes = try Self.write(changes, tick: tick, on: connection)
        return TimerClaim(claimed: claimed, outcomes: outcomes)
      }
    } catch {
      throw refusal ?? .repository(.unavailable(error))
    }
  }
}
