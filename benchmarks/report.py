#!/usr/bin/env python3
"""Turns the results of run.sh (benchmarks/target/results) into markdown: one table with every peer and
coro4j's ratio against each, the per-fork spread, the call tax, the agent's cost."""
import glob
import json
import os
import statistics
import sys

out = sys.argv[1]
quick = '--quick' in sys.argv

PEERS = ('coro4j', 'kotlin', 'kotlin-default', 'cf', 'vt')
HEAD = {
    'coro4j': 'coro4j (JDK 17)',
    'kotlin': 'Kotlin, `runBlocking`, 1 thread (JDK 17)',
    'kotlin-default': 'Kotlin, `Dispatchers.Default`, 2 threads (JDK 17)',
    'cf': 'CompletableFuture, 1 executor thread (JDK 17)',
    'vt': 'virtual threads, 1 carrier (JDK 25)',
}
SHORT = {'kotlin': 'Kotlin', 'kotlin-default': 'Kotlin Default', 'cf': 'CF', 'vt': 'VT'}

scores = {}   # (benchmark short name, peer) -> dict(score, unit, alloc B/op, forks: [[iteration scores]])
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
        scores[(short, peer)] = dict(score=pm['score'], unit=pm['scoreUnit'], alloc=alloc,
                                     forks=pm.get('rawData', []))


def get(short, peer):
    v = scores.get((short, peer))
    return None if v is None else v['score']


def fmt(v):
    if v is None:
        return '—'
    if abs(v) >= 100:
        return f'{v:,.0f}'
    if abs(v) >= 10:
        return f'{v:.1f}'
    return f'{v:.2f}'


def ratio(a, b):
    if a is None or b is None or b == 0:
        return None
    return a / b


def rfmt(r):
    return '—' if r is None else f'{r:.2f}x'


heap = {}
hp = os.path.join(out, 'heap.txt')
if os.path.exists(hp):
    for line in open(hp):
        parts = line.split()
        if len(parts) == 3 and parts[0] == 'heap':
            heap[parts[1]] = float(parts[2])

# the call tax, per peer: each peer's call that does not suspend (a virtual thread calls plain methods)
CALL = {'coro4j': 'CallTaxBench.coroutine', 'kotlin': 'CallTaxBench.kotlin', 'cf': 'CallTaxBench.cf',
        'vt': 'CallTaxBench.plain'}
CALL_NI = {'coro4j': 'CallTaxBench.coroutineNoInline', 'kotlin': 'CallTaxBench.kotlinNoInline',
           'vt': 'CallTaxBench.plainNoInline'}


def workload(short):
    return {p: get(short, p) for p in PEERS}


def calls(which):
    return {p: (get(which[p], '-') if p in which else None) for p in PEERS}


# (label, values per peer, targets: [(peer, limit)], absolute limit or None)
rows = [
    ('yield, one task (ns)', workload('YieldBench.depth1'), [('kotlin', 1.0)], None),
    ('yield, two tasks taking turns (ns)', workload('YieldBench.twoTasks'), [('kotlin', 0.5)], None),
    ('yield at the bottom of 10 coroutine frames (ns)', workload('YieldBench.depth10'),
     [('vt', 0.5), ('kotlin', 0.5)], None),
    ('yield at the bottom of 10 frames, two tasks taking turns (ns)', workload('YieldBench.depth10TwoTasks'),
     [], None),
    ('spawn: 1M tasks that yield once, awaited in order (ns per task)', workload('SpawnBench.spawn'),
     [('cf', 0.75), ('kotlin', 0.5)], None),
    ('ping-pong through two one-slot channels (ns per round trip)', workload('PingPongBench.pingPong'),
     [('kotlin', 0.75), ('cf', 1.0)], None),
    ('retained heap per sleeping task (B)', {p: heap.get(p) for p in PEERS}, [], 150),
    ('call that does not suspend, inlined (ns; plain call: '
     + fmt(get('CallTaxBench.plain', '-')) + ')', calls(CALL), [], None),
    ('call that does not suspend, not inlined (ns; plain call: '
     + fmt(get('CallTaxBench.plainNoInline', '-')) + ')', calls(CALL_NI), [], None),
]


def target_text(targets, limit):
    parts = [f'≤ {lim:g}x {SHORT[p]}' for p, lim in targets]
    if limit is not None:
        parts.append(f'≤ {limit:g} B')
    return ', '.join(parts)


def verdict(values, targets, limit):
    c = values['coro4j']
    if c is None or (not targets and limit is None):
        return ''
    missed = []
    for p, lim in targets:
        r = ratio(c, values[p])
        if r is None:
            return 'not measured'
        if r > lim:
            missed.append(SHORT[p])
    if limit is not None and c > limit:
        missed.append(f'{limit:g} B')
    return 'met' if not missed else '**missed** (' + ', '.join(missed) + ')'


others = [p for p in PEERS if p != 'coro4j']
print('| workload | ' + ' | '.join(HEAD[p] for p in PEERS) + ' | '
      + ' | '.join(f'coro4j / {SHORT[p]}' for p in others) + ' | target (issue 12) | |')
print('| --- | ' + ' | '.join('---:' for _ in PEERS) + ' | ' + ' | '.join('---:' for _ in others) + ' | --- | --- |')
for label, values, targets, limit in rows:
    print(f'| {label} | ' + ' | '.join(fmt(values[p]) for p in PEERS) + ' | '
          + ' | '.join(rfmt(ratio(values['coro4j'], values[p])) for p in others)
          + f' | {target_text(targets, limit)} | {verdict(values, targets, limit)} |')

# ---- per fork --------------------------------------------------------------------------------------
print()
print('Per fork (the mean of each fork\'s measured iterations, ns; the spread is the slowest fork over the'
      ' fastest):')
print()
print('| benchmark | ' + ' | '.join(SHORT.get(p, p) for p in PEERS) + ' |')
print('| --- | ' + ' | '.join('---' for _ in PEERS) + ' |')
for short, label in (('YieldBench.depth1', 'yield, one task'), ('YieldBench.twoTasks', 'yield, two tasks'),
                     ('YieldBench.depth10', 'yield, depth 10'),
                     ('YieldBench.depth10TwoTasks', 'yield, depth 10, two tasks'), ('SpawnBench.spawn', 'spawn'),
                     ('PingPongBench.pingPong', 'ping-pong')):
    cells = []
    for p in PEERS:
        v = scores.get((short, p))
        if v is None or not v['forks']:
            cells.append('—')
            continue
        means = [statistics.mean(f) for f in v['forks'] if f]
        spread = max(means) / min(means) - 1 if len(means) > 1 else None
        cells.append(' / '.join(fmt(m) for m in means) + ('' if spread is None else f' (+{spread:.0%})'))
    print(f'| {label} | ' + ' | '.join(cells) + ' |')

print()
print('| call tax, per fork (ns per call) | forks |')
print('| --- | --- |')
for short, label in (('CallTaxBench.plain', 'plain call'), ('CallTaxBench.coroutine', 'coro4j'),
                     ('CallTaxBench.kotlin', 'Kotlin'), ('CallTaxBench.plainNoInline', 'plain call, not inlined'),
                     ('CallTaxBench.coroutineNoInline', 'coro4j, not inlined'),
                     ('CallTaxBench.kotlinNoInline', 'Kotlin, not inlined')):
    v = scores.get((short, '-'))
    if v is None or not v['forks']:
        continue
    means = [statistics.mean(f) for f in v['forks'] if f]
    spread = max(means) / min(means) - 1 if len(means) > 1 else None
    print(f'| {label} | ' + ' / '.join(fmt(m) for m in means) + ('' if spread is None else f' (+{spread:.0%})') + ' |')

# ---- call tax --------------------------------------------------------------------------------------
print()
print('| call tax (inside one task, 100k calls per invocation) | ns per call | B per call (`-prof gc`) | vs plain | target | |')
print('| --- | ---: | ---: | ---: | --- | --- |')
plain = get('CallTaxBench.plain', '-')
plain_ni = get('CallTaxBench.plainNoInline', '-')
for short, label, base, target in (
        ('CallTaxBench.plain', 'plain call (inlined by the JIT; also what a virtual thread pays)', plain, ''),
        ('CallTaxBench.coroutine', 'coro4j: coroutine call that does not suspend (inlined)', plain, '≤ 1.05x, 0 B'),
        ('CallTaxBench.kotlin', 'Kotlin: suspend fun that does not suspend (inlined)', plain, ''),
        ('CallTaxBench.cf', 'CompletableFuture: completedFuture + join', plain, ''),
        ('CallTaxBench.plainNoInline', 'plain call, not inlined', plain_ni, ''),
        ('CallTaxBench.coroutineNoInline', 'coro4j: coroutine call that does not suspend, not inlined', plain_ni, '≤ 1.05x, 0 B'),
        ('CallTaxBench.kotlinNoInline', 'Kotlin: suspend fun that does not suspend, not inlined', plain_ni, '')):
    v = scores.get((short, '-'))
    if v is None:
        continue
    r = ratio(v['score'], base)
    tv = ''
    if target:
        tv = 'met' if r is not None and r <= 1.05 and (v['alloc'] is None or v['alloc'] < 1) else '**missed**'
    alloc = '—' if v['alloc'] is None else f"{v['alloc']:.3f}"
    print(f"| {label} | {fmt(v['score'])} | {alloc} | {rfmt(r)} | {target} | {tv} |")

# ---- agent cost ------------------------------------------------------------------------------------
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

    def ok(value, limit):
        return 'met' if value <= limit else '**missed**'

    print()
    print(f'| agent cost: loading {classes} classes of guava and commons-lang3 that never mention coro4j (median of {len(cols["plain"])} fresh JVMs each way) | without agent | with agent | ratio | target | |')
    print('| --- | ---: | ---: | ---: | --- | --- |')
    for i, label, target in ((1, 'CPU time of the loading thread (ms)', '≤ 1.05x'),
                             (0, 'wall time of the loading (ms)', ''),
                             (2, 'CPU time of the whole process while loading, JIT and GC threads included (ms)', ''),
                             (3, 'whole JVM run, start-up and the agent\'s premain included (ms)', '')):
        p, a = med('plain', i), med('agent', i)
        print(f'| {label} | {p:.0f} | {a:.0f} | {a / p:.2f}x | {target} | {ok(a / p, 1.05) if target else ""} |')
    # the opt-in include list, naming none of these classes: the agent then checks their names only
    for i, label, target in ((1, 'CPU time of the loading thread', '≤ 1.05x'),
                             (2, 'CPU time of the whole process while loading', '')):
        if cols['include']:
            p, a = med('plain', i), med('include', i)
            print(f'| {label}, agent with `-Dcoro4j.include=com.example` (ms) | {p:.0f} | {a:.0f} | {a / p:.2f}x | {target} | {ok(a / p, 1.05) if target else ""} |')
    heavy = get('TransformBench.heavyClass', '-')
    fast = get('TransformBench.fastPath', '-')
    if heavy is not None:
        print(f'| transforming HeavyCoroutines (12 coroutine methods), steady state (µs) | | {heavy:.0f} | | well under 1,000 µs | {ok(heavy, 1000)} |')
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
        print(f'| {label} | {c:.0f} | {w:.0f} | {w / c:.2f}x | {a:.0f} | {a / c:.2f}x | {target} | {("met" if w / c <= 1.05 else "**missed**") if target else ""} |')

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
    print('\nQuick mode: short iterations, one fork, no Kotlin on Dispatchers.Default, no virtual threads,'
          ' 200k sleepers for the heap; compare with BENCHMARKS.md only roughly.')
