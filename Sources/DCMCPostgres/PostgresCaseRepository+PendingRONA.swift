public import DCMCApplication
import DCMCCalendar

/// The RONAs ticks owe, in `dcmc_pending_ronas`: a note is the rows of one number drawn
/// from `dcmc_pending_rona_notes`, written in one statement, committed before the case
/// appends that expire their offers.
extension PostgresCaseRepository {
  public func notePendingRONAs(_ ronas: [PendingRONA]) throws(RepositoryError) -> String {
    let records: [PostgresJSON.Record] = ronas.enumerated().map { position, rona in
      [
        ("case_id", .string(rona.caseID)), ("expired", .int(rona.expired.secondsSinceEpoch)),
        ("position", .int(position)), ("task", .int(rona.task)), ("user_id", .string(rona.user)),
      ]
    }
    let note = try run { (connection) throws(PostgresError) in
      try connection.query(
        """
        WITH note AS (SELECT nextval('dcmc_pending_rona_notes') AS note),
          written AS (
            INSERT INTO dcmc_pending_ronas (note, position, case_id, task, user_id, expired)
            SELECT note.note, r.position, r.case_id, r.task, r.user_id, r.expired FROM note,
              jsonb_to_recordset($1::jsonb) AS r(position integer, case_id text, task integer, user_id text,
                expired bigint))
        SELECT note FROM note
        """, [PostgresJSON.records(records)]
      ).string(0, 0)
    }
    guard let note else { throw .unavailable(PostgresError("no note number from 'dcmc_pending_rona_notes'")) }
    return note
  }

  public func pendingRONAs() throws(RepositoryError) -> [(note: String, ronas: [PendingRONA])] {
    let rows = try run { (connection) throws(PostgresError) in
      try connection.query(
        "SELECT note, case_id, task, user_id, expired FROM dcmc_pending_ronas ORDER BY note, position")
    }
    var notes: [(note: String, ronas: [PendingRONA])] = []
    for row in rows.rows.indices {
      guard let note = rows.string(row, 0), let caseID = rows.string(row, 1), let task = rows.int(row, 2),
        let user = rows.string(row, 3), let expired = rows.int(row, 4)
      else { throw .unavailable(PostgresError("a row of 'dcmc_pending_ronas' has a null")) }
      let rona = PendingRONA(caseID: caseID, task: task, user: user, expired: Instant(secondsSinceEpoch: expired))
      if notes.last?.note == note {
        notes[notes.count - 1].ronas.append(rona)
      } else {
        notes.append((note, [rona]))
      }
    }
    return notes
  }

  public func clearPendingRONAs(_ note: String) throws(RepositoryError) {
    guard let number = Int(note) else { return }
    _ = try run { (connection) throws(PostgresError) in
      try connection.query("DELETE FROM dcmc_pending_ronas WHERE note = $1", [.int(number)])
    }
  }
}
