#!/usr/bin/env bash
# Measures state bootstrap (batch) against streaming the same days through the job (RocksDB), and state inspect
# of the bootstrap's savepoint: wall time and peak memory (/usr/bin/time -v), with the load average before each.
# Usage: scripts/bench-state.sh SALES_WIDE_FILE CALENDAR FIRST_DAY LAST_DAY [OUT_DIR]
#   e.g. scripts/bench-state.sh ../shared/data/m5/sales_all30490_d1762-d1969.csv.gz ../shared/data/m5/calendar.csv \
#        d_1854 d_1913        (the seed's 60-day warm-up of 30,490 series: 1.83 M events)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SALES="$(realpath "$1")"; CALENDAR="$(realpath "$2")"; FIRST="$3"; LAST="$4"
OUT="$(realpath -m "${5:-$ROOT/out/bench-state}")"
rm -rf "$OUT"; mkdir -p "$OUT"
JOB=(jobs/m5-seed.yaml --set source.path="$SALES" --set source.calendar="$CALENDAR" --set source.firstDay="$FIRST"
     --set source.lastDay="$LAST" --set runtime.stateBackend=rocksdb)
measure() { # NAME COMMAND...
  local name="$1"; shift
  echo "== $name (load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
  /usr/bin/time -v "$@" > "$OUT/$name.out" 2> "$OUT/$name.time" || { cat "$OUT/$name.out" "$OUT/$name.time"; exit 1; }
  grep -E "^streamcast: (done|bootstrap)|^keys:" "$OUT/$name.out" || true
  grep -E "Elapsed \(wall clock\)|Maximum resident set size" "$OUT/$name.time"
}
cd "$ROOT"
bin/streamcast --version > /dev/null # builds first if needed, outside the measures
measure bootstrap bin/streamcast state bootstrap "${JOB[@]}" --out "$OUT/savepoint"
measure streaming bin/streamcast run "${JOB[@]}" --local --set runtime.webUi=false \
  --set output.path="$OUT/streaming" --set runtime.checkpointDir="$OUT/checkpoints"
measure inspect bin/streamcast state inspect "$OUT/savepoint" --out "$OUT/models.csv"
