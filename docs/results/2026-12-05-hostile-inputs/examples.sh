#!/usr/bin/env bash
# The example of each of issue 12's kinds 1-6 and 8, against a running `./shoplab up <arch> --port <port>`.
# usage: [SIM=port] [MESH=port] [CTL=port] examples.sh <arch> <edge-port> <checkout> [catalogue-admin-port]
#   SIM: the simulators' admin port, MESH: the mesh's admin port, CTL: the lab's control API port (as up prints them)
# Prints each command and its answer (status line + body) as Markdown.
set -u
ARCH=$1; P=$2; CO=$3; CAT=${4:-$2}
E=http://127.0.0.1:$P
T="Authorization: Bearer $(cat "$CO/.shoplab/control-token")"
run() {  # run <title> <command…>: print the command and the status line + body of its answer
  local title=$1; shift
  echo; echo "**$title**"; echo; echo '```'
  { printf '$'; printf ' %q' "$@"; echo; } | sed -E "s/$(cat "$CO/.shoplab/control-token")/<token>/g; s/(a{12})a{20,}/\1…/g; s/(x{12})x{20,}/\1…/g"
  "$@" 2>&1 | tr -d '\r' | grep -v -i '^\(content-length\|date\|location\|idempotent-replayed\|traceparent\|x-request-id\|connection\|cache-control\)' \
    | sed '/^$/d' | cut -c1-600
  echo '```'
}
poll() {  # poll <json>: the order concluded (event-driven answers 202 PENDING)
  local id; id=$(echo "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("orderId",""))')
  for _ in $(seq 1 100); do
    local o; o=$(curl -s "$E/api/orders/$id")
    case "$o" in *'"CONFIRMED"'*|*'"REJECTED"'*|*'"FAILED"'*) echo "$o" | python3 -c 'import json,sys; o=json.load(sys.stdin); print("concluded:", o["status"], o.get("reason"))'; return;; esac
    sleep 0.2
  done
  echo "not concluded in 20 s"
}
echo "### $ARCH (edge $E)"
C='Content-Type: application/json'
run "Kind 1 — U+0000 in customerId: 422 naming the field, nothing written" \
  curl -si -XPOST "$E/api/orders" -H "$C" -d '{"customerId":"c\u0000x","lines":[{"sku":"SKU-0021","quantity":1}],"paymentToken":"tok_ok"}'
for i in 1 2; do
  out=$(curl -s -XPOST "$E/api/orders" -H "$C" -d '{"customerId":"c-k2","lines":[{"sku":"SKU-0022","quantity":1}],"paymentToken":"tok_xyz"}')
  echo; echo "**Kind 2 — unknown token tok_xyz, order $i**"; echo; echo '```'
  echo "\$ curl -s -XPOST $E/api/orders -H '$C' -d '{\"customerId\":\"c-k2\",\"lines\":[{\"sku\":\"SKU-0022\",\"quantity\":1}],\"paymentToken\":\"tok_xyz\"}'"
  echo "$out" | cut -c1-300; poll "$out"; echo '```'
done
out=$(curl -s -XPOST "$E/api/orders" -H "$C" -d '{"customerId":"c-k2-next","lines":[{"sku":"SKU-0023","quantity":1}],"paymentToken":"tok_ok"}')
echo; echo "**Kind 2 — the next ordinary order of another customer**"; echo; echo '```'
echo "\$ curl -s -XPOST $E/api/orders -H '$C' -d '{\"customerId\":\"c-k2-next\",\"lines\":[{\"sku\":\"SKU-0023\",\"quantity\":1}],\"paymentToken\":\"tok_ok\"}'"
echo "$out" | cut -c1-300; poll "$out"; echo '```'
run "Kind 3 — an empty Idempotency-Key: 422" \
  curl -si -XPOST "$E/api/orders" -H "$C" -H 'Idempotency-Key;' -d '{"customerId":"c-k3","lines":[{"sku":"SKU-0024","quantity":1}],"paymentToken":"tok_ok"}'
K3='{"customerId":"c-k3","lines":[{"sku":"SKU-0024","quantity":1}],"paymentToken":"tok_ok"}'
run "Kind 3 — an Idempotency-Key of three spaces (curl drops a blank header, so sent raw): 422" \
  python3 "$(dirname "$0")"/raw.py "$P" "POST /api/orders HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nIdempotency-Key:    \r\nContent-Length: ${#K3}\r\nConnection: close\r\n\r\n$K3"
K=k4-$ARCH-$(date +%s%N)
run "Kind 4 — key $K, customerId 'a:b', token 'tok_ok'" \
  curl -si -XPOST "$E/api/orders" -H "$C" -H "Idempotency-Key: $K" -d '{"customerId":"a:b","lines":[{"sku":"SKU-0025","quantity":1}],"paymentToken":"tok_ok"}'
run "Kind 4 — the same key, crafted to collide under 'customerId:paymentToken': customerId 'a', token 'b:tok_ok' → 409" \
  curl -si -XPOST "$E/api/orders" -H "$C" -H "Idempotency-Key: $K" -d '{"customerId":"a","lines":[{"sku":"SKU-0025","quantity":1}],"paymentToken":"b:tok_ok"}'
BIG=$(python3 -c 'print("{\"customerId\":\"" + "x"*70000 + "\"}")')
run "Kind 5 — a chunked body over 64 KB: 413 problem" \
  sh -c "printf '%s' '$BIG' | curl -si -XPOST $E/api/orders -H '$C' -H 'Transfer-Encoding: chunked' --data-binary @-"
run "Kind 5 — a POST without Content-Type: 415 problem" \
  curl -si -XPOST "$E/api/orders" -H 'Content-Type:' --data-binary '{"customerId":"c-k5","lines":[{"sku":"SKU-0026","quantity":1}],"paymentToken":"tok_ok"}'
run "Kind 5 — DELETE /api/orders: 405 problem with Allow" \
  sh -c "curl -si -XDELETE $E/api/orders | grep -i -v '^content-length'"
run "Kind 5 — %ZZ in the path: 400, Quarkus's bare one before any hook (ADR 0013), the same on all three" curl -si --path-as-is "$E/api/orders/%ZZ"
run "Kind 5 — a 5000-character path: 414 problem" curl -si "$E/api/orders/$(printf 'a%.0s' $(seq 5000))"
run "Kind 5 — a 40 KB header: 431 problem" curl -si "$E/api/inventory/SKU-0001" -H "X-Big: $(printf 'a%.0s' $(seq 40000))"
run "Kind 5 — two Host headers: 400 problem" \
  python3 "$(dirname "$0")"/raw.py "$P" 'GET /api/inventory/SKU-0001 HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n'
run "Kind 5 — Content-Length: abc — the codec's bare 400 (ADR 0013)" \
  python3 "$(dirname "$0")"/raw.py "$P" 'POST /api/orders HTTP/1.1\r\nHost: a\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}'
BODY='{"items":[{"sku":"SKU-0027","priceCents":2700,"available":500}]}'
run "Kind 6 — PUT /admin/catalogue without the token: 401" \
  curl -si -XPUT "http://127.0.0.1:$CAT/admin/catalogue" -H "$C" -d "$BODY"
run "Kind 6 — the same through /api/../admin/catalogue: 401" \
  curl -si --path-as-is -XPUT "http://127.0.0.1:$CAT/api/../admin/catalogue" -H "$C" -d "$BODY"
run "Kind 6 — with the token: 204" \
  curl -si -XPUT "http://127.0.0.1:$CAT/admin/catalogue" -H "$C" -H "$T" -d "$BODY"
run "Kind 6 — the same with the scheme in lower case ('bearer <token>', RFC 9110 §11.1): 204" \
  curl -si -XPUT "http://127.0.0.1:$CAT/admin/catalogue" -H "$C" -H "authorization: bearer $(cat "$CO/.shoplab/control-token")" -d "$BODY"
if [ -n "${SIM:-}" ]; then
  run "Kind 6 — the simulators: POST /admin/reset without the token: 401" curl -si -XPOST "http://127.0.0.1:$SIM/admin/reset"
  run "Kind 6 — the simulators: PUT /admin/faults/psp with a wrong token: 401" \
    curl -si -XPUT "http://127.0.0.1:$SIM/admin/faults/psp" -H "$C" -H 'Authorization: Bearer not-the-token' -d '{"down":true}'
fi
if [ -n "${MESH:-}" ]; then
  run "Kind 6 — the mesh: PUT /admin/policies/payment-service without the token: 401" \
    curl -si -XPUT "http://127.0.0.1:$MESH/admin/policies/payment-service" -H "$C" -d '{"retries":{"attempts":0}}'
  run "Kind 6 — the mesh: GET /admin/policies with the token: 200" \
    sh -c "curl -s -o /dev/null -w '%{http_code} %{content_type}\n' -H '$T' http://127.0.0.1:$MESH/admin/policies"
fi
if [ -n "${CTL:-}" ]; then
  run "Kind 6 — the lab's control API (issue 13): GET /api/lab without the token: 401" curl -si "http://127.0.0.1:$CTL/api/lab"
  run "Kind 6 — the lab's control API: PUT /api/lab/load without the token: 401, no load starts" \
    curl -si -XPUT "http://127.0.0.1:$CTL/api/lab/load" -H "$C" -d '{"rate":50}'
  run "Kind 6 — the lab's control API with 'bearer <token>': 200" \
    sh -c "curl -s -o /dev/null -w '%{http_code} %{content_type}\n' -H 'authorization: bearer $(cat "$CO/.shoplab/control-token")' http://127.0.0.1:$CTL/api/lab"
fi
run "Kind 8 — /q/openapi" sh -c "curl -s -o /dev/null -w '%{http_code} %{content_type} %{size_download} bytes\n' $E/q/openapi"
run "Kind 8 — /q/swagger-ui" sh -c "curl -sL -o /dev/null -w '%{http_code} %{content_type}\n' $E/q/swagger-ui"
K8='{"customerId":"c-k8","lines":[{"sku":"SKU-0028","quantity":1}],"paymentToken":"tok_ok"}'
LOC=$(curl -s -D - -o /dev/null -XPOST "$E/api/orders" -H "$C" -d "$K8" | tr -d '\r' | sed -n 's/^[Ll]ocation: //p')
case "$LOC" in /*) LOC="$E$LOC";; esac
echo; echo "**Kind 8 — POST an order, then GET its Location (the poll a 202 asks for)**"; echo; echo '```'
echo "\$ curl -s -D - -o /dev/null -XPOST $E/api/orders -H '$C' -d '$K8'   # Location: $LOC"
echo "\$ curl -si $LOC"
curl -si "$LOC" | tr -d '\r' | grep -v -i '^\(content-length\|date\|traceparent\|x-request-id\)' | sed '/^$/d' | cut -c1-600
echo '```'
