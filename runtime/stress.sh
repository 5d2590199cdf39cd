#!/usr/bin/env sh
# Runs the full-size order stress test (4 publisher threads x 250,000 events over
# 10,000 runs, 6 handlers, 4 queue configurations) REPEAT times in a row in one JVM; every round
# checks per-run order and exact conservation. Usage: runtime/stress.sh [REPEAT, default 20]
set -eu
mkdir -p "$(dirname "$0")/target"
cd "$(dirname "$0")/.."
mvn -B -ntp -pl runtime -am verify -Pstress -Dstress.repeat="${1:-20}" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 | tee runtime/target/stress.log \
  | grep -E 'order stress|Tests run:|FAIL|BUILD'
grep -q 'BUILD SUCCESS' runtime/target/stress.log # the exit status: mvn's is lost in the pipe
