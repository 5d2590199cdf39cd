#!/usr/bin/env bash
# Reproduces docs/BENCHMARKS.md: builds the uber-jar, runs every scenario once, writes
# docs/benchmarks/results.json, then renders docs/benchmarks/chart.svg and the tables in docs/BENCHMARKS.md.
# About 10 minutes on 2 cores (556 s of measuring in the recorded run). Run from anywhere:  benchmarks/run.sh
#   SKIP_BUILD=1   reuse benchmarks/target/benchmarks.jar
#   QUICK=1        reduced suite (1 warm-up + 2 measurement iterations of 0.5 s, 2 forks for cold start);
#                  for trying things out, not for the report
#   JMH_ARGS=...   extra JMH options for scenarios 0-3 (e.g. "-p design=zapjobs,direct")
#   ONLY=4,6       only scenarios 4 (start-up) and 6 (compile time, 5 repetitions), 10-20 minutes:
#                  results.json keeps the other scenarios and says when 4 and 6 were measured again
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=benchmarks/target/run
JAR=benchmarks/target/benchmarks.jar
mkdir -p "$OUT" docs/benchmarks
rm -f "$OUT"/*.json "$OUT"/*.jsonl

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -ntp -q -pl benchmarks -am package -DskipTests
fi

# A private copy of the processor jar: other builds may rewrite processor/target while this runs.
cp "$(ls processor/target/zapjobs-events-processor-*.jar | grep -v -e original -e sources -e javadoc | sed -n 1p)" "$OUT/processor.jar"
# greenrobot's index processor, the compile-time peer (copied there by the benchmarks module's build)
GREENROBOT=$(ls "$ROOT"/benchmarks/target/compile-peers/greenrobot/*.jar | paste -sd: -)
HEAP=(-Xms2g -Xmx2g)
SIDECAR=(-Dbench.sidecar="$ROOT/$OUT/sidecar.jsonl")
REDUCE=()
COLD_FORKS=()
if [[ "${QUICK:-0}" == 1 ]]; then
  REDUCE=(-wi 1 -i 2 -w 500ms -r 500ms)
  COLD_FORKS=(-f 2)
fi

cat /proc/loadavg > "$OUT/loadavg-start"
# The project's version, from the parent pom (the first <version> after the parent's own artifactId).
VERSION=$(sed -n '/<artifactId>zapjobs-events-parent<\/artifactId>/,/<\/version>/s/.*<version>\(.*\)<\/version>.*/\1/p' pom.xml)
start=$(date +%s)
if [[ "${ONLY:-}" == "4,6" ]]; then
  java "${SIDECAR[@]}" -jar "$JAR" 'scenarios\.StartUp' -jvmArgsAppend "${HEAP[*]}" \
    -rf json -rff "$OUT/jmh-startup.json" "${COLD_FORKS[@]}"
  java "${HEAP[@]}" -Dprocessor.path="$OUT/processor.jar" -Dgreenrobot.processor.path="$GREENROBOT" \
    -cp "$JAR" dev.zapjobs.events.bench.harness.CompileTime \
    "$OUT/compile.json" 1000 "$([[ "${QUICK:-0}" == 1 ]] && echo 2 || echo 5)"
  end=$(date +%s)
  python3 docs/benchmarks/report.py patch --results docs/benchmarks/results.json \
    --jmh "$OUT/jmh-startup.json" --sidecar "$OUT/sidecar.jsonl" --compile "$OUT/compile.json" \
    --seconds $((end - start)) --command "ONLY=4,6 benchmarks/run.sh" --load-at-start "$(cat "$OUT/loadavg-start")"
  python3 docs/benchmarks/report.py render --results docs/benchmarks/results.json \
    --svg docs/benchmarks/chart.svg --doc docs/BENCHMARKS.md
  echo "done in $((end - start)) s: scenarios 4 and 6 in docs/benchmarks/results.json and docs/BENCHMARKS.md"
  exit 0
fi
# Scenarios 0-3: sparse events, publish cost (1/4/16 handlers), sustained load, end to end.
java "${SIDECAR[@]}" -jar "$JAR" 'scenarios\.(SparseEvents|PublishCost|SustainedLoad|EndToEnd)' \
  -prof gc -jvmArgsAppend "${HEAP[*]}" -rf json -rff "$OUT/jmh-load.json" "${REDUCE[@]}" ${JMH_ARGS:-}
# Scenario 4: start-up, fresh JVMs (iteration counts are part of each benchmark; never overridden).
java "${SIDECAR[@]}" -jar "$JAR" 'scenarios\.StartUp' -jvmArgsAppend "${HEAP[*]}" \
  -rf json -rff "$OUT/jmh-startup.json" "${COLD_FORKS[@]}"
# Scenario 5: idle CPU and delivery delay.
java "${HEAP[@]}" -cp "$JAR" dev.zapjobs.events.bench.harness.IdleAndDelay "$OUT/idle.json"
# Scenario 6: compile time with and without the processor (its own shaded jar, as users get it).
java "${HEAP[@]}" -Dprocessor.path="$OUT/processor.jar" -Dgreenrobot.processor.path="$GREENROBOT" \
  -cp "$JAR" dev.zapjobs.events.bench.harness.CompileTime \
  "$OUT/compile.json" 1000 "$([[ "${QUICK:-0}" == 1 ]] && echo 2 || echo 3)"
end=$(date +%s)

LOAD_AT_START=$(cat "$OUT/loadavg-start")
python3 docs/benchmarks/report.py merge --load-at-start "$LOAD_AT_START" \
  --version "$VERSION" \
  --jmh "$OUT/jmh-load.json" "$OUT/jmh-startup.json" --sidecar "$OUT/sidecar.jsonl" \
  --idle "$OUT/idle.json" --compile "$OUT/compile.json" \
  --seconds $((end - start)) --quick "${QUICK:-0}" --command "benchmarks/run.sh" \
  --out docs/benchmarks/results.json
python3 docs/benchmarks/report.py render --results docs/benchmarks/results.json \
  --svg docs/benchmarks/chart.svg --doc docs/BENCHMARKS.md
echo "done in $((end - start)) s: docs/benchmarks/results.json, docs/benchmarks/chart.svg, docs/BENCHMARKS.md"
