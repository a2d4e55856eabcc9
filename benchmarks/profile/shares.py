#!/usr/bin/env python3
"""Shares of a coro4j step's parts in a JMH -prof perfasm output: python3 shares.py PERFASM.txt NS_PER_OP.

Each sample of the printed regions counts for the innermost method of its instruction's inlining chain
(the chain HotSpot prints under an instruction, with DebugNonSafepoints; an instruction without one
takes the next annotated instruction's) that a rule below names; helpers without a rule count for their
caller. Prints each part's share of the samples in compiled Java code and that share of NS_PER_OP.
profile.sh runs perfasm so that every hot method is printed whole (mergeMethods, no size cut-off)."""
import re, sys
from collections import defaultdict

RULES = [  # first match, innermost frame first; helpers with no rule (pushPrim, frameSiteOf, FrameSite.get,
           # ArrayDeque internals) count for the method that called them
    ('Continuation::checkChain', 'capture: chain check, slow path'),
    ('BodyCheck::', 'step: body check (BodyCheck, outermostSavedKey)'),
    ('Continuation::outermostSaved', 'step: body check (BodyCheck, outermostSavedKey)'),
    ('Continuation::enter', 'prologue: continuation lookup (enter, Carrier.get)'),
    ('Carrier::get', 'prologue: continuation lookup (enter, Carrier.get)'),
    ('Continuation::restoreFrame', 'restore: restoreFrame (record, self-key check)'),
    ('Continuation::restore', 'restore: values (restoreInt/Ref...)'),
    ('Continuation::finishRestore', 'restore: the leaf (finishRestore)'),
    ('Continuation::saveFrame', 'capture: saveFrame (chain check, closing record)'),
    ('Continuation::save', 'capture: values (saveInt/Ref...)'),
    ('Continuation::beginCapture', 'capture: the leaf (beginCapture)'),
    ('LeafPoint::', 'capture: the leaf (beginCapture)'),
    ('Continuation::prepareResume', 'step: resume/suspend bookkeeping'),
    ('Continuation::awaitsResume', 'step: resume/suspend bookkeeping'),
    ('Continuation::endStep', 'step: resume/suspend bookkeeping'),
    ('Carrier::switchTo', 'step: resume/suspend bookkeeping'),
    ('TaskImpl::arrangeWakeUpAfter', 'sleep(0): schedule the step, ready queue add'),
    ('TaskImpl::scheduleStep', 'sleep(0): schedule the step, ready queue add'),
    ('LoopCore::callSoon', 'sleep(0): schedule the step, ready queue add'),
    ('LoopCore::toNanos', 'sleep(0): schedule the step, ready queue add'),
    ('LoopCore::checkOpen', 'sleep(0): schedule the step, ready queue add'),
    ('Duration::', 'sleep(0): schedule the step, ready queue add'),
    ('TaskImpl::of', 'sleep(0): schedule the step, ready queue add'),
    ('Coro::sleep', 'sleep(0): the leaf'),
    ('Inbox::', 'loop turn: inbox'),
    ('ConcurrentLinkedQueue::', 'loop turn: inbox'),
    ('LoopCore::runOnce', 'loop turn (runOnce, with its ready-queue poll)'),
    ('LoopCore::', 'loop turn: other'),
    ('TaskImpl::run', 'step: TaskImpl.run'),
    ('Continuation::runBody', 'step: TaskImpl.run'),
    ('Continuation::callBody', 'step: TaskImpl.run'),
    ('Waiter', 'sync.Queue: waiters and wake-ups'),
    ('Completion::', 'sync.Queue: waiters and wake-ups'),
    ('TaskImpl::wake', 'sync.Queue: waiters and wake-ups'),
    ('TaskImpl::waitOn', 'sync.Queue: waiters and wake-ups'),
    ('WeakRegistry', 'sync.Queue: waiters and wake-ups'),
    ('LoopBinding', 'sync.Queue: loop binding check'),
    ('io.coro4j.sync.', 'sync.Queue: put/get'),
    ('TaskImpl::', 'task: other'),
    ('io.coro4j.bench.', 'body: its loop, mode checks, moves around save/restore'),
    ('$$Lambda', 'body: its loop, mode checks, moves around save/restore'),
]

def category(chain):
    for frame in chain:
        for pat, cat in RULES:
            if pat in frame:
                return cat
    return 'other: ' + (chain[0].split('::')[0].rsplit('.', 1)[-1] + '::' + chain[0].split('::')[1] if chain else 'no debug info')

def main(path, ns):
    text = open(path, encoding='utf-8', errors='replace').read()
    # first benchmark's section only (perfasm prints one block per benchmark)
    instr = re.compile(r'^\s*(?:(\d+\.\d+)%)?[\s│↗↘╭╰─┬┴├┤└┘┌┐]+0x[0-9a-f]+:\s+\S')
    frame = re.compile(r';\s+-\s+(\S+::[^@\s]+)@(-?\d+)')
    total_line = re.compile(r'<total for region')
    rows = []  # [pct, chain]
    inregion = False
    for line in text.splitlines():
        if '[Hottest Region' in line:
            inregion = True
            continue
        if total_line.search(line):
            inregion = False
            continue
        if '[Hottest Regions]' in line:
            break
        if not inregion:
            continue
        m = instr.match(line)
        if m:
            rows.append([float(m.group(1) or 0), []])
            f = frame.search(line)
            if f:
                rows[-1][1].append(f.group(1))
            continue
        f = frame.search(line)
        if f and rows:
            rows[-1][1].append(f.group(1))
    # an instruction without a chain takes the next annotated one's
    nxt = []
    for r in reversed(rows):
        if r[1]:
            nxt = r[1]
        else:
            r[1] = nxt
    agg = defaultdict(float)
    for pct, chain in rows:
        agg[category(chain)] += pct
    covered = sum(agg.values())
    print(f'{path}: {covered:.1f}% of all samples are in the printed regions (the rest: kernel, JVM, stubs)')
    print(f'  share of those; ns if {ns} ns per op were all Java code')
    for cat, pct in sorted(agg.items(), key=lambda kv: -kv[1]):
        if pct / covered >= 0.005:
            print(f'  {pct / covered * 100:5.1f}%  {pct / covered * ns:6.1f} ns  {cat}')

if __name__ == '__main__':
    main(sys.argv[1], float(sys.argv[2]))
