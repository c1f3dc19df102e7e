#!/usr/bin/env bash
# A class of 32 opens Tandem at once: full LTI 1.3 launches (login initiation, the platform's
# authorization step, the id_token form_post, the landing page) and learners answering an
# assessment, through real HTTP, with Tandem's CPU time per launch from /proc (docs/benchmarks.md
# has the results and the machine).
#
# By default it starts Tandem itself from the microbundle in a fresh directory, so it can time
# start-up and the cold phase (the first 20 s after /health/ready answers):
#
#   mvn -B -DskipTests package
#   src/test/bench/launch-load.sh                       # embedded H2 (commits written at once)
#   DB=postgres src/test/bench/launch-load.sh           # a real PostgreSQL 14 started for the run
#
# Against a Tandem someone else started (warm phases only; its pid is found by the port):
#
#   TANDEM_ADMIN_PASSWORD=bench java -jar target/tandem-microbundle.jar --port 8080
#   BASE=http://localhost:8080/ TANDEM_ADMIN_PASSWORD=bench src/test/bench/launch-load.sh
#
# Settings (environment): JAR (target/tandem-microbundle.jar), DB (h2 | postgres), DB_URL,
# DB_USER, DB_PASSWORD (another database, e.g. a local PostgreSQL), JAVA_OPTIONS (for Tandem's
# JVM), BASE, PID, CONCURRENCY (32), COLD_SECONDS (20), WARMUP_SECONDS (40), WARM_SECONDS (30),
# ASSESSMENT_SECONDS (30), IDLE_SECONDS (15), LEARNERS (32), SCENARIOS (launch,assessment).
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [[ -z "${BASE:-}" ]]; then
  JAR="${JAR:-target/tandem-microbundle.jar}"
  [[ -f "$JAR" ]] || { echo "launch-load: $JAR is missing; run mvn -B -DskipTests package first" >&2; exit 1; }
  target=(-Djar="$JAR")
else
  target=(-Dbase="$BASE" -Dpid="${PID:-}")
fi
mvn -B -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test \
  || mvn -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" "${target[@]}" \
  -Ddb="${DB:-h2}" ${DB_URL:+-Ddb.url="$DB_URL"} ${DB_USER:+-Ddb.user="$DB_USER"} ${DB_PASSWORD:+-Ddb.password="$DB_PASSWORD"} \
  -Djava.options="${JAVA_OPTIONS:-}" -Dconcurrency="${CONCURRENCY:-32}" \
  -Dcold.seconds="${COLD_SECONDS:-20}" -Dwarmup.seconds="${WARMUP_SECONDS:-40}" -Dwarm.seconds="${WARM_SECONDS:-30}" \
  -Dassessment.seconds="${ASSESSMENT_SECONDS:-30}" -Didle.seconds="${IDLE_SECONDS:-15}" -Dlearners="${LEARNERS:-32}" \
  -Dscenarios="${SCENARIOS:-launch,assessment}" \
  org.tandem.lti.bench.LaunchLoadBenchmark
