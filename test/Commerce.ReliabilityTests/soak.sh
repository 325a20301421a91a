#!/usr/bin/env bash
# The reliability suite's soak (outside CI): the kill test at soak scale on SQLite and on PostgreSQL, one after the
# other: 50 SIGKILLs and restarts and 10,000 placements per provider against a fake gateway that declines, fails,
# hangs and answers late (~17% of authorizations), the invariant checker after every restart. Each provider is
# bounded by COMMERCE_RELIABILITY_SOAK_MINUTES (default 60): no round starts after it, and the figures say how far
# it got. Needs COMMERCE_TEST_POSTGRES for the PostgreSQL half (skipped without it). Loopback only; every process it
# starts is stopped by its PID.
# Usage: test/Commerce.ReliabilityTests/soak.sh           (from the repository root)
set -uo pipefail
cd "$(dirname "$0")/../.."
export COMMERCE_RELIABILITY_SOAK=1
# -p:VSTestBlameHang=false: a soak test runs for up to an hour per provider, past the suite's per-test hang limit
dotnet test test/Commerce.ReliabilityTests -p:VSTestBlameHang=false --filter "FullyQualifiedName~Killing_the_service" --logger "console;verbosity=normal" 2>&1 \
  | grep --line-buffered -E "Killing_the_service \[|reliability \[|reliability seeds|Passed!|Failed!|^\s+Failed |Assert|Expected|But was"
status=${PIPESTATUS[0]}
exit "$status"
