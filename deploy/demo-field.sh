#!/usr/bin/env bash
# The field half of the demo: a server on loopback, two offline tablets at one distribution point
# handing out the same food basket, and the reconciliation case the centre sees afterwards.
# Usage: deploy/demo-field.sh SPMIS_SERVER SPMIS_FIELD DATA_DIR
set -euo pipefail
server=$1 field=$2 data=$3
step() { printf '\n=== %s\n' "$*"; }
work=$(mktemp -d)
pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

start_server() {
    # Emptied here, not by the redirect below: that runs in the background child, possibly after the
    # loop has already read the previous server's "listening on" line.
    : > "$work/server.out"
    "$server" serve --data "$data" --listen "127.0.0.1:$1" > "$work/server.out" 2> "$work/server.err" &
    pid=$!
    for _ in $(seq 1 100); do
        grep -q "listening on" "$work/server.out" 2>/dev/null && break
        sleep 0.1
    done
    url=$(grep -o "http://[0-9.:]*" "$work/server.out" | head -1)
    [ -n "$url" ] || { cat "$work/server.err"; echo "server did not start"; exit 1; }
}
stop_server() { kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""; }
uuid() { echo "lower(substr(hex($1),1,8)||'-'||substr(hex($1),9,4)||'-'||substr(hex($1),13,4)||'-'||substr(hex($1),17,4)||'-'||substr(hex($1),21))"; }

step "6. Starting the server on loopback (SQLite in $data)"
start_server 0
echo "server at $url"
sp=$(sqlite3 "$data/spmis.db" "SELECT s.code FROM service_points s JOIN entitlements e ON e.service_point_id = s.id
      GROUP BY s.id ORDER BY COUNT(*) DESC, s.code LIMIT 1")
ent=$(sqlite3 "$data/spmis.db" "SELECT $(uuid e.id) FROM entitlements e JOIN service_points s ON s.id = e.service_point_id
      WHERE s.code = '$sp' ORDER BY e.id LIMIT 1")
echo "distribution point $sp; we follow entitlement $ent"

step "7. Two tablets enroll at $sp with one-time codes and pull their beneficiaries"
for t in A B; do
    "$field" --home "$work/$t" init --officer "officer-$t" > /dev/null
    code=$("$server" device code --data "$data" --service-point "$sp" 2> /dev/null)
    "$field" --home "$work/$t" enroll --server "$url" --code "$code"
    "$field" --home "$work/$t" sync
done

step "8. The network goes down; each tablet hands out the whole basket of the same entitlement"
port=${url##*:}
stop_server
for t in A B; do
    "$field" --home "$work/$t" redeem --entitlement "$ent" --collector "Proxy $t" --relation neighbour
    "$field" --home "$work/$t" status
done
"$field" --home "$work/A" sync || echo "(sync while offline fails and loses nothing: exit $?)"

step "9. The network is back: both tablets sync; the server keeps both facts and opens one case"
start_server "$port"
for t in A B; do "$field" --home "$work/$t" sync; done
for t in A B; do "$field" --home "$work/$t" sync; done
"$server" reconciliation list --data "$data" --type over_redemption
stop_server

# The demo checks its own story: exactly one over-redemption case, linking a redemption of each tablet.
cases=$("$server" reconciliation list --data "$data" --type over_redemption --json)
count=$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)["cases"]))' <<< "$cases")
devices=$(python3 -c 'import json,sys; c=json.load(sys.stdin)["cases"]; print(len({l.get("device_id") for x in c for l in x.get("links", [])}))' <<< "$cases")
if [ "$count" != 1 ] || [ "$devices" != 2 ]; then
    echo "demo: expected one over_redemption case linking both tablets, got $count case(s) from $devices device(s)" >&2
    exit 1
fi
echo "demo: one over_redemption case, with the hand-overs of both tablets: the story held"
