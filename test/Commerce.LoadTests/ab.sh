#!/usr/bin/env bash
# Same-run A/B of two builds of the service, for a machine that is not quiet:
#   test/Commerce.LoadTests/ab.sh DIR_A DIR_B [rounds] [sqlite|postgresql] [driver options…]
# DIR_A and DIR_B are two build outputs (e.g. copies of src/Commerce.Api/bin/Release/net10.0 at two commits). Both
# services run side by side on free loopback ports with their own fresh database; after one warm-up each, the driver
# measures A, B, A, B… (rounds pairs, default 4, checkout and read by default) and prints the server CPU per checkout
# and per read of every round, then the medians and B ÷ A. Server CPU (utime+stime of the service's process) is what
# other work on the machine disturbs least; throughput and latency are printed too, but on a loaded machine they say
# more about the machine than about the build. AB_ENV_A / AB_ENV_B add environment variables to one side (e.g.
# AB_ENV_B="DOTNET_gcServer=0" with the same DIR twice compares a runtime setting). Stops what it started, by PID.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 2 ] || { echo "usage: $0 DIR_A DIR_B [rounds] [sqlite|postgresql] [driver options…]" >&2; exit 2; }
dir_a=$(realpath "$1"); dir_b=$(realpath "$2"); shift 2
rounds=4
if [ $# -gt 0 ] && [[ "$1" =~ ^[0-9]+$ ]]; then rounds=$1; shift; fi
provider=sqlite
if [ $# -gt 0 ] && [[ "$1" =~ ^(sqlite|postgresql)$ ]]; then provider=$1; shift; fi
extra=("$@")
[ ${#extra[@]} -gt 0 ] || extra=(--only checkout,read --checkouts 200 --reads 3000)
driver=test/Commerce.LoadTests/bin/Release/net10.0/Commerce.LoadTests.dll
[ -f "$driver" ] || dotnet build test/Commerce.LoadTests -c Release -v quiet -nologo >/dev/null

work=$(mktemp -d /tmp/commerce-ab.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    kill -KILL "$pid" 2>/dev/null || true
  done
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

declare -A port pid connection
for side in a b; do
  dir=$dir_a; side_env=${AB_ENV_A:-}
  [ $side = b ] && dir=$dir_b && side_env=${AB_ENV_B:-}
  read -r -a side_env <<<"$side_env"
  port[$side]=$(free_port)
  if [ "$provider" = sqlite ]; then
    connection[$side]="Data Source=$work/$side.db;Pooling=True;Default Timeout=30"
    env_db=(Database__Provider=Sqlite "ConnectionStrings__Commerce=Data Source=$work/$side.db")
  else
    [ -n "${COMMERCE_TEST_POSTGRES:-}" ] || { echo "set COMMERCE_TEST_POSTGRES for postgresql" >&2; exit 2; }
    connection[$side]="$(echo "$COMMERCE_TEST_POSTGRES" | sed -E 's/(^|;)[Dd]atabase=[^;]*//');Database=commerce_ab_$(date +%s)_${side}_$RANDOM"
    env_db=(Database__Provider=PostgreSql "ConnectionStrings__Commerce=${connection[$side]}")
  fi
  (
    cd "$dir"
    exec env "${env_db[@]}" "${side_env[@]}" \
      Urls="http://127.0.0.1:${port[$side]}" Auth__Issuer="http://127.0.0.1:${port[$side]}/" Auth__KeyDirectory="$work/keys-$side" \
      Checkout__BaseUrl="http://127.0.0.1:${port[$side]}/checkout" \
      Limits__PerCallerPerMinute=100000000 Limits__PerApplicationPerMinute=100000000 Limits__PerIpPerMinute=100000000 Limits__TokenRequestsPerIpPerMinute=10000 \
      ./Commerce.Api >"$work/$side.log" 2>&1
  ) &
  pid[$side]=$!
  pids+=("${pid[$side]}")
done
for side in a b; do
  for _ in $(seq 1 240); do
    curl -sf "http://127.0.0.1:${port[$side]}/health/ready" >/dev/null 2>&1 && break
    kill -0 "${pid[$side]}" 2>/dev/null || { echo "service $side exited:" >&2; cat "$work/$side.log" >&2; exit 1; }
    sleep 0.5
  done
done

run() { # side, warm-up seconds, json
  local side=$1
  timeout --signal=INT 600 dotnet "$driver" --base-url "http://127.0.0.1:${port[$side]}" --server-pid "${pid[$side]}" \
    --provider "$provider" --warm-up-seconds "$2" --json "$3" "${extra[@]}" >"$3.md" 2>&1 || { echo "driver failed on $side:" >&2; tail -20 "$3.md" >&2; exit 1; }
}
echo "machine load average $(cut -d' ' -f1-3 /proc/loadavg); warming up both…" >&2
run a 20 "$work/warm-a.json"; run b 20 "$work/warm-b.json"
for i in $(seq 1 "$rounds"); do
  for side in a b; do
    run $side 1 "$work/$side-$i.json"
    python3 - "$work/$side-$i.json" "$side" "$i" <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
out = []
for s in d["scenarios"]:
    srv = s.get("Server")
    if not srv or not s["Completed"]:
        continue
    out.append(f'{s["Scenario"]}: {srv["CpuSeconds"] * 1000 / s["Completed"]:.2f} ms CPU/{s["Unit"].rstrip("s")}, {s["PerSecond"]:.1f}/s, RSS {srv["RssMb"]:.0f} MB')
print(f"round {sys.argv[3]} {sys.argv[2].upper()}: " + "; ".join(out), flush=True)
EOF
  done
done
python3 - "$work" "$rounds" <<'EOF'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
per = {}
for side in "ab":
    for i in range(1, rounds + 1):
        for s in json.load(open(f"{work}/{side}-{i}.json"))["scenarios"]:
            if s.get("Server") and s["Completed"]:
                per.setdefault(s["Scenario"], {}).setdefault(side, []).append(
                    (s["Server"]["CpuSeconds"] * 1000 / s["Completed"], s["PerSecond"]))
print("\n| scenario | A: CPU ms per unit (median) | B | B ÷ A | A: per second (median) | B | B ÷ A |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for name, sides in per.items():
    if "a" not in sides or "b" not in sides:
        continue
    ca, cb = (statistics.median(c for c, _ in sides[x]) for x in "ab")
    ta, tb = (statistics.median(t for _, t in sides[x]) for x in "ab")
    print(f"| {name} | {ca:.2f} | {cb:.2f} | {cb / ca:.2f} | {ta:.1f} | {tb:.1f} | {tb / ta:.2f} |")
EOF
