#!/usr/bin/env bash
# How fast do scores reach the LMS gradebook? Latency from completion to the score arriving, and
# the throughput of a backlog after an outage, against a running Tandem and an AGS platform that
# this benchmark serves on a loopback port (docs/benchmarks.md has the results and the machine).
#
# Start Tandem with an admin password and short retries (so the backlog drains as soon as the LMS
# is back rather than at the next production retry, 30 s to 1 h later):
#
#   mvn -B -DskipTests package
#   TANDEM_ADMIN_PASSWORD=bench java -Dtandem.gradebook.retry-base-seconds=1 -Dtandem.gradebook.retry-max-seconds=1 \
#     -jar target/tandem-microbundle.jar --port 8080
#   TANDEM_ADMIN_PASSWORD=bench src/test/bench/grade-delivery.sh
#
# Settings (environment): BASE (http://localhost:8080/), LATENCY_LEARNERS (200),
# BACKLOG_LEARNERS (1000), CLIENTS (4).
set -euo pipefail
cd "$(dirname "$0")/../../.."

[[ -n "${TANDEM_ADMIN_PASSWORD:-}" ]] || { echo "grade-delivery: set TANDEM_ADMIN_PASSWORD" >&2; exit 1; }
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  -Dbase="${BASE:-http://localhost:8080/}" -Dlatency.learners="${LATENCY_LEARNERS:-200}" \
  -Dbacklog.learners="${BACKLOG_LEARNERS:-1000}" -Dclients="${CLIENTS:-4}" \
  org.tandem.gradebook.bench.GradeDeliveryBenchmark
