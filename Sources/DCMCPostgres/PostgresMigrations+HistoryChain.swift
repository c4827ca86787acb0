extension PostgresMigrations {
  /// How far each case's history went (`HistoryChain`, docs/postgres.md, "A case's history
  /// chain"): `dcmc_cases.chain`, the chain of the case's events in `dcmc_case_events` up to
  /// its `version` (`crc32c:` and 8 hex digits; each event's own CRC-32C is that of its text),
  /// `NULL` in the rows written before (nothing to compare: `store rebuild` writes it), and
  /// `dcmc_append_cases` replaced by one that writes it: two more parameters, the chain each
  /// change's row gets (`p_chains`, computed by dcmc from the chain so far and the change's
  /// events) and the one it was computed from (`p_bases`): a row is moved only from that
  /// chain (`IS NOT DISTINCT FROM`, so a row with none is moved from none), as from its
  /// version, else the change answers the version found, having written nothing. The rest as
  /// version 8's.
  static let version12 = [
    "ALTER TABLE dcmc_cases ADD COLUMN chain text",
    """
    DROP FUNCTION dcmc_append_cases(
      text[], text[], text[], text[], boolean[], bigint[], bigint[], integer[], text[], integer[], text[], integer[],
      text[], bigint, integer[], integer[], text[], integer[], text[], text[], text[], text[], integer[], bigint[],
      bigint[], integer[], integer[], bigint[], text[], text[], integer[], text[])
    """,
    """
    CREATE FUNCTION dcmc_append_cases(
      p_ids text[], p_types text[], p_statuses text[], p_customers text[], p_unidentified boolean[],
      p_created_at bigint[], p_next_timers bigint[], p_versions integer[], p_states text[], p_expected integer[],
      p_requests text[], p_sequences integer[], p_notices text[], p_tick bigint,
      p_event_of integer[], p_event_seqs integer[], p_events text[],
      p_task_of integer[], p_task_ids text[], p_task_targets text[], p_task_statuses text[], p_task_holders text[],
      p_task_priorities integer[], p_task_ola_dues bigint[], p_task_created_at bigint[],
      p_fact_of integer[], p_fact_days integer[], p_fact_at bigint[], p_fact_kinds text[], p_fact_subjects text[],
      p_fact_seqs integer[], p_fact_lines text[], p_chains text[], p_bases text[])
      RETURNS integer[] LANGUAGE plpgsql AS $$
    DECLARE
      answers integer[] := '{}';
      written integer[] := '{}';
      moved integer;
      found integer;
    BEGIN
      IF cardinality(array_remove(p_expected, 0)) = 0 THEN
        -- Creations only: their rows in one statement, in the order given. A row whose id is
        -- taken (by another writer, or by an earlier change of this call) is not written.
        WITH made AS (
          INSERT INTO dcmc_cases (
            id, type, status, customer, unidentified, created_at, next_timer, version, state, chain)
          SELECT c.id, c.type, c.status, c.customer, c.unidentified, c.created_at, c.next_timer, c.version, c.state,
            c.chain
          FROM unnest(p_ids, p_types, p_statuses, p_customers, p_unidentified, p_created_at, p_next_timers, p_versions,
            p_states, p_chains)
            WITH ORDINALITY
            AS c(id, type, status, customer, unidentified, created_at, next_timer, version, state, chain, n)
          ORDER BY c.n
          ON CONFLICT (id) DO NOTHING RETURNING id)
        SELECT COALESCE(array_agg(c.n::integer ORDER BY c.n), '{}') INTO written
        FROM unnest(p_ids) WITH ORDINALITY AS c(id, n)
        WHERE c.id IN (SELECT id FROM made) AND c.n = array_position(p_ids, c.id);
        IF cardinality(written) = cardinality(p_ids) THEN
          answers := array_fill(-1, ARRAY[cardinality(p_ids)]);
        ELSE
          SELECT array_agg(CASE WHEN c.n = ANY (written) THEN -1
            ELSE COALESCE((SELECT version FROM dcmc_cases WHERE id = c.id), 0) END ORDER BY c.n) INTO answers
          FROM unnest(p_ids) WITH ORDINALITY AS c(id, n);
        END IF;
      ELSE
        FOR i IN 1 .. COALESCE(array_length(p_ids, 1), 0) LOOP
          IF p_expected[i] = 0 THEN
            INSERT INTO dcmc_cases (
              id, type, status, customer, unidentified, created_at, next_timer, version, state, chain)
            VALUES (p_ids[i], p_types[i], p_statuses[i], p_customers[i], p_unidentified[i], p_created_at[i],
              p_next_timers[i], p_versions[i], p_states[i], p_chains[i])
            ON CONFLICT (id) DO NOTHING;
          ELSE
            UPDATE dcmc_cases SET type = p_types[i], status = p_statuses[i], customer = p_customers[i],
              unidentified = p_unidentified[i], created_at = p_created_at[i], next_timer = p_next_timers[i],
              version = p_versions[i], state = p_states[i], chain = p_chains[i]
            WHERE id = p_ids[i] AND version = p_expected[i] AND chain IS NOT DISTINCT FROM p_bases[i];
          END IF;
          GET DIAGNOSTICS moved = ROW_COUNT;
          IF moved = 1 THEN
            answers := answers || -1;
            written := written || i;
          ELSE
            SELECT version INTO found FROM dcmc_cases WHERE id = p_ids[i];
            answers := answers || COALESCE(found, 0);
          END IF;
        END LOOP;
      END IF;
      IF cardinality(written) > 0 THEN
        INSERT INTO dcmc_case_events (case_id, seq, event)
        SELECT p_ids[e.c], e.seq, e.event FROM unnest(p_event_of, p_event_seqs, p_events) AS e(c, seq, event)
        WHERE e.c = ANY (written);
        IF cardinality(array_remove(p_expected, 0)) > 0 THEN
          DELETE FROM dcmc_tasks WHERE case_id = ANY (SELECT p_ids[w] FROM unnest(written) AS w WHERE p_expected[w] <> 0);
        END IF;
        IF cardinality(p_task_of) > 0 THEN
          INSERT INTO dcmc_tasks (task_id, case_id, target, status, holder, priority, ola_due, created_at)
          SELECT t.task_id, p_ids[t.c], t.target, t.status, t.holder, t.priority, t.ola_due, t.created_at
          FROM unnest(p_task_of, p_task_ids, p_task_targets, p_task_statuses, p_task_holders, p_task_priorities,
            p_task_ola_dues, p_task_created_at) AS t(c, task_id, target, status, holder, priority, ola_due, created_at)
          WHERE t.c = ANY (written)
            AND NOT EXISTS (SELECT FROM unnest(written) AS w WHERE w > t.c AND p_ids[w] = p_ids[t.c]);
        END IF;
        IF cardinality(array_remove(p_requests, NULL)) > 0 THEN
          INSERT INTO dcmc_requests (request, case_id)
          SELECT p_requests[w], p_ids[w] FROM unnest(written) AS w WHERE p_requests[w] IS NOT NULL
          ON CONFLICT (request) DO NOTHING;
        END IF;
        IF cardinality(array_remove(p_sequences, NULL)) > 0 THEN
          INSERT INTO dcmc_sequences (case_type, last)
          SELECT p_types[w], max(p_sequences[w]) FROM unnest(written) AS w WHERE p_sequences[w] IS NOT NULL
          GROUP BY p_types[w]
          ON CONFLICT (case_type) DO UPDATE SET last = GREATEST(dcmc_sequences.last, EXCLUDED.last);
        END IF;
        IF cardinality(p_fact_of) > 0 THEN
          INSERT INTO dcmc_facts (day, at, kind, subject, seq, line)
          SELECT f.day, f.at, f.kind, f.subject, f.seq, f.line
          FROM unnest(p_fact_of, p_fact_days, p_fact_at, p_fact_kinds, p_fact_subjects, p_fact_seqs, p_fact_lines)
            WITH ORDINALITY AS f(c, day, at, kind, subject, seq, line, n)
          WHERE f.c = ANY (written) ORDER BY f.n;
        END IF;
        IF cardinality(array_remove(p_notices, NULL)) > 0 THEN
          PERFORM \(PostgresEventListener.notify("p_notices[w]"))
          FROM unnest(written) AS w WHERE p_notices[w] IS NOT NULL;
        END IF;
      END IF;
      IF p_tick IS NOT NULL THEN
        INSERT INTO dcmc_ticks (at) VALUES (p_tick)
        ON CONFLICT (only_row) DO UPDATE SET at = GREATEST(dcmc_ticks.at, EXCLUDED.at);
      END IF;
      RETURN answers;
    END
    $$
    """,
  ]
}
