#!/usr/bin/env bash
# Runs coro4j's benchmarks beside its peers and writes one markdown table with every peer.
#
#   benchmarks/run.sh           the full set (about 20 minutes on 2 cores)
#   benchmarks/run.sh --quick   four to five minutes: coro4j, Kotlin (runBlocking) and CompletableFuture,
#                               short iterations, one fork; run it before submitting a change to the
#                               rewriter or the loop
#
# It builds the project (mvn package, with JDK 25 when present so that the virtual-thread peer is
# compiled; nothing is installed in ~/.m2), runs coro4j on JDK 17 with -javaagent:coro4j-agent.jar, Kotlin
# coroutines and CompletableFuture on JDK 17 without it, virtual threads on JDK 25, measures retained
# heap per sleeping task, the agent's cost and the class loading of a program rewritten at build time in
# fresh JVMs, and writes benchmarks/target/results/table.md (also printed). Environment: JDK17, JDK25
# (JDK homes), MVN_ARGS (extra Maven arguments, e.g. -o), SKIP_BUILD=1.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
quick=0
[[ ${1:-} == --quick ]] && quick=1

jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -x $jdk17/bin/java ]] || { echo "run.sh: no JDK 17 at $jdk17 (set JDK17)" >&2; exit 1; }
have25=1
[[ -x $jdk25/bin/java ]] || { echo "run.sh: no JDK 25 at $jdk25 (set JDK25): virtual threads skipped" >&2; have25=0; }
[[ $quick == 1 ]] && have25=0

out=$repo/benchmarks/target/results
rm -rf "$out"
mkdir -p "$out"
start=$SECONDS

# ---- build ------------------------------------------------------------------------------------------
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  build_jdk=$jdk17
  [[ -x $jdk25/bin/javac ]] && build_jdk=$jdk25
  echo "== build (mvn package -pl benchmarks -am -DskipTests, JDK $build_jdk)"
  JAVA_HOME=$build_jdk PATH=$build_jdk/bin:$PATH mvn -q -B -ntp ${MVN_ARGS:-} package -pl benchmarks -am -DskipTests
fi
jar=$repo/benchmarks/target/benchmarks.jar
agent=$repo/instrumenter/target/coro4j-agent.jar

# ---- load average, sampled every 5 s while the benchmarks run ---------------------------------------
( while true; do cut -d' ' -f1 /proc/loadavg >> "$out/loadavg.txt"; sleep 5; done ) &
sampler=$!
trap 'kill $sampler 2>/dev/null || true' EXIT

if [[ $quick == 1 ]]; then
  # four warm-up seconds: fewer left coro4j's rewritten methods (the Queue's above all) in the
  # interpreter or C1 on a loaded machine, and its numbers meant nothing
  iters=(-wi 4 -w 1s -i 2 -r 1s -f 1)
  spawn=(-wi 1 -w 1s -i 1 -r 2s -f 1)
  peers=kotlin,cf
  heap_peers=(coro4j kotlin cf)
  heap_n=200000
  rounds=3
else
  iters=()
  spawn=()
  peers=kotlin,kotlin-default,cf
  heap_peers=(coro4j kotlin kotlin-default cf)
  heap_n=1000000
  rounds=7
fi
# coro4j's forks get the agent; the peers' forks run in a plain JVM. Prepend, not append: a -jvmArgsAppend
# here would replace the benchmarks' own (SpawnBench's heap size, CallTaxBench's dontinline)
with_agent=(-jvmArgsPrepend "-javaagent:$agent -Dcoro4j.agent.jar=$agent")
# jmh JAVA ARGS... > LOG: one JMH run. JMH allows one run at a time on a machine (/tmp/jmh.lock); on a shared
# machine another engineer's run may hold it, so a run refused for the lock waits and tries again (30 min).
jmh() {
  local java=$1 log
  shift
  log=$(mktemp)
  for ((try = 0; try < 180; try++)); do
    if "$java" -jar "$jar" "$@" > "$log" 2>&1; then
      cat "$log"
      rm -f "$log"
      return 0
    fi
    if ! grep -q 'Unable to acquire the JMH lock' "$log"; then
      cat "$log"
      rm -f "$log"
      return 1
    fi
    (( try == 0 )) && echo "run.sh: another JMH run holds /tmp/jmh.lock; waiting for it" >&2
    sleep 10
  done
  cat "$log"
  rm -f "$log"
  return 1
}
jmh17() { jmh "$jdk17/bin/java" "$@"; }
vtargs="-Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1"

echo "== JDK 17: coro4j (with the agent), then $peers"
jmh17 'YieldBench|PingPongBench' -p peer=coro4j "${iters[@]}" "${with_agent[@]}" -rf json -rff "$out/coro4j-a.json" > "$out/coro4j-a.log"
jmh17 'SpawnBench' -p peer=coro4j "${spawn[@]}" "${with_agent[@]}" -rf json -rff "$out/coro4j-b.json" > "$out/coro4j-b.log"
jmh17 'YieldBench|PingPongBench' -p peer=$peers "${iters[@]}" -rf json -rff "$out/peers-a.json" > "$out/peers-a.log"
jmh17 'SpawnBench' -p peer=$peers "${spawn[@]}" -rf json -rff "$out/peers-b.json" > "$out/peers-b.log"
jmh17 'CallTaxBench|TransformBench' -prof gc "${iters[@]}" "${with_agent[@]}" -rf json -rff "$out/calltax.json" > "$out/calltax.log"

if [[ $have25 == 1 ]]; then
  echo "== JDK 25: virtual threads, one carrier"
  jmh "$jdk25/bin/java" 'YieldBench|PingPongBench|SpawnBench' -p peer=vt \
    -jvmArgsPrepend "$vtargs" -rf json -rff "$out/vt.json" > "$out/vt.log"
fi

echo "== retained heap per sleeping task ($heap_n tasks)"
for peer in "${heap_peers[@]}"; do
  args=()
  [[ $peer == coro4j ]] && args=(-javaagent:"$agent")
  "$jdk17/bin/java" "${args[@]}" -Xms2g -Xmx4g -cp "$jar" io.coro4j.bench.HeapPerTask $peer $heap_n >> "$out/heap.txt"
done
if [[ $have25 == 1 ]]; then
  "$jdk25/bin/java" $vtargs -Xms2g -Xmx4g -cp "$jar" io.coro4j.bench.HeapPerTask vt $heap_n >> "$out/heap.txt"
fi

echo "== agent cost: loading classes that never mention coro4j, $rounds fresh JVMs each way (without, with, with an include list)"
m2=${M2_REPO:-$HOME/.m2/repository}
jars=()
for gav in com.google.guava:guava:33.4.0-jre org.apache.commons:commons-lang3:3.17.0; do
  IFS=: read -r g a v <<< "$gav"
  f=$m2/${g//.//}/$a/$v/$a-$v.jar
  if [[ ! -f $f ]]; then
    mvn -q -B -ntp ${MVN_ARGS:-} dependency:get -Dartifact="$gav" -Dtransitive=false
  fi
  jars+=("$f")
done
for ((r = 0; r < rounds; r++)); do
  for mode in plain agent include; do
    args=()
    [[ $mode == agent ]] && args=(-javaagent:"$agent")
    # the opt-in include list, naming a package that none of the loaded classes is in
    [[ $mode == include ]] && args=(-javaagent:"$agent" -Dcoro4j.include=com.example)
    t0=$(date +%s%N)
    line=$("$jdk17/bin/java" "${args[@]}" -cp "$jar" io.coro4j.bench.LoadClasses "${jars[@]}")
    t1=$(date +%s%N)
    echo "$mode $line $(( (t1 - t0) / 1000000 ))" >> "$out/agent.txt"
  done
done

echo "== build-time rewrite: loading a program rewritten by the plugin, with no agent, $rounds fresh JVMs each way"
# the program: the jars above, the coro4j runtime and the benchmarks' own coroutine classes, either as
# compiled, or rewritten as the Maven plugin rewrites them (the same rewriter, run by the command line)
program=$out/program
mkdir -p "$program"
"$jdk17/bin/jar" cf "$program/compiled.jar" -C "$repo/benchmarks/target/classes" .
cp "$program/compiled.jar" "$program/rewritten.jar"
"$jdk17/bin/java" -jar "$agent" rewrite "$program/rewritten.jar" --classpath "$jar" > "$program/rewrite.txt"
runtime_jar=$(ls "$repo"/runtime/target/coro4j-runtime-*.jar | grep -v -e sources -e javadoc | head -1)
for ((r = 0; r < rounds; r++)); do
  for mode in compiled rewritten agent; do
    args=()
    [[ $mode == agent ]] && args=(-javaagent:"$agent")
    app=$program/$([[ $mode == rewritten ]] && echo rewritten || echo compiled).jar
    line=$("$jdk17/bin/java" "${args[@]}" -cp "$jar" io.coro4j.bench.LoadClasses "${jars[@]}" "$runtime_jar" "$app")
    echo "$mode $line" >> "$out/plugin.txt"
  done
done

kill $sampler 2>/dev/null || true
{
  echo "commit: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- . || echo ' (with uncommitted changes)')"
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -sr)"
  echo "jdk17: $("$jdk17/bin/java" -version 2>&1 | sed -n 2p)"
  [[ $have25 == 1 ]] && echo "jdk25: $("$jdk25/bin/java" -version 2>&1 | sed -n 2p)"
  echo "elapsed: $((SECONDS - start)) s"
} > "$out/machine.txt"
python3 "$repo/benchmarks/report.py" "$out" $([[ $quick == 1 ]] && echo --quick) | tee "$out/table.md"
