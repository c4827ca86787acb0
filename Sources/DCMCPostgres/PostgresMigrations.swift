/// The schema's versions, oldest first: migration N (1-based) takes a database from version
/// N-1 to N. A migration is never edited once released; a change of schema is a new one.
///
/// Texts that order like Swift strings (case and task ids) are `COLLATE "C"`, whatever the
/// database's locale; instants are seconds since the epoch (`bigint`); states and events are
/// the JSON the file store writes (docs/store.md), kept as text, byte for byte.
enum PostgresMigrations {
  static let all: [[String]] = [
    version1, version2, version3, version4, version5, version6, version7, version8, version9, version10,
    version11, version12, version13,
  ]

  /// Bundles and deployments, case events, states, the workbin and timer indexes, request
  /// ids, numbering, attachments, the tick mark and the outbox's delivery records.
  static let version1 = [
    "CREATE TABLE dcmc_bundles (hash text PRIMARY KEY, bytes bytea NOT NULL)",
    """
    CREATE TABLE dcmc_deployments (
      number bigserial PRIMARY KEY, bundle text NOT NULL REFERENCES dcmc_bundles (hash))
    """,
    """
    CREATE TABLE dcmc_cases (
      id text COLLATE "C" PRIMARY KEY, type text NOT NULL, status text NOT NULL, customer text,
      unidentified boolean NOT NULL, created_at bigint NOT NULL, next_timer bigint,
      version integer NOT NULL CHECK (version > 0), state text NOT NULL)
    """,
    "CREATE INDEX dcmc_cases_by_creation ON dcmc_cases (created_at, id)",
    "CREATE INDEX dcmc_cases_by_timer ON dcmc_cases (next_timer, id) WHERE next_timer IS NOT NULL",
    "CREATE INDEX dcmc_cases_by_customer ON dcmc_cases (customer) WHERE customer IS NOT NULL",
    """
    CREATE TABLE dcmc_case_events (
      case_id text COLLATE "C" NOT NULL REFERENCES dcmc_cases (id), seq integer NOT NULL CHECK (seq > 0),
      event text NOT NULL, PRIMARY KEY (case_id, seq))
    """,
    """
    CREATE TABLE dcmc_tasks (
      task_id text COLLATE "C" PRIMARY KEY, case_id text COLLATE "C" NOT NULL REFERENCES dcmc_cases (id),
      target text NOT NULL, status text NOT NULL, holder text, priority integer NOT NULL, ola_due bigint,
      created_at bigint NOT NULL)
    """,
    "CREATE INDEX dcmc_tasks_by_case ON dcmc_tasks (case_id)",
    "CREATE INDEX dcmc_tasks_by_target ON dcmc_tasks (target)",
    "CREATE INDEX dcmc_tasks_by_holder ON dcmc_tasks (holder) WHERE holder IS NOT NULL",
    """
    CREATE INDEX dcmc_tasks_queued ON dcmc_tasks
      (target, (-priority), (COALESCE(ola_due, \(PostgresCaseRow.noOLA))), created_at, task_id)
      WHERE status = 'queued'
    """,
    """
    CREATE TABLE dcmc_requests (
      request text PRIMARY KEY, case_id text COLLATE "C" NOT NULL REFERENCES dcmc_cases (id))
    """,
    "CREATE TABLE dcmc_sequences (case_type text PRIMARY KEY, last integer NOT NULL)",
    "CREATE TABLE dcmc_attachments (place text PRIMARY KEY, bytes bytea NOT NULL)",
    """
    CREATE TABLE dcmc_ticks (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), at bigint NOT NULL)
    """,
    """
    CREATE TABLE dcmc_deliveries (
      notification text COLLATE "C" PRIMARY KEY, case_id text COLLATE "C" NOT NULL, lease_owner text,
      lease_expires bigint, failures integer NOT NULL, last_failure text)
    """,
  ]

  /// The other aggregates and what is derived from them: customer records (their events, the
  /// indexes by email, phone, name and merge, request ids, numbering), presence (each user's
  /// events and the columns `tick` and push offers select on), the RONAs ticks owe, the
  /// report facts (each its CSV line, dated and keyed) and the API tokens.
  static let version2 = [
    """
    CREATE TABLE dcmc_customers (
      id text COLLATE "C" PRIMARY KEY, version integer NOT NULL CHECK (version > 0),
      name_key text COLLATE "C" NOT NULL, email_key text, phone text, merged_into text COLLATE "C")
    """,
    "CREATE INDEX dcmc_customers_by_email ON dcmc_customers (email_key) WHERE merged_into IS NULL",
    "CREATE INDEX dcmc_customers_by_phone ON dcmc_customers (phone) WHERE merged_into IS NULL",
    "CREATE INDEX dcmc_customers_by_name ON dcmc_customers (name_key, id) WHERE merged_into IS NULL",
    "CREATE INDEX dcmc_customers_by_merge ON dcmc_customers (merged_into, id) WHERE merged_into IS NOT NULL",
    """
    CREATE TABLE dcmc_customer_events (
      customer_id text COLLATE "C" NOT NULL REFERENCES dcmc_customers (id), seq integer NOT NULL CHECK (seq > 0),
      event text NOT NULL, PRIMARY KEY (customer_id, seq))
    """,
    """
    CREATE TABLE dcmc_customer_requests (
      request text PRIMARY KEY, customer_id text COLLATE "C" NOT NULL REFERENCES dcmc_customers (id))
    """,
    """
    CREATE TABLE dcmc_customer_sequence (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), last integer NOT NULL)
    """,
    """
    CREATE TABLE dcmc_presence (
      user_id text COLLATE "C" PRIMARY KEY, version integer NOT NULL CHECK (version > 0), status text NOT NULL,
      wrap_up_end bigint)
    """,
    "CREATE INDEX dcmc_presence_ready ON dcmc_presence (user_id) WHERE status = 'ready'",
    "CREATE INDEX dcmc_presence_wrap_ups ON dcmc_presence (wrap_up_end, user_id) WHERE wrap_up_end IS NOT NULL",
    """
    CREATE TABLE dcmc_presence_events (
      user_id text COLLATE "C" NOT NULL REFERENCES dcmc_presence (user_id), seq integer NOT NULL CHECK (seq > 0),
      event text NOT NULL, PRIMARY KEY (user_id, seq))
    """,
    """
    CREATE TABLE dcmc_pending_ronas (
      note bigint NOT NULL, position integer NOT NULL, case_id text NOT NULL, task integer NOT NULL,
      user_id text NOT NULL, expired bigint NOT NULL, PRIMARY KEY (note, position))
    """,
    "CREATE SEQUENCE dcmc_pending_rona_notes",
    """
    CREATE TABLE dcmc_facts (
      number bigserial PRIMARY KEY, day integer NOT NULL, at bigint NOT NULL, kind text NOT NULL,
      subject text NOT NULL, seq integer NOT NULL, line text NOT NULL)
    """,
    "CREATE INDEX dcmc_facts_by_day ON dcmc_facts (day, number)",
    """
    CREATE TABLE dcmc_tokens (
      number bigserial UNIQUE, id text PRIMARY KEY, user_id text NOT NULL, salt text NOT NULL, hash text NOT NULL,
      created bigint NOT NULL, expires bigint, revoked bigint)
    """,
  ]

  /// A case change in one call (`dcmc_append_case`): the row moved from the version the
  /// change was decided on, then its events, task rows, request id, number and facts, all in
  /// the statement's own transaction, one round trip. Answers -1 when written, else the
  /// version found (0: no case), having written nothing.
  static let version3 = [
    """
    CREATE FUNCTION dcmc_append_case(
      p_id text, p_type text, p_status text, p_customer text, p_unidentified boolean, p_created_at bigint,
      p_next_timer bigint, p_version integer, p_state text, p_expected integer, p_events jsonb, p_tasks jsonb,
      p_request text, p_sequence integer, p_facts jsonb) RETURNS integer LANGUAGE plpgsql AS $$
    DECLARE
      moved integer;
      found integer;
    BEGIN
      IF p_expected = 0 THEN
        INSERT INTO dcmc_cases (id, type, status, customer, unidentified, created_at, next_timer, version, state)
        VALUES (p_id, p_type, p_status, p_customer, p_unidentified, p_created_at, p_next_timer, p_version, p_state)
        ON CONFLICT (id) DO NOTHING;
      ELSE
        UPDATE dcmc_cases SET type = p_type, status = p_status, customer = p_customer, unidentified = p_unidentified,
          created_at = p_created_at, next_timer = p_next_timer, version = p_version, state = p_state
        WHERE id = p_id AND version = p_expected;
      END IF;
      GET DIAGNOSTICS moved = ROW_COUNT;
      IF moved <> 1 THEN
        SELECT version INTO found FROM dcmc_cases WHERE id = p_id;
        RETURN COALESCE(found, 0);
      END IF;
      INSERT INTO dcmc_case_events (case_id, seq, event)
      SELECT p_id, e.seq, e.event FROM jsonb_to_recordset(p_events) AS e(seq integer, event text);
      IF p_expected <> 0 THEN
        DELETE FROM dcmc_tasks WHERE case_id = p_id;
      END IF;
      INSERT INTO dcmc_tasks (task_id, case_id, target, status, holder, priority, ola_due, created_at)
      SELECT t.task_id, p_id, t.target, t.status, t.holder, t.priority, t.ola_due, t.created_at
      FROM jsonb_to_recordset(p_tasks) AS t(
        task_id text, target text, status text, holder text, priority integer, ola_due bigint, created_at bigint);
      IF p_request IS NOT NULL THEN
        INSERT INTO dcmc_requests (request, case_id) VALUES (p_request, p_id) ON CONFLICT (request) DO NOTHING;
      END IF;
      IF p_sequence IS NOT NULL THEN
        INSERT INTO dcmc_sequences (case_type, last) VALUES (p_type, p_sequence)
        ON CONFLICT (case_type) DO UPDATE SET last = GREATEST(dcmc_sequences.last, EXCLUDED.last);
      END IF;
      INSERT INTO dcmc_facts (day, at, kind, subject, seq, line)
      SELECT f.day, f.at, f.kind, f.subject, f.seq, f.line
      FROM jsonb_to_recordset(p_facts) AS f(
        n integer, day integer, at bigint, kind text, subject text, seq integer, line text)
      ORDER BY f.n;
      RETURN -1;
    END
    $$
    """,
  ]

  /// The customers' status page links: the record each shows and a salted hash of its
  /// secret (`StatusLinkRecord`), found by id on every page, revoked per customer.
  static let version4 = [
    """
    CREATE TABLE dcmc_status_links (
      id text PRIMARY KEY, customer text NOT NULL, salt text NOT NULL, hash text NOT NULL, created bigint NOT NULL,
      revoked bigint)
    """,
    "CREATE INDEX dcmc_status_links_by_customer ON dcmc_status_links (customer) WHERE revoked IS NULL",
  ]

  /// Each UTC day's rollup of its report facts (`FactsRollup`, in its encoding), how many of
  /// the day's facts it was made from, and `last`, a number every fact it was not made from is
  /// above: a report uses a day's row while the day has no fact numbered above `last`, and
  /// rolls the day up again and writes the row otherwise (`docs/postgres.md`, "Rollups"). A
  /// cache of `dcmc_facts`, never the source: `store rebuild` deletes the rows.
  static let version5 = [
    """
    CREATE TABLE dcmc_fact_rollups (
      day integer PRIMARY KEY, facts bigint NOT NULL CHECK (facts > 0), last bigint NOT NULL, rollup bytea NOT NULL)
    """,
  ]

  /// The changes of an append in one call (`dcmc_append_cases`), which replaces
  /// `dcmc_append_case`: a group commit's round is one statement, its own transaction, one
  /// round trip (before: `BEGIN`, a call per change, `COMMIT`). The lists go as arrays of
  /// texts, a column at a time, rather than as JSON holding JSON texts (`PostgresColumns`);
  /// each event, task and fact names its change by its place in the arrays (1-based). Each
  /// case row moves from its change's expected version, in the order given (the caller's
  /// order of case ids); the rows of the changes written are then inserted a table at a time,
  /// a case's task rows those of its last change written. Answers one integer per change: -1
  /// when written, else the version found (0: no case), that change having written nothing.
  /// Also notifies the listeners the changes written name, and moves the tick mark.
  static let version6 = [
    """
    CREATE FUNCTION dcmc_append_cases(
      p_ids text[], p_types text[], p_statuses text[], p_customers text[], p_unidentified boolean[],
      p_created_at bigint[], p_next_timers bigint[], p_versions integer[], p_states text[], p_expected integer[],
      p_requests text[], p_sequences integer[], p_notices text[], p_tick bigint,
      p_event_of integer[], p_event_seqs integer[], p_events text[],
      p_task_of integer[], p_task_ids text[], p_task_targets text[], p_task_statuses text[], p_task_holders text[],
      p_task_priorities integer[], p_task_ola_dues bigint[], p_task_created_at bigint[],
      p_fact_of integer[], p_fact_days integer[], p_fact_at bigint[], p_fact_kinds text[], p_fact_subjects text[],
      p_fact_seqs integer[], p_fact_lines text[]) RETURNS integer[] LANGUAGE plpgsql AS $$
    DECLARE
      answers integer[] := '{}';
      written integer[] := '{}';
      moved integer;
      found integer;
    BEGIN
      FOR i IN 1 .. COALESCE(array_length(p_ids, 1), 0) LOOP
        IF p_expected[i] = 0 THEN
          INSERT INTO dcmc_cases (id, type, status, customer, unidentified, created_at, next_timer, version, state)
          VALUES (p_ids[i], p_types[i], p_statuses[i], p_customers[i], p_unidentified[i], p_created_at[i],
            p_next_timers[i], p_versions[i], p_states[i])
          ON CONFLICT (id) DO NOTHING;
        ELSE
          UPDATE dcmc_cases SET type = p_types[i], status = p_statuses[i], customer = p_customers[i],
            unidentified = p_unidentified[i], created_at = p_created_at[i], next_timer = p_next_timers[i],
            version = p_versions[i], state = p_states[i]
          WHERE id = p_ids[i] AND version = p_expected[i];
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
      IF cardinality(written) > 0 THEN
        INSERT INTO dcmc_case_events (case_id, seq, event)
        SELECT p_ids[e.c], e.seq, e.event FROM unnest(p_event_of, p_event_seqs, p_events) AS e(c, seq, event)
        WHERE e.c = ANY (written);
        DELETE FROM dcmc_tasks WHERE case_id = ANY (SELECT p_ids[w] FROM unnest(written) AS w WHERE p_expected[w] <> 0);
        INSERT INTO dcmc_tasks (task_id, case_id, target, status, holder, priority, ola_due, created_at)
        SELECT t.task_id, p_ids[t.c], t.target, t.status, t.holder, t.priority, t.ola_due, t.created_at
        FROM unnest(p_task_of, p_task_ids, p_task_targets, p_task_statuses, p_task_holders, p_task_priorities,
          p_task_ola_dues, p_task_created_at) AS t(c, task_id, target, status, holder, priority, ola_due, created_at)
        WHERE t.c = ANY (written)
          AND NOT EXISTS (SELECT FROM unnest(written) AS w WHERE w > t.c AND p_ids[w] = p_ids[t.c]);
        INSERT INTO dcmc_requests (request, case_id)
        SELECT p_requests[w], p_ids[w] FROM unnest(written) AS w WHERE p_requests[w] IS NOT NULL
        ON CONFLICT (request) DO NOTHING;
        INSERT INTO dcmc_sequences (case_type, last)
        SELECT p_types[w], max(p_sequences[w]) FROM unnest(written) AS w WHERE p_sequences[w] IS NOT NULL
        GROUP BY p_types[w]
        ON CONFLICT (case_type) DO UPDATE SET last = GREATEST(dcmc_sequences.last, EXCLUDED.last);
        INSERT INTO dcmc_facts (day, at, kind, subject, seq, line)
        SELECT f.day, f.at, f.kind, f.subject, f.seq, f.line
        FROM unnest(p_fact_of, p_fact_days, p_fact_at, p_fact_kinds, p_fact_subjects, p_fact_seqs, p_fact_lines)
          WITH ORDINALITY AS f(c, day, at, kind, subject, seq, line, n)
        WHERE f.c = ANY (written) ORDER BY f.n;
        PERFORM \(PostgresEventListener.notify("p_notices[w]"))
        FROM unnest(written) AS w WHERE p_notices[w] IS NOT NULL;
      END IF;
      IF p_tick IS NOT NULL THEN
        INSERT INTO dcmc_ticks (at) VALUES (p_tick)
        ON CONFLICT (only_row) DO UPDATE SET at = GREATEST(dcmc_ticks.at, EXCLUDED.at);
      END IF;
      RETURN answers;
    END
    $$
    """,
    """
    DROP FUNCTION dcmc_append_case(
      text, text, text, text, boolean, bigint, bigint, integer, text, integer, jsonb, jsonb, text, integer, jsonb)
    """,
  ]

  /// The rollups kept uncompressed (`STORAGE EXTERNAL`: out of line, as before, but not
  /// compressed with pglz): every report reads a month's rows, about 26 MB at 1,000,000
  /// cases, which the server decompressed on each report (compressed, they took 11 MB). The
  /// rows kept are rewritten so (a cache: about twice the disk, read without decompressing).
  static let version7 = [
    "ALTER TABLE dcmc_fact_rollups ALTER COLUMN rollup SET STORAGE EXTERNAL",
    "UPDATE dcmc_fact_rollups SET rollup = rollup || '\\x'::bytea",
  ]

  /// The append made cheaper for the server (issue 20: a create's CPU beside `pgbench -N`):
  ///
  /// - No foreign keys from the events, task rows and request ids to their case row: each
  ///   row inserted ran a trigger and a query locking the case row (five a create), a tenth of
  ///   a backend's time under load. `dcmc_append_cases` writes those rows only for a case row
  ///   it has just written in the same statement, nothing deletes case rows, and `store verify`
  ///   looks for rows of a case without its row (`PostgresStoreCheck`), which a rebuild writes
  ///   again from the history.
  /// - A call of creations only (a round of `serve`'s creates) inserts its case rows in one
  ///   statement, in the order given, rather than one statement per change; a row whose id is
  ///   taken is not written (`ON CONFLICT DO NOTHING`, as before) and answers the version found.
  ///   Any other call moves its rows one change at a time, as version 6's.
  /// - A statement with nothing to do is not run (no task rows to delete for creations, no
  ///   request ids, numbers, facts or notices): each costs the executor's set-up even empty.
  ///
  /// Same parameters and answers as version 6's.
  static let version8 = [
    "ALTER TABLE dcmc_case_events DROP CONSTRAINT dcmc_case_events_case_id_fkey",
    "ALTER TABLE dcmc_tasks DROP CONSTRAINT dcmc_tasks_case_id_fkey",
    "ALTER TABLE dcmc_requests DROP CONSTRAINT dcmc_requests_case_id_fkey",
    """
    CREATE OR REPLACE FUNCTION dcmc_append_cases(
      p_ids text[], p_types text[], p_statuses text[], p_customers text[], p_unidentified boolean[],
      p_created_at bigint[], p_next_timers bigint[], p_versions integer[], p_states text[], p_expected integer[],
      p_requests text[], p_sequences integer[], p_notices text[], p_tick bigint,
      p_event_of integer[], p_event_seqs integer[], p_events text[],
      p_task_of integer[], p_task_ids text[], p_task_targets text[], p_task_statuses text[], p_task_holders text[],
      p_task_priorities integer[], p_task_ola_dues bigint[], p_task_created_at bigint[],
      p_fact_of integer[], p_fact_days integer[], p_fact_at bigint[], p_fact_kinds text[], p_fact_subjects text[],
      p_fact_seqs integer[], p_fact_lines text[]) RETURNS integer[] LANGUAGE plpgsql AS $$
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
          INSERT INTO dcmc_cases (id, type, status, customer, unidentified, created_at, next_timer, version, state)
          SELECT c.id, c.type, c.status, c.customer, c.unidentified, c.created_at, c.next_timer, c.version, c.state
          FROM unnest(p_ids, p_types, p_statuses, p_customers, p_unidentified, p_created_at, p_next_timers, p_versions,
            p_states) WITH ORDINALITY AS c(id, type, status, customer, unidentified, created_at, next_timer, version, state, n)
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
            INSERT INTO dcmc_cases (id, type, status, customer, unidentified, created_at, next_timer, version, state)
            VALUES (p_ids[i], p_types[i], p_statuses[i], p_customers[i], p_unidentified[i], p_created_at[i],
              p_next_timers[i], p_versions[i], p_states[i])
            ON CONFLICT (id) DO NOTHING;
          ELSE
            UPDATE dcmc_cases SET type = p_types[i], status = p_statuses[i], customer = p_customers[i],
              unidentified = p_unidentified[i], created_at = p_created_at[i], next_timer = p_next_timers[i],
              version = p_versions[i], state = p_states[i]
            WHERE id = p_ids[i] AND version = p_expected[i];
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

  /// The fence of `serve`'s writes (issue 20): one version row, `dcmc_store_version`, moved
  /// by every change of the tokens or the deployments, by triggers in the change's own
  /// transaction (a row-level trigger: a revocation of a token revoked already moves nothing).
  /// A write decided on the versions a server read earlier names the row's version, and
  /// `dcmc_fence` reads the row `FOR SHARE` in the write's transaction and refuses it whole
  /// (SQLSTATE `DCF01`) when the row moved: a revocation or deployment that committed first
  /// counts, and one that commits later waits for the write's commit (its update of the row
  /// waits for the share lock). Idempotent: a store that has the row keeps its version.
  static let version9 = [
    """
    CREATE TABLE IF NOT EXISTS dcmc_store_version (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row), version bigint NOT NULL)
    """,
    "INSERT INTO dcmc_store_version (version) VALUES (1) ON CONFLICT (only_row) DO NOTHING",
    """
    CREATE OR REPLACE FUNCTION dcmc_move_store_version() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE dcmc_store_version SET version = version + 1;
      RETURN NULL;
    END
    $$
    """,
    "DROP TRIGGER IF EXISTS dcmc_tokens_move_version ON dcmc_tokens",
    """
    CREATE TRIGGER dcmc_tokens_move_version AFTER INSERT OR UPDATE OR DELETE ON dcmc_tokens
    FOR EACH ROW EXECUTE FUNCTION dcmc_move_store_version()
    """,
    "DROP TRIGGER IF EXISTS dcmc_deployments_move_version ON dcmc_deployments",
    """
    CREATE TRIGGER dcmc_deployments_move_version AFTER INSERT OR UPDATE OR DELETE ON dcmc_deployments
    FOR EACH ROW EXECUTE FUNCTION dcmc_move_store_version()
    """,
    """
    CREATE OR REPLACE FUNCTION dcmc_fence(p_expected bigint) RETURNS bigint LANGUAGE plpgsql AS $$
    DECLARE
      current bigint;
    BEGIN
      SELECT version INTO current FROM dcmc_store_version FOR SHARE;
      IF current IS DISTINCT FROM p_expected THEN
        RAISE EXCEPTION 'the store''s versions moved from % to %', p_expected, current USING ERRCODE = '\(PostgresError.versionsMovedState)';
      END IF;
      RETURN current;
    END
    $$
    """,
  ]

  /// The customers' name keys in Unicode's composed form (`CustomerNameKey`: NFC since this
  /// version), so that a name written decomposed is found under either spelling. A database
  /// not encoded in UTF-8 has no `normalize`; its keys are left as they are.
  static let version10 = [
    """
    DO $$
    BEGIN
      IF current_setting('server_encoding') = 'UTF8' THEN
        UPDATE dcmc_customers SET name_key = normalize(name_key, NFC) WHERE name_key IS NOT NFC NORMALIZED;
      END IF;
    END
    $$
    """
  ]
}
