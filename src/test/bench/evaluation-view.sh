#!/usr/bin/env bash
# How fast does the evaluator's programme view answer for 10,000 learners? An HTTP benchmark
# against a running Tandem (docs/benchmarks.md has the results and the machine).
#
#   1. generates the demo cohort through the admin API (5,000 managers + 5,000 clinicians by
#      default: about 8,000 matched, consenting learners and 19,000 submitted assessments);
#   2. signs in as Jordan Lee, the demo evaluator, through a real LTI 1.3 launch done with curl
#      (demo launch → Tandem's login initiation → the demo platform's authorization endpoint →
#      the auto-posted id_token → Tandem's launch → /app/home?s=TOKEN);
#   3. times RUNS GETs of /evaluate?s=TOKEN&scope=programme (after one untimed warm-up request) and
#      prints min / median / max of curl's time_total.
#
# Needs Tandem running as the README says, with the demo platform on (the default with the
# embedded database) and TANDEM_ADMIN_PASSWORD set in both Tandem's and this shell's environment:
#
#   TANDEM_ADMIN_PASSWORD=... java -jar target/tandem-microbundle.jar --port 8080
#   TANDEM_ADMIN_PASSWORD=... src/test/bench/evaluation-view.sh
#
# Settings (environment): BASE (http://localhost:8080), MANAGERS (5000), CLINICIANS (5000),
# RUNS (10), SCOPE (programme). Loopback only; every request has a time limit; stops by itself.
set -euo pipefail

BASE="${BASE:-http://localhost:8080}"
BASE="${BASE%/}"
MANAGERS="${MANAGERS:-5000}"
CLINICIANS="${CLINICIANS:-5000}"
RUNS="${RUNS:-10}"
SCOPE="${SCOPE:-programme}"

fail() { echo "evaluation-view: $*" >&2; exit 1; }

[[ -n "${TANDEM_ADMIN_PASSWORD:-}" ]] || fail "set TANDEM_ADMIN_PASSWORD (the admin password Tandem runs with)"
[[ "$RUNS" =~ ^[0-9]+$ && "$RUNS" -ge 1 && "$RUNS" -le 100 ]] || fail "RUNS must be from 1 to 100"
case "$BASE" in
  http://localhost:*|http://localhost|http://127.0.0.1:*|http://127.0.0.1|http://\[::1\]:*) ;;
  *) fail "BASE must be a loopback address (http://localhost:<port>); this script never leaves the machine" ;;
esac
command -v curl >/dev/null || fail "curl is needed"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jar="$work/cookies"

# Curl options shared by every request: no proxy, bounded time, cookie jar (curl keeps Secure
# cookies for http://localhost, as browsers do).
CURL=(curl -sS --noproxy '*' --max-time 120 -c "$jar" -b "$jar")

curl -sS --noproxy '*' --max-time 10 -o /dev/null -f "$BASE/health/ready" \
  || fail "Tandem does not answer at $BASE/health/ready; start it first (README: Run it)"

echo "== Tandem at $BASE"
echo "== 1. generating the demo cohort: $MANAGERS managers + $CLINICIANS clinicians"
generated="$("${CURL[@]}" --max-time 600 -u "admin:$TANDEM_ADMIN_PASSWORD" -X POST -H 'Content-Type: application/json' \
  -w '\n%{http_code} %{time_total}' "$BASE/admin/api/demo/cohort?managers=$MANAGERS&clinicians=$CLINICIANS")"
status="$(tail -n1 <<<"$generated" | cut -d' ' -f1)"
echo "$generated" | head -n -1
[[ "$status" == 200 ]] || fail "the admin API answered $status (wrong password, or the demo platform is off?)"
echo "   (request took $(tail -n1 <<<"$generated" | cut -d' ' -f2) s including the commit)"

echo "== 2. launching as the demo evaluator (Jordan Lee)"
# demo launch: a third-party initiated login at Tandem
location() { { grep -i '^location:' "$1" || true; } | tail -n1 | sed -e 's/^[Ll]ocation: *//' -e 's/\r$//'; }
absolute() { case "$1" in http*) echo "$1" ;; /*) echo "$BASE$1" ;; *) echo "$BASE/$1" ;; esac; }
unescape() { sed -e 's/&amp;/\&/g' -e 's/&#x3d;/=/gi' -e 's/&#61;/=/g' -e 's/&quot;/"/g'; }

"${CURL[@]}" -o /dev/null -D "$work/h1" "$BASE/demo/launch?as=evaluator"
login="$(absolute "$(location "$work/h1")")"
[[ "$login" == *"/lti/login"* ]] || fail "the demo launch did not send to Tandem's login (got '$login')"

# login initiation: 302 to the platform, or (with lti_storage_target) a 200 page whose data-next
# is the authorization request; either way it sets the state cookie
code="$("${CURL[@]}" -o "$work/login.html" -D "$work/h2" -w '%{http_code}' "$login")"
if [[ "$code" == 302 || "$code" == 303 ]]; then
  auth="$(absolute "$(location "$work/h2")")"
else
  auth="$({ grep -o 'data-next="[^"]*"' "$work/login.html" || true; } | head -n1 | sed -e 's/^data-next="//' -e 's/"$//' | unescape)"
fi
[[ "$auth" == *"/demo/auth"* ]] || fail "the login did not lead to the demo platform's authorization endpoint (HTTP $code)"

# the demo platform's authorization endpoint answers with a form that posts the id_token back
"${CURL[@]}" -o "$work/auth.html" "$auth"
field() { { grep -o "name=\"$1\" value=\"[^\"]*\"" "$work/auth.html" || true; } | head -n1 | sed -e "s/^name=\"$1\" value=\"//" -e 's/"$//' | unescape; }
action="$({ grep -o 'action="[^"]*"' "$work/auth.html" || true; } | head -n1 | sed -e 's/^action="//' -e 's/"$//' | unescape)"
id_token="$(field id_token)"
state="$(field state)"
[[ -n "$id_token" && -n "$state" ]] || fail "the demo platform did not answer with an id_token form"

code="$("${CURL[@]}" -o "$work/launch.html" -D "$work/h3" -w '%{http_code}' \
  --data-urlencode "id_token=$id_token" --data-urlencode "state=$state" "$(absolute "$action")")"
home="$(location "$work/h3")"
token="$(sed -n 's/.*[?&]s=\([^&#]*\).*/\1/p' <<<"$home" | head -n1)"
[[ "$code" == 303 && -n "$token" ]] || fail "the launch did not end at /app/home?s=… (HTTP $code, location '$home')"
echo "   launched: $home"

url="$BASE/evaluate?s=$token&scope=$SCOPE"
echo "== 3. timing $RUNS GETs of /evaluate?s=…&scope=$SCOPE (after one warm-up)"
warm="$("${CURL[@]}" -o "$work/evaluate.html" -w '%{http_code} %{time_total} %{size_download}' "$url")"
read -r wcode wtime wsize <<<"$warm"
[[ "$wcode" == 200 ]] || fail "/evaluate answered $wcode (is the evaluation page deployed?)"
echo "   warm-up: HTTP $wcode, $wtime s, $wsize bytes"

times=()
for ((i = 1; i <= RUNS; i++)); do
  result="$("${CURL[@]}" -o /dev/null -w '%{http_code} %{time_total}' "$url")"
  read -r rcode rtime <<<"$result"
  [[ "$rcode" == 200 ]] || fail "request $i answered $rcode"
  printf '   %2d: %s s\n' "$i" "$rtime"
  times+=("$rtime")
done

sorted=($(printf '%s\n' "${times[@]}" | sort -g))
n=${#sorted[@]}
if ((n % 2)); then
  median="${sorted[$((n / 2))]}"
else
  median="$(awk -v a="${sorted[$((n / 2 - 1))]}" -v b="${sorted[$((n / 2))]}" 'BEGIN { printf "%.6f", (a + b) / 2 }')"
fi
echo "== /evaluate scope=$SCOPE, $MANAGERS + $CLINICIANS learners, $n requests:" \
  "min ${sorted[0]} s, median $median s, max ${sorted[$((n - 1))]} s"
