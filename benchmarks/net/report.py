#!/usr/bin/env python3
"""Turns benchmarks/net/run.sh's results into the markdown tables of BENCHMARKS.md.

    python3 report.py RESULTS_DIR [--rounds N] [--warmup S] [--window S] [--quick]

RESULTS_DIR holds results.jsonl (one load-client run a line, with its round), heap.jsonl (one server a
line: live heap and RSS before and after the idle connections), loadavg.txt and machine.txt.
"""

import argparse
import json
import statistics
from pathlib import Path

LABELS = {
    "coro4j": "coro4j, one loop (JDK 17)",
    "netty": "Netty 4.2, NIO, one loop (JDK 17)",
    "vt": "virtual threads, one carrier (JDK 25)",
    "asyncio": "Python asyncio streams",
}
ORDER = ["coro4j", "netty", "vt", "asyncio"]
PEERS = [("netty", "Netty"), ("vt", "VT"), ("asyncio", "asyncio")]
# a client process busier than this may have been the limit rather than the server
CLIENT_BUSY = 0.9


def load_lines(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def order_key(name):
    return (ORDER.index(name) if name in ORDER else len(ORDER), name)


def num(x, digits=0):
    return f"{x:,.{digits}f}"


def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else ""


def throughput_table(runs, args):
    by = {}
    for r in runs:
        by.setdefault((r["connections"], r["server"]), []).append(r)
    counts = sorted({c for c, _ in by})
    servers = sorted({s for _, s in by}, key=order_key)

    def median(c, s, field):
        rs = by.get((c, s))
        return statistics.median(r[field] for r in rs) if rs else None

    def cpu_per_request(c, s):
        """The server's CPU time per echo, median over the rounds: on a shared machine, where a server
        gets only part of its core, the steadiest measure of what it would do with the whole core."""
        costs = [r["server_cpu"] / r["rps"] * 1e6 for r in by.get((c, s), []) if r["server_cpu"] >= 0 and r["rps"]]
        return statistics.median(costs) if costs else None

    rounds = f"median of {args.rounds} rounds" if args.rounds > 1 else "one round"
    out = [f"Echo, 1 KiB messages, closed loop ({rounds}; {num(args.warmup)} s warm-up, then a "
           f"{num(args.window)} s window, per run):", "",
           "| connections | server | req/s | p50 (µs) | p99 (µs) | / Netty | / VT | / asyncio | p99 / Netty's"
           " | req/s per round | client CPU, max | server CPU | server CPU per request (µs) | / Netty's |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: |"]
    notes = []
    for c in counts:
        for s in servers:
            rs = by.get((c, s))
            if not rs:
                continue
            rps = median(c, s, "rps")
            p99 = median(c, s, "p99_us")
            cells = [str(c), LABELS.get(s, s), num(rps), num(median(c, s, "p50_us"), 1), num(p99, 1)]
            for peer, _ in PEERS:
                cells.append("" if peer == s else ratio(rps, median(c, peer, "rps")))
            cells.append("" if s == "netty" else ratio(p99, median(c, "netty", "p99_us")))
            cells.append(", ".join(num(r["rps"]) for r in sorted(rs, key=lambda r: r["round"])))
            client_cpu = max(r["client_process_cpu"] for r in rs)
            server_cpu = [r["server_cpu"] for r in rs if r["server_cpu"] >= 0]
            cells.append(f"{100 * client_cpu:.0f}%")
            cells.append(f"{100 * statistics.median(server_cpu):.0f}%" if server_cpu else "")
            cost = cpu_per_request(c, s)
            cells.append(num(cost, 1) if cost else "")
            cells.append("" if s == "netty" else ratio(cost, cpu_per_request(c, "netty")))
            errors = sum(r["errors"] for r in rs)
            if errors:
                cells[1] += " **(errors)**"
                first = next(r["first_error"] for r in rs if r["errors"])
                notes.append(f"- **{LABELS.get(s, s)}, {c} connections: {errors} errors**, the first: {first}")
            if client_cpu > CLIENT_BUSY:
                notes.append(f"- {LABELS.get(s, s)}, {c} connections: the client process used "
                             f"{100 * client_cpu:.0f}% of its core: the client may have been the limit")
            out.append("| " + " | ".join(cells) + " |")
    out += [""] + notes + ([""] if notes else [])
    if args.rounds > 1:
        out += best_round_table(by, counts, servers) + [""]
    # what an echo costs the client and each server, where the cores are busiest (10+ connections)
    busy = [r for r in runs if r["connections"] >= 10 and r["rps"] and r["server_cpu"] >= 0]
    if busy:
        client_cost = statistics.median(r["client_process_cpu"] / r["rps"] * 1e6 for r in busy)
        server_costs = ", ".join(
            f"{LABELS.get(s, s).split(',')[0]} {statistics.median(r['server_cpu'] / r['rps'] * 1e6 for r in busy if r['server'] == s):.1f}"
            for s in servers if any(r["server"] == s for r in busy))
        out.append(f"CPU per echo at 10 and 100 connections (median over the runs): the load client {client_cost:.1f} µs;"
                   f" the servers: {server_costs} µs. A server that needs less CPU per echo than the client can be held"
                   f" back by the client's core when both cores are free: read its CPU per request, not its req/s.")
        out.append("")
    checked = sum(r["bytes_checked"] for r in runs)
    alloc = max((r["client_bytes_per_request"] for r in runs), default=0)
    out.append(f"Every echoed byte was compared with what was sent: {checked:,} bytes in all runs, "
               f"{sum(r['errors'] for r in runs)} errors. The client thread allocated at most {alloc:.2f} B "
               f"per request in a window.")
    return out


def best_round_table(by, counts, servers):
    """Each server's best round: other work on a shared machine only ever lowers a throughput, so the
    best of the rounds is the closest to what the server does on its own core."""
    best = {key: max(rs, key=lambda r: r["rps"]) for key, rs in by.items()}
    out = ["The best round of each (the highest req/s of the rounds, with that round's latencies and CPU):", "",
           "| connections | server | req/s | p50 (µs) | p99 (µs) | / Netty | / VT | / asyncio | client CPU | server CPU |",
           "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for c in counts:
        for s in servers:
            r = best.get((c, s))
            if not r:
                continue
            cells = [str(c), LABELS.get(s, s), num(r["rps"]), num(r["p50_us"], 1), num(r["p99_us"], 1)]
            for peer, _ in PEERS:
                other = best.get((c, peer))
                cells.append("" if peer == s or not other else ratio(r["rps"], other["rps"]))
            cells.append(f"{100 * r['client_process_cpu']:.0f}%")
            cells.append(f"{100 * r['server_cpu']:.0f}%" if r["server_cpu"] >= 0 else "")
            out.append("| " + " | ".join(cells) + " |")
    return out


def heap_table(rows):
    if not rows:
        return []
    per = {r["server"]: (r["live_after"] - r["live_before"]) / r["connections"] for r in rows}
    out = ["Retained heap per idle connection (each connection echoed one message, then waits; live heap "
           "after full collections, with the connections open minus before; asyncio: tracemalloc's "
           "traced memory after gc.collect()):", "",
           "| server | idle connections | live heap before (MB) | with the connections (MB) | per connection (B)"
           " | / Netty | / VT | / asyncio | RSS growth per connection (B) |",
           "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for r in sorted(rows, key=lambda r: order_key(r["server"])):
        s = r["server"]
        cells = [LABELS.get(s, s), num(r["connections"]), num(r["live_before"] / 2**20, 1),
                 num(r["live_after"] / 2**20, 1), num(per[s])]
        for peer, _ in PEERS:
            cells.append("" if peer == s else ratio(per[s], per.get(peer)))
        rss = (r["rss_after"] - r["rss_before"]) / r["connections"] if r["rss_before"] >= 0 else None
        cells.append(num(rss) if rss is not None else "")
        out.append("| " + " | ".join(cells) + " |")
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("results")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--window", type=float, default=10)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    results = Path(args.results)
    lines = []
    if args.quick:
        lines += ["**Quick run**: short windows and fewer idle connections; for a look, not for BENCHMARKS.md.", ""]
    lines += throughput_table(load_lines(results / "results.jsonl"), args)
    lines += [""] + heap_table(load_lines(results / "heap.jsonl"))
    loads = [float(x) for x in (results / "loadavg.txt").read_text().split()] \
        if (results / "loadavg.txt").exists() else []
    lines.append("")
    if loads:
        lines.append(f"Load average (1 min) during the run: min {min(loads):.2f}, mean "
                     f"{statistics.mean(loads):.2f}, max {max(loads):.2f} ({len(loads)} samples, every 5 s).")
    machine = results / "machine.txt"
    if machine.exists():
        lines += ["- " + line for line in machine.read_text().splitlines()]
    print("\n".join(lines))


if __name__ == "__main__":
    main()
