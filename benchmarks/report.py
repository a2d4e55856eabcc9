#!/usr/bin/env python3
"""Turns the results of run.sh (benchmarks/target/results) into a markdown table."""
import glob
import json
import os
import statistics
import sys

out = sys.argv[1]
quick = '--quick' in sys.argv

scores = {}   # (benchmark short name, peer) -> (score, error, unit, alloc B/op)
for f in sorted(glob.glob(os.path.join(out, '*.json'))):
    with open(f) as fh:
        text = fh.read().strip()
    if not text:
        continue
    for r in json.loads(text):
        name = r['benchmark'].rsplit('.', 2)
        short = name[-2] + '.' + name[-1]
        peer = r.get('params', {}).get('peer', '-')
        pm = r['primaryMetric']
        alloc = r.get('secondaryMetrics', {}).get('gc.alloc.rate.norm', {}).get('score')
        scores[(short, peer)] = (pm['score'], pm['scoreError'], pm['scoreUnit'], alloc)


def get(short, peer):
    v = scores.get((short, peer))
    return None if v is None else v[0]


def fmt(v, unit=''):
    if v is None:
        return '—'
    if abs(v) >= 100:
        s = f'{v:,.0f}'
    elif abs(v) >= 10:
        s = f'{v:.1f}'
    else:
        s = f'{v:.2f}'
    return s + unit


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def rfmt(r):
    return '—' if r is None else f'{r:.2f}x'


def verdict(value, limit):
    if value is None:
        return 'not measured'
    return 'met' if value <= limit else '**missed**'


heap = {}
hp = os.path.join(out, 'heap.txt')
if os.path.exists(hp):
    for line in open(hp):
        parts = line.split()
        if len(parts) == 3 and parts[0] == 'heap':
            heap[parts[1]] = float(parts[2])

rows = []
y1 = {p: get('YieldBench.depth1', p) for p in ('coro4j', 'cf', 'vt')}
y10 = {p: get('YieldBench.depth10', p) for p in ('coro4j', 'cf', 'vt')}
sp = {p: get('SpawnBench.spawn', p) for p in ('coro4j', 'cf', 'vt')}
sp1 = {p: get('SpawnBench.spawnOneByOne', p) for p in ('coro4j', 'cf', 'vt')}
sl = {p: (None if get('SleepersBench.sleepers', p) is None else get('SleepersBench.sleepers', p) - 1000)
      for p in ('coro4j', 'cf', 'vt')}
pp = {p: get('PingPongBench.pingPong', p) for p in ('coro4j', 'cf', 'vt')}

print('| workload | coro4j (JDK 17) | CompletableFuture, 1 executor thread (JDK 17) | virtual threads, 1 carrier (JDK 25) | coro4j / CF | coro4j / VT | target | |')
print('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |')


def row(label, d, unit, target, tv):
    print(f"| {label} | {fmt(d['coro4j'], unit)} | {fmt(d['cf'], unit)} | {fmt(d['vt'], unit)} | "
          f"{rfmt(ratio(d['coro4j'], d['cf']))} | {rfmt(ratio(d['coro4j'], d['vt']))} | {target} | {tv} |")


row('yield, depth 1 (ns)', y1, '', '≤ 0.22x CF', verdict(ratio(y1['coro4j'], y1['cf']), 0.22))
row('yield at the bottom of 10 frames (ns)', y10, '', '≤ 0.5x VT', verdict(ratio(y10['coro4j'], y10['vt']), 0.5))
row('spawn: create 1M tasks that yield once, then await them all (ns per task)', sp, '', '≤ 0.5x CF', verdict(ratio(sp['coro4j'], sp['cf']), 0.5))
row('spawn one by one: create, yield once, await; 1M times (ns per task)', sp1, '', '≤ 0.5x CF', verdict(ratio(sp1['coro4j'], sp1['cf']), 0.5))
row('1M sleepers of 1 s: time beyond the second (ms)', sl, '', '', '')
hd = {p: heap.get(p) for p in ('coro4j', 'cf', 'vt')}
row('retained heap per sleeping task (B)', hd, '', '≤ 200 B', verdict(hd['coro4j'], 200))
row('ping-pong through one-slot channels (ns per round trip)', pp, '', '≤ 1x CF', verdict(ratio(pp['coro4j'], pp['cf']), 1.0))

print()
print('| call tax (inside one task, 100k calls per invocation) | ns per call | B per call (`-prof gc`) | vs plain | target | |')
print('| --- | ---: | ---: | ---: | --- | --- |')
plain = get('CallTaxBench.plain', '-')
plain_ni = get('CallTaxBench.plainNoInline', '-')
for short, label, base, target in (
        ('CallTaxBench.plain', 'plain call (inlined by the JIT)', plain, ''),
        ('CallTaxBench.coroutine', 'coroutine call that does not suspend (inlined)', plain, '≤ 1.3x, 0 B'),
        ('CallTaxBench.plainNoInline', 'plain call, not inlined', plain_ni, ''),
        ('CallTaxBench.coroutineNoInline', 'coroutine call that does not suspend, not inlined', plain_ni, '≤ 1.3x, 0 B'),
        ('CallTaxBench.cf', 'CompletableFuture: completedFuture + join (no task)', plain, '')):
    v = scores.get((short, '-'))
    if v is None:
        continue
    r = ratio(v[0], base)
    tv = ''
    if target:
        tv = 'met' if r is not None and r <= 1.3 and (v[3] is None or v[3] < 1) else '**missed**'
    alloc = '—' if v[3] is None else f'{v[3]:.3f}'
    print(f'| {label} | {fmt(v[0])} | {alloc} | {rfmt(r)} | {target} | {tv} |')

ap = os.path.join(out, 'agent.txt')
if os.path.exists(ap):
    cols = {'plain': [], 'agent': [], 'include': []}
    classes = 0
    for line in open(ap):
        f = line.split()
        mode, classes = f[0], int(f[2])
        cols[mode].append([float(x) for x in f[3:7]])  # wall, thread cpu, process cpu, whole JVM wall

    def med(mode, i):
        return statistics.median(r[i] for r in cols[mode])

    print()
    print(f'| agent cost: loading {classes} classes of guava and commons-lang3 that never mention coro4j (median of {len(cols["plain"])} fresh JVMs each way) | without agent | with agent | ratio | target | |')
    print('| --- | ---: | ---: | ---: | --- | --- |')
    for i, label, target in ((1, 'CPU time of the loading thread (ms)', '≤ 1.05x'),
                             (0, 'wall time of the loading (ms)', ''),
                             (2, 'CPU time of the whole process while loading, JIT and GC threads included (ms)', ''),
                             (3, 'whole JVM run, start-up and the agent\'s premain included (ms)', '')):
        p, a = med('plain', i), med('agent', i)
        print(f'| {label} | {p:.0f} | {a:.0f} | {a / p:.2f}x | {target} | {verdict(a / p, 1.05) if target else ""} |')
    # the opt-in include list, naming none of these classes: the agent then checks their names only
    for i, label, target in ((1, 'CPU time of the loading thread', '≤ 1.05x'),
                             (2, 'CPU time of the whole process while loading', '')):
        if cols['include']:
            p, a = med('plain', i), med('include', i)
            print(f'| {label}, agent with `-Dcoro4j.include=com.example` (ms) | {p:.0f} | {a:.0f} | {a / p:.2f}x | {target} | {verdict(a / p, 1.05) if target else ""} |')
    heavy = get('TransformBench.heavyClass', '-')
    fast = get('TransformBench.fastPath', '-')
    if heavy is not None:
        print(f'| transforming HeavyCoroutines (12 coroutine methods), steady state (µs) | | {heavy:.0f} | | well under 1,000 µs | {verdict(heavy, 1000)} |')
    if fast is not None:
        print(f'| fast path: JMH\'s Runner class (never mentions coro4j) returned untouched, steady state (µs) | | {fast:.1f} | | | |')

pp = os.path.join(out, 'plugin.txt')
if os.path.exists(pp):
    # build-time rewrite: the same program loaded as compiled, rewritten (no agent), and as compiled under the agent
    runs = {'compiled': [], 'rewritten': [], 'agent': []}
    loaded = 0
    for line in open(pp):
        f = line.split()
        runs[f[0]].append([float(x) for x in f[3:6]])  # wall, thread cpu, process cpu
        loaded = int(f[2])

    def pmed(mode, i):
        return statistics.median(r[i] for r in runs[mode])

    print()
    print(f'| build-time rewrite: loading {loaded} classes (guava, commons-lang3, the coro4j runtime and the benchmarks\' coroutine classes; median of {len(runs["compiled"])} fresh JVMs each way) | as compiled, no agent | rewritten by the plugin, no agent | ratio | as compiled, with the agent | ratio | target | |')
    print('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |')
    for i, label, target in ((1, 'CPU time of the loading thread (ms)', '≤ 1.05x'),
                             (0, 'wall time of the loading (ms)', ''),
                             (2, 'CPU time of the whole process while loading (ms)', '')):
        c, w, a = pmed('compiled', i), pmed('rewritten', i), pmed('agent', i)
        print(f'| {label} | {c:.0f} | {w:.0f} | {w / c:.2f}x | {a:.0f} | {a / c:.2f}x | {target} | {verdict(w / c, 1.05) if target else ""} |')

print()
lp = os.path.join(out, 'loadavg.txt')
if os.path.exists(lp):
    loads = [float(x) for x in open(lp).read().split()]
    if loads:
        print(f'Load average (1 min) during the run: min {min(loads):.2f}, mean {statistics.mean(loads):.2f}, '
              f'max {max(loads):.2f} ({len(loads)} samples, every 5 s).')
mp = os.path.join(out, 'machine.txt')
if os.path.exists(mp):
    for line in open(mp):
        print('- ' + line.strip())
if quick:
    print('\nQuick mode: short iterations, no virtual threads, 200k sleepers for the heap; compare with BENCHMARKS.md only roughly.')
