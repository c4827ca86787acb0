import Foundation
import Testing
import _DCMCTestSupport

/// A commit that waits for a synchronous standby that is not there does not hang the command
/// (docs/postgres.md, "Failover"): past `DCM_COMMIT_TIMEOUT` the statement is cancelled and the
/// command fails in one line saying its outcome is unknown, exit 2; what the primary committed
/// before the wait stays there, whole, as the line warns.
///
/// On a cluster of its own (`.ci/postgres` inside the test, the setting made before a restart):
/// `synchronous_standby_names` is the whole cluster's, and would hold every other suite's
/// commits on the shared one.
@Suite(.enabled(if: PostgresTestDatabase.suitesRun, Comment(rawValue: PostgresTestDatabase.skipped)))
struct PostgresCommitDeadlineTests {
  /// Run under `.ci/postgres` with `dcmc` as `$1`: a store made while no standby is asked for,
  /// then a standby that does not exist asked for (server restarted), then a create with a
  /// 2-second deadline; prints its status, seconds, standard error, the backends still waiting
  /// for the standby, and `store verify`'s status once the standby is no longer asked for;
  /// then `store init` and `store copy` into fresh databases under the same deadline.
  static let script = #"""
    set -u
    dcmc="$1"
    url="$DCMC_TEST_POSTGRES"
    cluster="$(printf '%s' "$url" | sed 's/.*host=\([^&]*\).*/\1/')"
    bin="$(pg_config --bindir 2>/dev/null || true)"
    [ -x "$bin/pg_ctl" ] || bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)"
    as=()
    [ "$(id -u)" -eq 0 ] && as=(runuser -u postgres --)
    "$dcmc" store init --store "$url" >/dev/null || exit 3
    "$dcmc" deploy definitions --store "$url" >/dev/null || exit 3
    "$dcmc" deploy definitions --store "$cluster/files" >/dev/null || exit 3
    psql -X -q -d "$url" -c "CREATE DATABASE fresh_init" -c "CREATE DATABASE fresh_copy" || exit 3
    psql -X -q -d "$url" -c "ALTER SYSTEM SET synchronous_standby_names = 'missing_standby'" || exit 3
    "${as[@]}" "$bin/pg_ctl" -D "$cluster/data" -w -t 60 -m fast restart >/dev/null || exit 3
    start=$(date +%s%N)
    DCM_COMMIT_TIMEOUT=2 "$dcmc" case create technical --fields samples/fields/technical.json --as alice \
      --store "$url" >/dev/null 2>"$cluster/stderr"
    status=$?
    end=$(date +%s%N)
    echo "status $status"
    echo "seconds $(( (end - start) / 1000000000 ))"
    echo "lines $(wc -l <"$cluster/stderr")"
    echo "stderr $(head -n 1 "$cluster/stderr")"
    # store init and store copy into a database without tables: their migrations' commits
    # wait for the standby too, and stop at the same deadline.
    deadline() {
      local label="$1"
      shift
      start=$(date +%s%N)
      DCM_COMMIT_TIMEOUT=2 "$dcmc" "$@" >/dev/null 2>"$cluster/stderr"
      status=$?
      end=$(date +%s%N)
      echo "$label $status $(( (end - start) / 1000000000 )) $(head -n 1 "$cluster/stderr")"
    }
    deadline store_init store init --store "${url/\/postgres\?//fresh_init?}"
    deadline store_copy store copy "$cluster/files" "${url/\/postgres\?//fresh_copy?}"
    echo "waiting $(psql -X -qAt -d "$url" -c "SELECT count(*) FROM pg_stat_activity WHERE wait_event = 'SyncRep'")"
    psql -X -q -d "$url" -c "ALTER SYSTEM RESET synchronous_standby_names" -c "SELECT pg_reload_conf()" >/dev/null
    "$dcmc" store verify --store "$url" >/dev/null
    echo "verify $?"
    """#

  @Test func aCommitWaitingForAMissingStandbyFailsAtTheDeadlineOutcomeUnknown() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/bin/bash")
    process.arguments = [
      BinaryRunner.repositoryRoot.appendingPathComponent(".ci/postgres").path, "bash", "-c", Self.script, "deadline",
      BinaryRunner.executable.path,
    ]
    process.currentDirectoryURL = BinaryRunner.repositoryRoot
    let output = Pipe()
    process.standardOutput = output
    try process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "\(text)")
    var found: [String: String] = [:]
    for line in text.split(separator: "\n") {
      let parts = line.split(separator: " ", maxSplits: 1)
      if parts.count == 2 { found[String(parts[0])] = String(parts[1]) }
    }
    #expect(found["status"] == "2", "\(text)")
    #expect((Int(found["seconds"] ?? "") ?? 99) < 10, "the command hung: \(text)")
    #expect(found["lines"] == "1", "\(text)")
    #expect(found["stderr"]?.contains("the outcome is unknown") == true, "\(text)")
    // Cancelled on the server too: no backend is left waiting for the standby.
    #expect(found["waiting"] == "0", "\(text)")
    // What the primary committed before the wait (the create's customer record, its first
    // commit) is whole: the store verifies clean once the standby is no longer asked for.
    #expect(found["verify"] == "0", "\(text)")
    // store init and store copy take the same deadline: exit 2 within 10 s, outcome unknown.
    for command in ["store_init", "store_copy"] {
      let parts = (found[command] ?? "").split(separator: " ", maxSplits: 2)
      #expect(parts.count == 3 && parts[0] == "2", "\(command): \(text)")
      #expect(parts.count == 3 && (Int(parts[1]) ?? 99) < 10, "\(command) hung: \(text)")
      #expect(parts.count == 3 && parts[2].contains("the outcome is unknown"), "\(command): \(text)")
    }
  }
}
