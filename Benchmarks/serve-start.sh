# Sourced by the benchmarks that load `dcmc serve` (serve-load.sh, postgres-load.sh): starting
# the server on a free loopback port and the wrk script of a case create. Needs $DCMC and $work.

# Starts `dcmc serve` with THREADS threads on the store DCM_STORE names, its output in
# $work/serve.out; sets `server` (its pid) and `base` (its URL). At most 30 s for its first
# line: a server that cannot start fails the run.
start_serve() {
  "$DCMC" serve --listen 127.0.0.1:0 --threads "$1" --every 1h >"$work/serve.out" 2>/dev/null &
  server=$!
  for _ in $(seq 300); do
    grep -q '^listening on ' "$work/serve.out" 2>/dev/null && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  grep -q '^listening on ' "$work/serve.out" 2>/dev/null || { echo "$(basename "$0"): dcmc serve did not start" >&2; exit 1; }
  base=$(sed -n 's/^listening on //p' "$work/serve.out")
}

# Writes $work/create.lua: wrk's POST of a Technical case with the bearer token TOKEN.
write_create_script() {
  cat >"$work/create.lua" <<LUA
wrk.method = "POST"
wrk.headers["Authorization"] = "Bearer $1"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"type": "technical", "fields": {"Customer_Name": "Jane Doe", "Customer_Email": "jane@example.com", "Product": "internet", "Problem_Description": "no signal"}}'
LUA
}
