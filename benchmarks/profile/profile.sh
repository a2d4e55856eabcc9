#!/usr/bin/env bash
# Profiles coro4j's yield (one task, two tasks, depth 10), ping-pong and spawn with JMH's perfasm and
# prints where the time goes (shares.py). Needs Debian's linux-perf, gcc and libcapstone-dev
# (apt-get install linux-perf gcc libcapstone-dev) and a built benchmarks.jar (benchmarks/run.sh, or
# mvn package -pl benchmarks -am -DskipTests). Writes benchmarks/target/profile/.
#
#   benchmarks/profile/profile.sh [JMH benchmark regex]     default: every workload above
#
# The JVM is a private copy of JDK 17 (JDK17, default /usr/lib/jvm/java-17-openjdk-amd64) with the
# capstone hsdis plugin in it (see hsdis-capstone.c). The event is cpu-clock: it works in a VM without
# hardware counters. It ignores JMH's machine-wide lock: a profile's shares, unlike a benchmark's times,
# hardly move with other load.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
out=$repo/benchmarks/target/profile
jdk=$out/jdk17-hsdis
mkdir -p "$out"

if [[ ! -x $jdk/bin/java ]]; then
  echo "== a copy of $jdk17 with the capstone hsdis plugin in $jdk"
  cp -rL "$jdk17" "$jdk" 2>/dev/null || true
  rm -f "$jdk/lib/hsdis-amd64.so" # Debian's link to libhsdis0-fcml, which this JDK cannot use
  gcc -O2 -shared -fPIC -o "$jdk/lib/server/hsdis-amd64.so" "$here/hsdis-capstone.c" -lcapstone
fi

jar=$repo/benchmarks/target/benchmarks.jar
agent=$repo/instrumenter/target/coro4j-agent.jar
perfasm='perfasm:events=cpu-clock;top=40;mergeMargin=64;mergeMethods=true;hotThreshold=0.003;tooBigThreshold=100000'
for bench in ${1:-YieldBench.depth1 YieldBench.twoTasks YieldBench.depth10 YieldBench.depth10TwoTasks PingPongBench.pingPong SpawnBench.spawn}; do
  echo "== $bench"
  "$jdk/bin/java" -Djmh.ignoreLock=true -jar "$jar" "$bench\$" -p peer=coro4j -wi 12 -w 1s -i 5 -r 2s -f 1 \
    -jvmArgsAppend "-javaagent:$agent" -prof "$perfasm" > "$out/$bench.txt" 2>&1
  ns=$(awk -v b="$bench" '$1 == b && $2 == "coro4j" {print $5}' "$out/$bench.txt")
  python3 "$here/shares.py" "$out/$bench.txt" "$ns" | tee "$out/$bench.shares.txt"
done
