/// The schema's versions, oldest first: migration N (1-based) takes a database from version
/// N-1 to N. A migration is never edited once released; a change of schema is a new one.
///
/// Texts that order like Swift strings (case and task ids) are `COLLATE "C"`, whatever the
/// database's locale; instants are seconds since the epoch (`bigint`); states and events are
/// the JSON the file store writes (docs/store.md), kept as text, byte for byte.
enum PostgresMigrations {
  static let all: [[String]] = [version1, version2]

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
}
