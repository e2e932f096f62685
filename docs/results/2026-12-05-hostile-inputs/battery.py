#!/usr/bin/env python3
"""Hostile battery for shoplab (issue 12 acceptance): inputs a hostile client tries against a shop API,
beyond the conformance suite's, each with the answer it must get.

usage: battery.py <edge-port> <checkout> [--mesh-admin PORT] [--catalogue-port PORT] [--simulators PORT] [--control PORT]

Every case prints OK or MISS with what came back; the last line counts them.
"""
import argparse, json, os, socket, sys, threading, time, uuid

import http.client as hc
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from raw import send_raw

PROBLEM = "application/problem+json"
TYPES = "https://shoplab.dev/problems/"

ap = argparse.ArgumentParser()
ap.add_argument("port", type=int)
ap.add_argument("checkout")
ap.add_argument("--catalogue-port", type=int)
ap.add_argument("--mesh-admin", type=int)
ap.add_argument("--simulators", type=int)
ap.add_argument("--control", type=int, help="the port of the lab's control API (up prints 'control: URL')")
ap.add_argument("--only")
args = ap.parse_args()
PORT = args.port
CAT = args.catalogue_port or PORT
TOKEN = open(os.path.join(args.checkout, ".shoplab/control-token")).read().strip()
results = []


class Resp:
    def __init__(self, status, headers, body, closed=None):
        self.status, self.headers, self.body, self.closed = status, {k.lower(): v for k, v in headers}, body, closed

    @property
    def ctype(self):
        return self.headers.get("content-type", "")

    def json(self):
        try:
            return json.loads(self.body or b"null")
        except Exception:
            return None

    def __repr__(self):
        b = self.body.decode("utf-8", "replace") if isinstance(self.body, bytes) else str(self.body)
        return f"{self.status} {self.ctype} {b[:160]!r}"


def http(method, path, body=None, headers=None, port=None, timeout=30):
    c = hc.HTTPConnection("127.0.0.1", port or PORT, timeout=timeout)
    try:
        h = dict(headers or {})
        c.putrequest(method, path, skip_accept_encoding=True, skip_host=any(k.lower() == "host" for k in h))
        if body is not None and not any(k.lower() == "content-length" for k in h):
            h["Content-Length"] = str(len(body))
        for k, v in h.items():
            c.putheader(k, v)
        c.endheaders(body.encode("utf-8") if isinstance(body, str) else body)
        r = c.getresponse()
        return Resp(r.status, r.getheaders(), r.read())
    except Exception as e:
        return Resp(0, [], f"<{type(e).__name__}: {e}>".encode())
    finally:
        c.close()


def raw(data, port=None, timeout=8):
    """Raw bytes; parses status, headers, body; closed = the server closed the connection after answering."""
    try:
        out = send_raw(port or PORT, data if isinstance(data, bytes) else data.encode("latin-1"), timeout=timeout)
    except Exception as e:
        return Resp(0, [], f"<{type(e).__name__}: {e}>".encode())
    if not out:
        return Resp(0, [], b"<closed without an answer>")
    head, _, body = out.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ")[1])
    except Exception:
        return Resp(0, [], out[:200])
    hdrs = [tuple(x.strip() for x in l.split(":", 1)) for l in lines[1:] if ":" in l]
    return Resp(status, hdrs, body)


def order(customer=None, lines=None, token="tok_ok"):
    return json.dumps({"customerId": customer or "c-" + uuid.uuid4().hex[:8],
                       "lines": lines or [{"sku": "SKU-0042", "quantity": 1}], "paymentToken": token})


JSONH = {"Content-Type": "application/json"}
AUTH = {"Authorization": "Bearer " + TOKEN}


def concluded(r, bound=30):
    """The order of a 201/202 answer, polled until it concludes (event-driven answers 202 PENDING)."""
    o = r.json()
    if not isinstance(o, dict) or "orderId" not in o:
        return None
    deadline = time.time() + bound
    while o.get("status") not in ("CONFIRMED", "REJECTED", "FAILED") and time.time() < deadline:
        time.sleep(0.1)
        o = http("GET", "/api/orders/" + o["orderId"]).json() or {}
    return o


def expect(name, resp, status, kind=None, check=None, note=""):
    """status: int or set; kind: problem type expected (then problem+json is required too)."""
    ok = resp.status in (status if isinstance(status, (set, tuple, list)) else {status})
    why = []
    if not ok:
        why.append(f"status {resp.status}")
    if kind is not None:
        if not resp.ctype.startswith(PROBLEM):
            ok = False
            why.append("not problem+json")
        else:
            t = (resp.json() or {}).get("type")
            if t != TYPES + kind:
                ok = False
                why.append(f"type {t}")
    if ok and check is not None:
        c = check(resp)
        if c is not True:
            ok = False
            why.append(str(c))
    results.append((name, ok, resp, why, status, kind))
    print(f"{'OK  ' if ok else 'MISS'} {name:70} expected {status}{' ' + kind if kind else ''}"
          f"{'' if ok else ' | got ' + repr(resp) + ' | ' + ', '.join(why)}", flush=True)
    return ok


def stock(sku):
    return http("GET", "/api/inventory/" + sku).json() or {}


# ---------------------------------------------------------------- A. the admin API, reached sideways
catalogue_change = '{"items":[{"sku":"SKU-0777","priceCents":1,"available":0}]}'
before = stock("SKU-0777")
for path in ["/api/../admin/catalogue", "/api/%2e%2e/admin/catalogue", "/api/%2E%2E/admin/catalogue", "//admin/catalogue",
             "/./admin/catalogue", "/api/orders/../../admin/catalogue", "/admin/./catalogue", "/admin//catalogue",
             "/%61dmin/catalogue", "/admin/catalogue/", "/admin/catalogue;x=1", "/admin%2Fcatalogue",
             "/api/..%2F..%2Fadmin/catalogue"]:
    r = raw(f"PUT {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: {len(catalogue_change)}"
            f"\r\nConnection: close\r\n\r\n{catalogue_change}", port=CAT)
    expect(f"A PUT {path} without the token", r, {401, 404}, kind=None,
           check=lambda r: True if r.ctype.startswith(PROBLEM) and r.status in (401, 404) else "not a problem")
for hdr in ["X-Forwarded-For: 127.0.0.1", "Forwarded: for=127.0.0.1", "X-Real-IP: 127.0.0.1",
            "Authorization: Bearer " + TOKEN[:-1], "Authorization: Bearer  " + TOKEN + "x",
            "Authorization: Basic " + TOKEN, "Authorization: " + TOKEN]:
    r = raw(f"PUT /admin/catalogue HTTP/1.1\r\nHost: x\r\n{hdr}\r\nContent-Type: application/json\r\nContent-Length: "
            f"{len(catalogue_change)}\r\nConnection: close\r\n\r\n{catalogue_change}", port=CAT)
    expect(f"A PUT /admin/catalogue with {hdr[:40]}…", r, 401, "unauthorized")
unchanged = json.dumps({"items": [{"sku": "SKU-0777", "priceCents": before.get("priceCents"), "available": before.get("available")}]})
r = raw(f"PUT /admin/catalogue HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer wrong\r\nAuthorization: Bearer {TOKEN}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(unchanged)}\r\nConnection: close\r\n\r\n{unchanged}",
        port=CAT)
expect("A two Authorization headers, a wrong one first, the token second", r, 401, "unauthorized")
same = stock("SKU-0778")
same_body = json.dumps({"items": [{"sku": "SKU-0778", "priceCents": same.get("priceCents", 1), "available": same.get("available", 1)}]})
expect("A Authorization: bearer <token> (the scheme is case-insensitive, RFC 9110 §11.1)",
       http("PUT", "/admin/catalogue", same_body, {**JSONH, "Authorization": "bearer " + TOKEN}, port=CAT), {200, 202, 204})
expect("A after all of A, SKU-0777 is unchanged", Resp(200, [], json.dumps(stock("SKU-0777")).encode()), 200,
       check=lambda r: True if r.json() == before else f"{r.json()} != {before}")

# ---------------------------------------------------------------- B. the admin API with the token, hostile bodies
for name, body, st, kind in [
    ("items is an object", '{"items":{"sku":"SKU-0777"}}', 400, "malformed-request"),
    ("available over int", '{"items":[{"sku":"SKU-0777","priceCents":1,"available":2147483648}]}', 400, "malformed-request"),
    ("price as a string", '{"items":[{"sku":"SKU-0777","priceCents":"1","available":1}]}', 400, "malformed-request"),
    ("sku holding U+0000", '{"items":[{"sku":"SKU-\\u0000","priceCents":1,"available":1}]}', 422, "validation"),
    ("10,001 items", '{"items":[' + ",".join('{"sku":"SKU-Z%05d","priceCents":1,"available":1}' % i for i in range(10001)) + ']}', 422, "validation"),
    ("price -1", '{"items":[{"sku":"SKU-0777","priceCents":-1,"available":1}]}', 422, "validation"),
    ("empty items", '{"items":[]}', 422, "validation"),
    ("a null item", '{"items":[null]}', 422, "validation"),
]:
    expect(f"B PUT /admin/catalogue, {name}", http("PUT", "/admin/catalogue", body, {**JSONH, **AUTH}, port=CAT), st, kind)
expect("B after all of B, SKU-0777 is unchanged", Resp(200, [], json.dumps(stock("SKU-0777")).encode()), 200,
       check=lambda r: True if r.json() == before else f"{r.json()} != {before}")

# ---------------------------------------------------------------- C. request line, headers, framing
H = "Host: 127.0.0.1\r\n"
S = "/api/inventory/SKU-0001"
for name, req, st, kind in [
    ("two Host headers", f"GET {S} HTTP/1.1\r\n{H}{H}\r\n", 400, "malformed-request"),
    ("no Host on HTTP/1.1", f"GET {S} HTTP/1.1\r\n\r\n", 400, "malformed-request"),
    ("%ZZ in the path (Quarkus's bare 400 before the router, ADR 0013)", f"GET /api/orders/%ZZ HTTP/1.1\r\n{H}\r\n", 400, None),
    ("a bare % at the end of the path (Quarkus's bare 400, ADR 0013)", f"GET /api/orders/abc% HTTP/1.1\r\n{H}\r\n", 400, None),
    ("a %00 in the path (the edge's PrintableText rule)", f"GET /api/orders/a%00b HTTP/1.1\r\n{H}\r\n", 400, "malformed-request"),
    ("%2F inside a sku", f"GET /api/inventory/SKU%2F0001 HTTP/1.1\r\n{H}\r\n", 404, None),
    ("a 5000-character path", f"GET /api/orders/{'a' * 5000} HTTP/1.1\r\n{H}\r\n", 414, "uri-too-long"),
    ("a 60,000-character query", f"GET {S}?q={'a' * 60000} HTTP/1.1\r\n{H}\r\n", 414, "uri-too-long"),
    ("a 40 KB header", f"GET {S} HTTP/1.1\r\n{H}X-Big: {'a' * 40000}\r\n\r\n", 431, "headers-too-large"),
    ("300 headers of 100 bytes", f"GET {S} HTTP/1.1\r\n{H}" + "".join(f"X-H{i}: {'a' * 100}\r\n" for i in range(300)) + "\r\n", 431, "headers-too-large"),
    ("1000 tiny headers (8 KB)", f"GET {S} HTTP/1.1\r\n{H}" + "".join(f"X-{i}: a\r\n" for i in range(1000)) + "\r\n", 200, None),
    ("the asterisk form", f"GET * HTTP/1.1\r\n{H}\r\n", 404, "not-found"),
    ("OPTIONS *", f"OPTIONS * HTTP/1.1\r\n{H}\r\n", {200, 204, 404}, None),
    ("a target without leading slash", f"GET api/inventory/SKU-0001 HTTP/1.1\r\n{H}\r\n", 404, "not-found"),
    ("the absolute form (RFC 9112 §3.2.2: must be accepted)", f"GET http://127.0.0.1{S} HTTP/1.1\r\n{H}\r\n", 200, None),
    ("HTTP/1.0 without Host", f"GET {S} HTTP/1.0\r\n\r\n", 200, None),
    ("a lower-case method", f"post /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{{}}", 405, "method-not-allowed"),
    ("an invented method BREW", f"BREW /api/orders HTTP/1.1\r\n{H}\r\n", 405, "method-not-allowed"),
    ("TRACE", f"TRACE {S} HTTP/1.1\r\n{H}\r\n", 405, "method-not-allowed"),
    ("CONNECT to a host", f"CONNECT 127.0.0.1:5432 HTTP/1.1\r\n{H}\r\n", {400, 404, 405}, None),
    ("an empty chunked body", f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400, "malformed-request"),
    ("a POST with neither length nor chunks", f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nConnection: close\r\n\r\n", 400, "malformed-request"),
    ("chunks with an extension", f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2;ext=1\r\n{{}}\r\n0\r\n\r\n", 422, "validation"),
    ("chunks with a trailer", f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{{}}\r\n0\r\nX-T: 1\r\n\r\n", 422, "validation"),
]:
    bare = "ADR 0013" in name
    expect(f"C {name}", raw(req), st, kind,
           check=(lambda r: True if r.ctype.startswith(PROBLEM) else "not a problem") if kind is None and not bare and (st if isinstance(st, int) else 200) >= 400 else None)

r = raw(f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n"
        f"2\r\n{{}}\r\n0\r\n\r\nGET {S} HTTP/1.1\r\n{H}\r\n")
expect("C CL+TE: answered by its chunks, then the connection closed (RFC 9112 §6.1)", r, 422, "validation",
       check=lambda r: True if b"HTTP/1.1 200" not in r.body else "a smuggled second request was answered")
# a smuggling attempt: CL says the body is short, chunks hide a request
hidden = "PUT /admin/catalogue HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
smuggle = f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n" \
          f"{len(hidden):x}\r\n{hidden}\r\n0\r\n\r\n"
expect("C CL+TE smuggling a PUT /admin inside the chunks", raw(smuggle), 400,
       check=lambda r: True if r.ctype.startswith(PROBLEM) and b"HTTP/1.1 204" not in r.body else "smuggled")
# codec-level: bare but the same status everywhere (ADR 0013)
for name, req, st in [
    ("Content-Length: abc (codec, bare by ADR 0013)", f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{{}}", 400),
    ("a header line without colon (codec, bare)", f"GET {S} HTTP/1.1\r\n{H}NoColon\r\n\r\n", 400),
    ("a 70,000-character path (codec, bare)", f"GET /api/orders/{'a' * 70000} HTTP/1.1\r\n{H}\r\n", 414),
    ("a bad chunk size: connection closed, nothing done (codec)", f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{{}}\r\n0\r\n\r\n", 0),
]:
    expect(f"C {name}", raw(req), st)

# ---------------------------------------------------------------- D. content negotiation and media types
for name, hdrs, st, kind in [
    ("Content-Type in upper case", {"Content-Type": "APPLICATION/JSON"}, {201, 202}, None),
    ("Content-Type with charset=utf-8", {"Content-Type": "application/json; charset=utf-8"}, {201, 202}, None),
    ("Content-Type application/json-patch+json", {"Content-Type": "application/json-patch+json"}, 415, "unsupported-media-type"),
    ("Content-Type text/json", {"Content-Type": "text/json"}, 415, "unsupported-media-type"),
    ("Content-Type multipart/form-data", {"Content-Type": "multipart/form-data; boundary=x"}, 415, "unsupported-media-type"),
    ("Accept: application/xml", {"Content-Type": "application/json", "Accept": "application/xml"}, 406, "not-acceptable"),
    ("Accept: application/problem+json only", {"Content-Type": "application/json", "Accept": "application/problem+json"}, {201, 202, 406}, None),
    ("X-HTTP-Method-Override: DELETE (ignored)", {"Content-Type": "application/json", "X-HTTP-Method-Override": "DELETE"}, {201, 202}, None),
]:
    expect(f"D POST /api/orders, {name}", http("POST", "/api/orders", order(), hdrs), st, kind)
expect("D GET stock with Accept: text/html", http("GET", S, None, {"Accept": "text/html"}), 406, "not-acceptable")
expect("D HEAD stock", http("HEAD", S), 200)

# ---------------------------------------------------------------- E. bodies beyond the conformance list
L1 = '[{"sku":"SKU-0042","quantity":1}]'
for name, body, st, kind in [
    ("quantity 1.0", '{"customerId":"c-x","lines":[{"sku":"SKU-0042","quantity":1.0}],"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("quantity 1e2", '{"customerId":"c-x","lines":[{"sku":"SKU-0042","quantity":1e2}],"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("quantity 2147483648", '{"customerId":"c-x","lines":[{"sku":"SKU-0042","quantity":2147483648}],"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("quantity with leading zeros", '{"customerId":"c-x","lines":[{"sku":"SKU-0042","quantity":007}],"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("quantity NaN", '{"customerId":"c-x","lines":[{"sku":"SKU-0042","quantity":NaN}],"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("quantity true", '{"customerId":"c-x","lines":[{"sku":"SKU-0042","quantity":true}],"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("a number of 5000 digits", '{"customerId":"c-x","lines":[{"sku":"SKU-0042","quantity":' + "9" * 5000 + '}],"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("JSON with a comment", '{/*x*/"customerId":"c-x","lines":' + L1 + ',"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("single-quoted JSON", "{'customerId':'c-x','lines':[],'paymentToken':'tok_ok'}", 400, "malformed-request"),
    ("a trailing comma", '{"customerId":"c-x","lines":' + L1 + ',"paymentToken":"tok_ok",}', 400, "malformed-request"),
    ("customerId twice", '{"customerId":"c-x","customerId":"c-y","lines":' + L1 + ',"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("nesting 5000 deep in an unknown field", '{"x":' + "[" * 5000 + "]" * 5000 + ',"customerId":"c-x","lines":' + L1 + ',"paymentToken":"tok_ok"}', 400, "malformed-request"),
    ("a customerId of 101 characters", '{"customerId":"' + "c" * 101 + '","lines":' + L1 + ',"paymentToken":"tok_ok"}', 422, "validation"),
    ("a paymentToken of 5000 characters", '{"customerId":"c-x","lines":' + L1 + ',"paymentToken":"' + "t" * 5000 + '"}', 422, "validation"),
    ("a lower-case sku", '{"customerId":"c-x","lines":[{"sku":"sku-0042","quantity":1}],"paymentToken":"tok_ok"}', 422, "unknown-sku"),
    ("an SQL injection in the sku", '{"customerId":"c-x","lines":[{"sku":"SKU-0042\' OR \'1\'=\'1","quantity":1}],"paymentToken":"tok_ok"}', 422, None),
    ("lines: null", '{"customerId":"c-x","lines":null,"paymentToken":"tok_ok"}', 422, "validation"),
    ("lines: [null]", '{"customerId":"c-x","lines":[null],"paymentToken":"tok_ok"}', 422, "validation"),
    ("U+2028 and U+202E in customerId (format characters are text)", '{"customerId":"c\\u2028\\u202ex","lines":' + L1 + ',"paymentToken":"tok_ok"}', {201, 202}, None),
    ("<script> in customerId (text, echoed as JSON)", '{"customerId":"<script>alert(1)</script>","lines":' + L1 + ',"paymentToken":"tok_ok"}', {201, 202}, None),
    ("an emoji customerId", '{"customerId":"c-\\ud83d\\ude00","lines":' + L1 + ',"paymentToken":"tok_ok"}', {201, 202}, None),
    ("a sku given by \\u escapes", '{"customerId":"c-x","lines":[{"sku":"\\u0053KU-0042","quantity":1}],"paymentToken":"tok_ok"}', {201, 202}, None),
    ("a 63 KB body of valid JSON and spaces", '{"customerId":"c-x",' + " " * 63000 + '"lines":' + L1 + ',"paymentToken":"tok_ok"}', {201, 202}, None),
    ("a 65 KB body", '{"customerId":"c-x",' + " " * 66000 + '"lines":' + L1 + ',"paymentToken":"tok_ok"}', 413, "payload-too-large"),
    ("50 lines of 100 units", json.dumps({"customerId": "c-x", "lines": [{"sku": "SKU-%04d" % (100 + i), "quantity": 100} for i in range(50)], "paymentToken": "tok_ok"}), {201, 202}, None),
]:
    r = http("POST", "/api/orders", body, JSONH)
    if kind is None and isinstance(st, int) and st >= 400:
        expect(f"E {name}", r, st, check=lambda r: True if r.ctype.startswith(PROBLEM) else "not a problem")
    else:
        expect(f"E {name}", r, st, kind)

# ---------------------------------------------------------------- F. idempotency keys
k = "key-" + uuid.uuid4().hex
body = order("c-idem")
first = http("POST", "/api/orders", body, {**JSONH, "Idempotency-Key": k})
oid = (first.json() or {}).get("orderId")
reordered = json.dumps({"paymentToken": "tok_ok", "lines": [{"quantity": 1, "sku": "SKU-0042"}], "customerId": "c-idem"})
expect("F same key, same body with members reordered: the same order", http("POST", "/api/orders", reordered, {**JSONH, "Idempotency-Key": k}),
       {200, 201, 202}, check=lambda r: True if (r.json() or {}).get("orderId") == oid else f"another order than {oid}")
expect("F same key, same body with spaces: the same order", http("POST", "/api/orders", body.replace(",", " , "), {**JSONH, "Idempotency-Key": k}),
       {200, 201, 202}, check=lambda r: True if (r.json() or {}).get("orderId") == oid else f"another order than {oid}")
expect("F same key in upper case: another key, another order", http("POST", "/api/orders", body, {**JSONH, "Idempotency-Key": k.upper()}),
       {201, 202}, check=lambda r: True if (r.json() or {}).get("orderId") != oid else "the same order")
expect("F same key, quantity 2: 409", http("POST", "/api/orders", order("c-idem", [{"sku": "SKU-0042", "quantity": 2}]), {**JSONH, "Idempotency-Key": k}), 409, "idempotency-key-reused")
r = raw(f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nIdempotency-Key: k-a-{uuid.uuid4().hex}\r\n"
        f"Idempotency-Key: k-b-{uuid.uuid4().hex}\r\nContent-Length: {len(order())}\r\nConnection: close\r\n\r\n{order()}")
expect("F two different Idempotency-Key headers", r, {400, 422}, check=lambda r: True if r.ctype.startswith(PROBLEM) else "not a problem")
expect("F an Idempotency-Key of 201 characters", http("POST", "/api/orders", order(), {**JSONH, "Idempotency-Key": "k" * 201}), 422, "validation")
expect("F an Idempotency-Key holding a tab inside", http("POST", "/api/orders", order(), {**JSONH, "Idempotency-Key": "a\tb"}), 422, "validation")
expect("F an Idempotency-Key of non-ASCII bytes (latin-1 é)", raw(f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nIdempotency-Key: caf\xe9-{uuid.uuid4().hex}\r\n"
       f"Content-Length: {len(order())}\r\nConnection: close\r\n\r\n{order()}"), {201, 202, 400, 422},
       check=lambda r: True if r.status < 300 or r.ctype.startswith(PROBLEM) else "not a problem")

# ---------------------------------------------------------------- G. reading orders and stock
expect("G an order id that is a UUID nobody has", http("GET", "/api/orders/" + str(uuid.uuid4())), 404, "order-not-found")
expect("G an order id of 1000 characters", http("GET", "/api/orders/" + "a" * 1000), 404, "order-not-found")
expect("G an order id with ..%2F", http("GET", "/api/orders/..%2F..%2Fadmin"), {400, 404}, check=lambda r: True if r.ctype.startswith(PROBLEM) else "not a problem")
expect("G a sku of 1000 characters", http("GET", "/api/inventory/" + "S" * 1000), 404, "sku-not-found")
expect("G GET /api/orders (no listing)", http("GET", "/api/orders"), 405, "method-not-allowed")
expect("G DELETE an order", http("DELETE", "/api/orders/" + str(uuid.uuid4())), 405, "method-not-allowed")
expect("G PATCH /api/orders", http("PATCH", "/api/orders", "{}", JSONH), 405, "method-not-allowed")
expect("G /q/openapi is served", http("GET", "/q/openapi"), 200)

# ---------------------------------------------------------------- H. connections
H1 = f"GET {S} HTTP/1.1\r\n{H}\r\n"
def read_all(data, port=None, timeout=8):
    s = socket.create_connection(("127.0.0.1", port or PORT), timeout=timeout)
    s.sendall(data.encode("latin-1"))
    out = b""
    try:
        while True:
            c = s.recv(65536)
            if not c:
                break
            out += c
    except socket.timeout:
        pass
    s.close()
    return out
out = read_all(H1 * 9 + f"GET {S} HTTP/1.1\r\n{H}Connection: close\r\n\r\n")
expect("H ten pipelined GETs get ten answers", Resp(200, [], out), 200,
       check=lambda r: True if r.body.count(b"HTTP/1.1 200") == 10 else f"{r.body.count(b'HTTP/1.1 200')} answers")
socks = []
for i in range(150):
    try:
        s = socket.create_connection(("127.0.0.1", PORT), timeout=5)
        s.sendall(b"GET /api/inventory/SKU-0001 HTTP/1.1\r\nHost: x\r\nX-Slow: ")
        socks.append(s)
    except OSError:
        break
t = time.time()
r = http("GET", S, timeout=10)
expect(f"H a GET while {len(socks)} connections send their headers slowly", r, 200,
       check=lambda r: True if time.time() - t < 5 else f"took {time.time() - t:.1f}s")
for s in socks:
    s.close()
r = raw(f"POST /api/orders HTTP/1.1\r\n{H}Content-Type: application/json\r\nContent-Length: 500\r\n\r\n{{\"customerId\":", timeout=3)
expect("H a body shorter than its Content-Length, then silence (server waits, answers nothing)", r, 0)
errors = []
def many():
    rr = http("GET", S, timeout=30)
    if rr.status != 200:
        errors.append(rr.status)
threads = [threading.Thread(target=many) for _ in range(200)]
[t.start() for t in threads]
[t.join() for t in threads]
expect("H 200 concurrent GETs all answered 200", Resp(200 if not errors else errors[0], [], str(errors[:5]).encode()), 200)

# ---------------------------------------------------------------- I. the mesh and the simulators (when given)
if args.mesh_admin:
    for path in ["/admin/policies/payment-service", "//admin/policies/payment-service", "/x/../admin/policies/payment-service"]:
        r = http("PUT", path, '{"retries":{"attempts":0}}', JSONH, port=args.mesh_admin)
        expect(f"I mesh PUT {path} without the token", r, {401, 404}, check=lambda r: True if r.ctype.startswith(PROBLEM) else "not a problem")
    expect("I mesh /metrics stays open", http("GET", "/metrics", port=args.mesh_admin), 200)
if args.simulators:
    for m, path in [("POST", "/admin/reset"), ("POST", "//admin/reset"), ("POST", "/x/../admin/reset"), ("GET", "/admin/%6cedger")]:
        r = http(m, path, "{}", JSONH, port=args.simulators)
        expect(f"I simulators {m} {path} without the token", r, {401, 404}, check=lambda r: True if r.ctype.startswith(PROBLEM) else "not a problem")

# ---------------------------------------------------------------- J. clients' mistakes must not hurt others
for i in range(3):
    r = http("POST", "/api/orders", order(token="tok_xyz"), JSONH)
    o = concluded(r) or {}
    expect(f"J an unknown payment token #{i + 1} is a decline", r, {201, 202},
           check=lambda r: True if (o.get("status"), o.get("reason")) == ("REJECTED", "PAYMENT_DECLINED") else f"{o.get('status')} {o.get('reason')}")
r = http("POST", "/api/orders", order(token="tok_ok "), JSONH)
o = concluded(r) or {}
expect("J the token 'tok_ok ' (trailing space) is not tok_ok: a decline", r, {201, 202},
       check=lambda r: True if o.get("status") == "REJECTED" else f"{o.get('status')} {o.get('reason')}")
r = http("POST", "/api/orders", order(lines=[{"sku": "SKU-1000", "quantity": 1}]), JSONH)
o = concluded(r) or {}
expect("J the sold-out sku is OUT_OF_STOCK", r, {201, 202},
       check=lambda r: True if (o.get("status"), o.get("reason")) == ("REJECTED", "OUT_OF_STOCK") else f"{o.get('status')} {o.get('reason')}")
for i in range(5):
    r = http("POST", "/api/orders", order(lines=[{"sku": "SKU-0%03d" % (300 + i), "quantity": 1}]), {**JSONH, "Idempotency-Key": uuid.uuid4().hex})
    o = concluded(r) or {}
    expect(f"J ordinary order #{i + 1} afterwards is CONFIRMED", r, {201, 202},
           check=lambda r: True if o.get("status") == "CONFIRMED" else f"{o.get('status')} {o.get('reason')}")

# ---------------------------------------------------------------- K. the lab's control API (issue 13's, same token)
if args.control:
    CP = args.control
    CH = {"Host": f"127.0.0.1:{CP}"}
    def ctl(method, path, body=None, headers=None, auth=True):
        h = {**CH, **(headers or {})}
        if auth:
            h.setdefault("Authorization", "Bearer " + TOKEN)
        return http(method, path, body, h, port=CP)
    def ctl_problem(r):
        return True if r.ctype.startswith(PROBLEM) and 400 <= r.status < 500 else "not a 4xx problem"
    expect("K GET /api/lab without the token", ctl("GET", "/api/lab", auth=False), 401, "lab/unauthorized")
    expect("K GET /api/lab with 'bearer <token>' (RFC 9110 §11.1)", ctl("GET", "/api/lab", None, {"Authorization": "bearer " + TOKEN}), 200)
    expect("K GET /api/lab with 'BEARER <token>'", ctl("GET", "/api/lab", None, {"Authorization": "BEARER " + TOKEN}), 200)
    expect("K GET /api/lab with the token and one more character", ctl("GET", "/api/lab", None, {"Authorization": "Bearer " + TOKEN + "x"}), 401, "lab/unauthorized")
    expect("K GET /api/lab with the token in upper case", ctl("GET", "/api/lab", None, {"Authorization": "Bearer " + TOKEN.upper()}), 401, "lab/unauthorized")
    expect("K GET /api/lab with 'Basic <token>'", ctl("GET", "/api/lab", None, {"Authorization": "Basic " + TOKEN}), 401, "lab/unauthorized")
    r = raw(f"GET /api/lab HTTP/1.1\r\nHost: 127.0.0.1:{CP}\r\nAuthorization: Bearer wrong\r\nAuthorization: Bearer {TOKEN}\r\n"
            f"Connection: close\r\n\r\n", port=CP)
    expect("K two Authorization headers, a wrong one first", r, 401, "lab/unauthorized")
    expect("K a foreign Host (DNS rebinding) with the token", http("GET", "/api/lab", None, {"Host": f"evil.example:{CP}", **AUTH}, port=CP), 403, "lab/foreign-host")
    r = raw(f"GET /api/lab HTTP/1.1\r\nHost: 127.0.0.1:{CP}\r\nHost: evil.example:{CP}\r\nAuthorization: Bearer {TOKEN}\r\n"
            f"Connection: close\r\n\r\n", port=CP)
    expect("K two Host headers, this lab's first (RFC 9112 §3.2)", r, 400, "lab/invalid-request")
    expect("K DELETE /api/lab/load?arch=nope", ctl("DELETE", "/api/lab/load?arch=nope"), 422, "lab/invalid-request")
    expect("K PUT /api/lab/load without the token changes nothing", ctl("PUT", "/api/lab/load", '{"rate":5}', JSONH, auth=False), 401, "lab/unauthorized")
    for name, body, hdrs, st, kind in [
        ("not JSON", "rate=5", JSONH, 400, "lab/invalid-request"),
        ("a JSON array", "[]", JSONH, 400, "lab/invalid-request"),
        ("no Content-Type", '{"rate":5}', {}, 415, "lab/unsupported-media-type"),
        ("text/plain", '{"rate":5}', {"Content-Type": "text/plain"}, 415, "lab/unsupported-media-type"),
        ("rate as a string", '{"rate":"fast"}', JSONH, 422, "lab/invalid-request"),
        ("rate -1", '{"rate":-1}', JSONH, 422, "lab/invalid-request"),
        ("rate 1e9", '{"rate":1e9}', JSONH, 422, "lab/invalid-request"),
        ("no rate", '{"idempotencyKeys":true}', JSONH, 422, "lab/invalid-request"),
        ("architectures as a string", '{"rate":0,"architectures":"monolith"}', JSONH, 422, "lab/invalid-request"),
        ("an architecture that does not run", '{"rate":0,"architectures":["nope"]}', JSONH, 422, "lab/invalid-request"),
        ("clientRetries 1e10", '{"rate":0,"clientRetries":1e10}', JSONH, 422, "lab/invalid-request"),
        ("requestTimeoutSeconds -5", '{"rate":0,"requestTimeoutSeconds":-5}', JSONH, 422, "lab/invalid-request"),
        ("idempotencyKeys yes as a string", '{"rate":0,"idempotencyKeys":"yes"}', JSONH, 422, "lab/invalid-request"),
        ("a 70 KB body", '{"rate":0,"x":"' + "a" * 70000 + '"}', JSONH, 413, "lab/payload-too-large"),
        ("nesting 5000 deep", '{"rate":0,"x":' + "[" * 5000 + "]" * 5000 + "}", JSONH, {400, 422}, None),
    ]:
        r = ctl("PUT", "/api/lab/load", body, hdrs)
        if kind is None:
            expect(f"K PUT /api/lab/load, {name}", r, st, check=ctl_problem)
        else:
            expect(f"K PUT /api/lab/load, {name}", r, st, kind)
    for name, body, st, kind in [
        ("an unknown action", '{"action":"nope"}', 422, "lab/invalid-fault"),
        ("psp without a setting", '{"action":"psp"}', 422, "lab/invalid-fault"),
        ("psp errorRate 2", '{"action":"psp","errorRate":2}', 422, "lab/invalid-fault"),
        ("psp with 'at' (a live fault starts now)", '{"action":"psp","down":true,"at":5}', 422, "lab/invalid-fault"),
        ("psp for -1 s", '{"action":"psp","down":true,"for":-1}', 422, "lab/invalid-fault"),
        ("kill a process no architecture has", '{"action":"kill","target":"postgres; rm -rf /"}', 422, None),
        ("an action holding U+0000", '{"action":"psp\\u0000"}', 422, "lab/invalid-fault"),
        ("the body null", 'null', 400, "lab/invalid-request"),
    ]:
        r = ctl("POST", "/api/lab/faults", body, JSONH)
        if kind is None:
            expect(f"K POST /api/lab/faults, {name}", r, st, check=ctl_problem)
        else:
            expect(f"K POST /api/lab/faults, {name}", r, st, kind)
    expect("K DELETE /api/lab/faults/nope", ctl("DELETE", "/api/lab/faults/nope"), 404, "lab/no-such-fault")
    expect("K DELETE /api/lab/faults/%00", ctl("DELETE", "/api/lab/faults/%00"), 404, "lab/no-such-fault")
    expect("K POST /api/lab/scenario, a path for a name", ctl("POST", "/api/lab/scenario", '{"name":"../../../etc/passwd"}', JSONH), 422, "lab/invalid-request")
    expect("K POST /api/lab/scenario, no name", ctl("POST", "/api/lab/scenario", "{}", JSONH), 422, "lab/invalid-request")
    expect("K DELETE /api/lab/scenario with none playing", ctl("DELETE", "/api/lab/scenario"), 404, "lab/no-scenario")
    expect("K GET /api/lab/stats?arch=nope", ctl("GET", "/api/lab/stats?arch=nope"), 422, "lab/invalid-request")
    expect("K GET /api/lab/audit?arch=nope", ctl("GET", "/api/lab/audit?arch=nope"), 422, "lab/invalid-request")
    expect("K GET /api/lab/trace?window=abc", ctl("GET", "/api/lab/trace?window=abc"), {200, 422},
           check=lambda r: True if r.status == 200 or r.ctype.startswith(PROBLEM) else "not a problem")
    expect("K GET /api/lab/stats?arch=%ZZ", ctl("GET", "/api/lab/stats?arch=%ZZ"), {400, 422},
           check=lambda r: True if r.ctype.startswith(PROBLEM) or r.status == 400 else "not a problem")
    expect("K PATCH /api/lab (405 with Allow)", ctl("PATCH", "/api/lab", "{}", JSONH), 405, "lab/method-not-allowed",
           check=lambda r: True if r.headers.get("allow") else "no Allow")
    expect("K GET /api/lab/nothing", ctl("GET", "/api/lab/nothing"), 404, "lab/not-found")
    expect("K GET /../../etc/passwd (the page's files only)", raw(f"GET /../../etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:{CP}\r\nConnection: close\r\n\r\n", port=CP),
           {400, 404}, check=lambda r: True if b"root:" not in r.body else "served a file")
    expect("K POST / (the page is GET only)", ctl("POST", "/", "{}", JSONH, auth=False), 405, "lab/method-not-allowed")
    expect("K after all of K, no fault is on", ctl("GET", "/api/lab/faults"), 200,
           check=lambda r: True if (r.json() or {}).get("faults") == [] else f"faults on: {(r.json() or {}).get('faults')}")
    ctl("DELETE", "/api/lab/faults")
    ctl("DELETE", "/api/lab/load")

ok = sum(1 for x in results if x[1])
print(f"\n{ok}/{len(results)} answered right; misses: {len(results) - ok}")
for name, good, resp, why, st, kind in results:
    if not good:
        print(f"  MISS {name}: expected {st} {kind or ''}; got {resp!r} ({', '.join(why)})")
