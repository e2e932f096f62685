#!/usr/bin/env python3
"""Fixed-rate phases and a drain against a running event-driven system, with the CPU every process of the
architecture spent over each phase and the outcome latencies from its orders table — the method of
docs/results/2026-12-05-event-driven-cost.md (a measurement script, not part of the lab or the bench).

    ./shoplab up event-driven --no-tracing &        # PostgreSQL durable, as the bench runs it
    up=$!                                           # ./shoplab execs its JVM: this is the lab's pid
    # once it prints "Press Ctrl-C to stop everything":
    eval "$(./shoplab env --arch event-driven)"
    SHOPLAB_UP_PID=$up python3 docs/results/event-driven-phases.py 10x60 20x60 drain4000
    kill -TERM $up

A phase RATExSECONDS places orders at RATE orders/s for SECONDS (16 client threads, one order per request with an
Idempotency-Key, the bench's mix: 90 % paid, 5 % declined, 5 % with the sold-out SKU-1000); drainN places N orders
as fast as the edge accepts them. Each phase waits until every order it placed has concluded, then prints the
orders/s from the first placed to the last concluded, outcome p50/p99/max (updated_at - created_at), and the CPU
per concluded order of each process: the lab's process tree (services, Kafka, simulators) and PostgreSQL's
postmaster with its backends, from /proc (utime+stime of live processes and of reaped children). The lab's own JVM
is shown but not summed; the client (this script) is neither, though it shares the machine; its own psql polls
(every 0.2 s while a phase concludes) count under postgres, about 0.1 ms per order in a drain. Needs psql.
"""
import http.client, json, os, random, subprocess, sys, threading, time, urllib.parse, uuid

EDGE = urllib.parse.urlparse(os.environ["EVENT_DRIVEN"])
TICK = os.sysconf("SC_CLK_TCK")
ROOT = int(os.environ["SHOPLAB_UP_PID"])  # the ./shoplab up JVM: its process tree is the architecture


def order_body():
    r = random.random()
    skus = set()
    if 0.05 <= r < 0.10:
        skus.add("SKU-1000")
    n = random.randint(1, 3)
    while len(skus) < n:
        skus.add("SKU-%04d" % random.randint(1, 999))
    lines = [{"sku": s, "quantity": random.randint(1, 3)} for s in skus]
    return json.dumps({"customerId": "c-%d" % random.randint(1, 10000), "lines": lines,
                       "paymentToken": "tok_decline" if r < 0.05 else "tok_ok"})


def postmaster():
    # The checkpointer's parent: a psql backend's pid is gone by the time /proc is read (its session ended).
    checkpointer = int(sql("select pid from pg_stat_activity where backend_type = 'checkpointer'"))
    with open("/proc/%d/stat" % checkpointer) as f:
        s = f.read()
    return int(s[s.rindex(")") + 2:].split()[1])


def tree():
    children = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                with open("/proc/%s/stat" % pid) as f:
                    s = f.read()
            except OSError:
                continue
            rest = s[s.rindex(")") + 2:].split()
            children.setdefault(int(rest[1]), []).append(int(pid))
    out, todo = [], [ROOT, POSTMASTER]
    while todo:
        p = todo.pop()
        if p in out:
            continue
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def cpu():
    """CPU seconds per process name (comm + first java main arg), live and reaped children, of the tree."""
    total = {}
    for pid in tree():
        try:
            with open("/proc/%d/stat" % pid) as f:
                s = f.read()
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                cmd = f.read().split(b"\0")
        except OSError:
            continue
        rest = s[s.rindex(")") + 2:].split()
        ticks = sum(int(x) for x in rest[11:15])
        name = s[s.index("(") + 1:s.rindex(")")]
        args = [c.decode() for c in cmd if c]
        if pid == ROOT:
            name = "lab"
        elif name == "java" or (args and args[0].endswith("java")):
            if "-jar" in args:  # a Quarkus service: .../<service>/target/quarkus-app/quarkus-run.jar
                name = args[args.index("-jar") + 1].split("/target/")[0].rsplit("/", 1)[-1]
            else:  # a class-path JVM: its main class
                rest = args[1:]
                i = 0
                while i < len(rest) and rest[i].startswith("-"):
                    i += 2 if rest[i] in ("-cp", "-classpath", "--class-path") else 1
                name = rest[i].rsplit(".", 1)[-1] if i < len(rest) else "java"
        elif name.startswith("postgres"):
            name = "postgres"
        total[name] = total.get(name, 0) + ticks / TICK
    return total


def post(conn, body):
    conn.request("POST", "/api/orders", body, {"Content-Type": "application/json",
                                                "Idempotency-Key": str(uuid.uuid4())})
    r = conn.getresponse()
    r.read()
    if r.status not in (201, 202):
        raise RuntimeError("POST answered %d" % r.status)


def place(n, rate=None):
    """Places n orders from 16 threads: the i-th at i / rate seconds, or as fast as the edge answers if rate is None."""
    start = time.monotonic()
    lock = threading.Lock()
    nxt = [0]

    def worker():
        conn = http.client.HTTPConnection(EDGE.hostname, EDGE.port, timeout=30)
        while True:
            with lock:
                i = nxt[0]
                nxt[0] += 1
            if i >= n:
                return
            if rate:
                delay = start + i / rate - time.monotonic()
                if delay > 0:
                    time.sleep(delay)
            post(conn, order_body())

    ts = [threading.Thread(target=worker) for _ in range(16)]
    [t.start() for t in ts]
    [t.join() for t in ts]
    return n


def sql(q):
    return subprocess.run(["psql", "-d", "ed_order", "-At", "-F", "|", "-c", q], check=True,
                          capture_output=True, text=True).stdout.strip()


def await_concluded(since):
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        pending = int(sql("select count(*) from orders where status = 'PENDING' and created_at >= '%s'" % since))
        if pending == 0:
            return
        time.sleep(0.2)
    raise RuntimeError("orders still pending after 600 s")


def main():
    global POSTMASTER
    POSTMASTER = postmaster()
    for phase in sys.argv[1:]:
        since = sql("select now()")
        before, t0 = cpu(), time.monotonic()
        if phase.startswith("drain"):
            n = place(int(phase[5:]))
        else:
            rate, seconds = phase.split("x")
            n = place(int(float(rate) * float(seconds)), float(rate))
        placed = time.monotonic() - t0
        await_concluded(since)
        wall = time.monotonic() - t0
        after = cpu()
        used = {k: after.get(k, 0) - before.get(k, 0) for k in after}
        total = sum(v for k, v in used.items() if k != "lab")
        row = sql("select count(*), extract(epoch from max(updated_at) - min(created_at)),"
                  " percentile_cont(0.5) within group (order by extract(epoch from updated_at - created_at)),"
                  " percentile_cont(0.99) within group (order by extract(epoch from updated_at - created_at)),"
                  " max(extract(epoch from updated_at - created_at))"
                  " from orders where created_at >= '%s'" % since).split("|")
        count, span, p50, p99, mx = int(row[0]), float(row[1]), float(row[2]), float(row[3]), float(row[4])
        print("%s: %d orders, placed in %.1f s, first placed to last concluded %.1f s (%.1f orders/s); phase %.1f s"
              % (phase, count, placed, span, count / span, wall))
        print("  outcome p50 / p99 / max: %.0f / %.0f / %.0f ms" % (p50 * 1000, p99 * 1000, mx * 1000))
        print("  CPU per concluded order, all processes but the lab's JVM: %.1f ms (%.2f cores busy)"
              % (1000 * total / count, total / wall))
        for k, v in sorted(used.items(), key=lambda kv: -kv[1]):
            if v > 0:
                print("    %-40s %.1f ms/order" % (k, 1000 * v / count))
        sys.stdout.flush()


main()
