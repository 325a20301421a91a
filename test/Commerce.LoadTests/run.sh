#!/usr/bin/env bash
# The load benchmark in one command:
#   test/Commerce.LoadTests/run.sh [sqlite|postgresql] [--quick|--long] [--peer vendure] [driver options…]
# Builds Release, starts the service on a free loopback port with a fresh database (a temporary SQLite file; for
# PostgreSQL a new database on $COMMERCE_TEST_POSTGRES, else a private server started here as .ci/run does), raises
# the rate limits for the run, waits for /health/ready, runs the driver (which stocks the demo catalog through the
# API, runs the scenarios and the baselines, prints the markdown table and writes JSON), then stops everything it
# started, by PID. Bounded: --quick about 1.5 minutes, the default about 5 minutes, --long (100,000 seeded orders) about 13.
# --peer vendure runs Vendure 3.7.3's own checkout benchmark (../shared/peers/vendure) right after our scenarios, in the
# same run, and prints the ratios to it (about 1.5 minutes more; the first time also about 2 minutes of npm install into
# ~/.cache/commerce-bench, kept for later runs).
set -euo pipefail
cd "$(dirname "$0")/../.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

provider=sqlite
mode=default
peer=""
driver_args=()
expect_peer=0
for arg in "$@"; do
  if [ "$expect_peer" = 1 ]; then peer=$arg; expect_peer=0; continue; fi
  case "$arg" in
    sqlite|postgresql) provider=$arg ;;
    --quick) mode=quick ;;
    --long) mode=long ;;
    --peer) expect_peer=1 ;;
    *) driver_args+=("$arg") ;;
  esac
done
[ -z "$peer" ] || [ "$peer" = vendure ] || { echo "--peer: only vendure is known" >&2; exit 2; }
case "$mode" in
  quick)   bounds=(--checkouts 100 --reads 1000 --health-requests 2000 --contention-rounds 3 --scenario-seconds 20 --warm-up-seconds 15); limit=240 ;;
  default) bounds=(--checkouts 600 --reads 8000 --health-requests 10000 --contention-rounds 10 --scenario-seconds 60 --warm-up-seconds 30); limit=660 ;;
  long)    bounds=(--checkouts 600 --reads 8000 --health-requests 10000 --contention-rounds 10 --scenario-seconds 60 --warm-up-seconds 30 --seed-orders 100000); limit=1860 ;;
esac

# The peer: a writable copy of ../shared/peers/vendure with its npm packages, installed once and kept.
if [ "$peer" = vendure ]; then
  recipe=../shared/peers/vendure
  [ -f "$recipe/run-all.sh" ] || { echo "$recipe is missing (the shared folder must sit beside the repository)" >&2; exit 1; }
  command -v npm >/dev/null || { echo "--peer vendure needs Node.js and npm" >&2; exit 1; }
  peer_dir=${COMMERCE_BENCH_CACHE:-$HOME/.cache/commerce-bench}/vendure-3.7.3
  if [ ! -f "$peer_dir/node_modules/@vendure/core/package.json" ] || ! grep -q '"version": "3.7.3"' "$peer_dir/node_modules/@vendure/core/package.json"; then
    echo "installing Vendure 3.7.3 into $peer_dir (about 2 minutes, once)…" >&2
    rm -rf "$peer_dir" && mkdir -p "$peer_dir" && cp -r "$recipe"/. "$peer_dir"/ && chmod -R u+w "$peer_dir"
    # node-gyp builds better-sqlite3 against the installed Node headers (it cannot download them here).
    (cd "$peer_dir" && npm_config_nodedir=/usr timeout 600 npm install --no-audit --no-fund @vendure/core@3.7.3 better-sqlite3 sql.js >npm-install.log 2>&1) \
      || { echo "npm install failed; see $peer_dir/npm-install.log" >&2; exit 1; }
  else
    # The recipe's scripts may have changed since the install: refresh them, keep node_modules.
    for f in "$recipe"/*; do cp "$f" "$peer_dir/" && chmod u+w "$peer_dir/$(basename "$f")"; done
  fi
  driver_args+=(--peer-vendure "$peer_dir")
  limit=$((limit + 480))
fi

work=$(mktemp -d /tmp/commerce-bench.XXXXXX)
results_dir=test/Commerce.LoadTests/results
mkdir -p "$results_dir"
json="$results_dir/$provider-$mode-$(date -u +%Y%m%dT%H%M%SZ).json"
server_pid=""
pg_dir=""
pg_bin=""

cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$server_pid" 2>/dev/null || true
  fi
  if [ -n "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
  # The service's log (one line per request, errors with their exception) stays beside the results.
  [ -f "$work/service.log" ] && cp "$work/service.log" "${json%.json}.service.log"
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
  echo "no free port found" >&2; exit 1
}

echo "building (Release)…" >&2
dotnet build src/Commerce.Api -c Release -v quiet -nologo >/dev/null
dotnet build test/Commerce.LoadTests -c Release -v quiet -nologo >/dev/null

port=$(free_port)
env_db=()
if [ "$provider" = sqlite ]; then
  connection="Data Source=$work/commerce.db;Pooling=True;Default Timeout=30"
  env_db=(Database__Provider=Sqlite "ConnectionStrings__Commerce=Data Source=$work/commerce.db")
else
  if [ -n "${COMMERCE_TEST_POSTGRES:-}" ]; then
    base="$COMMERCE_TEST_POSTGRES"
  else
    pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (apt-get install -y postgresql), and COMMERCE_TEST_POSTGRES is not set" >&2; exit 1; }
    pg_dir=$(mktemp -d /tmp/commerce-bench-pg.XXXXXX)
    chown postgres "$pg_dir"
    pg_port=$(free_port)
    runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" \
      -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_dir -c max_connections=300" -w start >/dev/null
    base="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
  fi
  # A fresh database per run: the service creates it when it applies the migrations.
  connection="$(echo "$base" | sed -E 's/(^|;)[Dd]atabase=[^;]*//');Database=commerce_bench_$(date +%s)_$RANDOM"
  env_db=(Database__Provider=PostgreSql "ConnectionStrings__Commerce=$connection")
fi

echo "starting the service on 127.0.0.1:$port ($provider)…" >&2
(
  cd src/Commerce.Api/bin/Release/net10.0
  exec env "${env_db[@]}" \
    Urls="http://127.0.0.1:$port" Auth__Issuer="http://127.0.0.1:$port/" Auth__KeyDirectory="$work/keys" \
    Checkout__BaseUrl="http://127.0.0.1:$port/checkout" \
    Limits__PerCallerPerMinute=100000000 Limits__PerApplicationPerMinute=100000000 Limits__PerIpPerMinute=100000000 Limits__TokenRequestsPerIpPerMinute=10000 \
    ./Commerce.Api >"$work/service.log" 2>&1
) &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the service exited:" >&2; cat "$work/service.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null || { echo "the service is not ready after 60 s" >&2; exit 1; }

# Profiling: COMMERCE_BENCH_TRACE=/path/file.nettrace samples the service's CPU with dotnet-trace (a local or global
# dotnet tool on PATH) for COMMERCE_BENCH_TRACE_SECONDS (20) from COMMERCE_BENCH_TRACE_DELAY (0) seconds into the driver's
# run, and writes a speedscope file beside it.
trace_pid=""
if [ -n "${COMMERCE_BENCH_TRACE:-}" ]; then
  sleep "${COMMERCE_BENCH_TRACE_DELAY:-0}" && dotnet-trace collect -p "$server_pid" --profile dotnet-sampled-thread-time --format Speedscope -o "$COMMERCE_BENCH_TRACE" \
    --duration "00:00:00:${COMMERCE_BENCH_TRACE_SECONDS:-20}" </dev/null >"${COMMERCE_BENCH_TRACE}.log" 2>&1 &
  trace_pid=$!
  [ "${COMMERCE_BENCH_TRACE_DELAY:-0}" != 0 ] || sleep 2
fi

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
timeout --signal=INT "$limit" dotnet test/Commerce.LoadTests/bin/Release/net10.0/Commerce.LoadTests.dll \
  --base-url "http://127.0.0.1:$port" --server-pid "$server_pid" --provider "$provider" --connection-string "$connection" \
  --json "$json" --label "$mode, load average $(cut -d' ' -f1 /proc/loadavg) at start" "${bounds[@]}" "${driver_args[@]}"
if [ -n "$trace_pid" ]; then
  wait "$trace_pid" 2>/dev/null || true
  echo "trace written to $COMMERCE_BENCH_TRACE" >&2
fi
