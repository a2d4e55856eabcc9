#!/usr/bin/env bash
# The network echo benchmark (issue 11, item 10): every echo server pinned to one core, the load client
# to the other; 1 KiB messages in a closed loop over 1, 10 and 100 connections; then the retained heap
# per idle connection with 10,000 connections open. Writes benchmarks/net/target/results/table.md (also
# printed); README.md beside this script says what each number means.
#
#   benchmarks/net/run.sh           the full run: 3 interleaved rounds, 5 s warm-up + 10 s window each
#                                   (about 8 minutes)
#   benchmarks/net/run.sh --quick   one round, 1 s + 2 s, 2,000 idle connections (about 70 s)
#
# It builds this module (with JDK 25 when present, so that the virtual-thread server is compiled),
# runs Netty and the load client on JDK 17, virtual threads on JDK 25 with one carrier, asyncio on
# python3. Environment: JDK17, JDK25 (JDK homes), PYTHON (an interpreter, default python3), SERVERS (a
# subset, e.g. "netty asyncio"), SERVER_CORE and CLIENT_CORE (default 0 and 1), MVN_ARGS (extra Maven
# arguments, e.g. -o), SKIP_BUILD=1.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
quick=0
[[ ${1:-} == --quick ]] && quick=1

jdk17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
[[ -x $jdk17/bin/java ]] || { echo "run.sh: no JDK 17 at $jdk17 (set JDK17)" >&2; exit 1; }
have25=1
[[ -x $jdk25/bin/java ]] || { echo "run.sh: no JDK 25 at $jdk25 (set JDK25): virtual threads skipped" >&2; have25=0; }
python=$("${PYTHON:-python3}" -c 'import sys; print(sys.executable)') \
  || { echo "run.sh: no python3 (set PYTHON): asyncio cannot run" >&2; exit 1; }
server_core=${SERVER_CORE:-0}
client_core=${CLIENT_CORE:-1}
command -v taskset > /dev/null || { echo "run.sh: taskset is missing (Debian: util-linux)" >&2; exit 1; }
(( $(nproc) >= 2 )) || { echo "run.sh: needs 2 cores, one for the server and one for the client" >&2; exit 1; }

if [[ $quick == 1 ]]; then
  rounds=1 warmup=1 window=2 idle=2000
else
  rounds=3 warmup=5 window=10 idle=10000
fi
counts=(1 10 100)

out=$here/target/results
rm -rf "$out"
mkdir -p "$out/logs"
start=$SECONDS

# ---- build ------------------------------------------------------------------------------------------
if [[ ${SKIP_BUILD:-0} != 1 ]]; then
  build_jdk=$jdk17
  [[ -x $jdk25/bin/javac ]] && build_jdk=$jdk25
  echo "== build (mvn package -pl benchmarks/net -am -DskipTests, JDK $build_jdk)"
  (cd "$repo" && JAVA_HOME=$build_jdk PATH=$build_jdk/bin:$PATH \
    mvn -q -B -ntp ${MVN_ARGS:-} -pl benchmarks/net -am package -DskipTests)
fi
jar=$here/target/netbench.jar
agent=$repo/instrumenter/target/coro4j-agent.jar
[[ -f $jar ]] || { echo "run.sh: $jar is missing: build first (without SKIP_BUILD)" >&2; exit 1; }

# ---- file descriptors: the client and each server hold one per connection --------------------------
hard=$(ulimit -Hn)
if [[ $hard == unlimited ]]; then
  ulimit -n 65536
elif (( hard >= idle + 200 )); then
  ulimit -n "$hard"
else
  echo "run.sh: the hard limit of open files is $hard; $idle idle connections need $((idle + 200))" >&2
  exit 1
fi

# ---- the servers ------------------------------------------------------------------------------------
# A server is a function server_NAME that execs its process with HOST PORT appended; the process follows
# the contract of ServerProcess.java (README.md). The table's order; a name with no function is skipped.
order=(coro4j netty vt asyncio)
jvm_server=(-Xms1g -Xmx1g)
vt_args=(-Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1)
server_netty() {
  exec "$jdk17/bin/java" "${jvm_server[@]}" -Dio.netty.leakDetection.level=disabled -cp "$jar" \
    io.coro4j.netbench.NettyEchoServer "$@"
}
server_vt() {
  exec "$jdk25/bin/java" "${jvm_server[@]}" "${vt_args[@]}" -cp "$jar" \
    io.coro4j.netbench.vt.VirtualThreadEchoServer "$@"
}
server_asyncio() { exec "$python" "$here/python/echo_server.py" "$@"; }
server_coro4j() { exec "$jdk17/bin/java" "${jvm_server[@]}" -javaagent:"$agent" -cp "$jar" io.coro4j.netbench.Coro4jEchoServer "$@"; }

[[ $have25 == 1 ]] || unset -f server_vt
servers=()
for name in ${SERVERS:-${order[*]}}; do
  if declare -F "server_$name" > /dev/null; then
    servers+=("$name")
  elif [[ -n ${SERVERS:-} ]]; then
    echo "run.sh: no server named $name (there are: $(declare -F | awk '/ server_/ {sub("server_", "", $3); print $3}' | xargs))" >&2
    exit 1
  fi
done

# start_server NAME TAG [VAR=VALUE...]: starts NAME on the server core with VAR=VALUE in its environment,
# its standard input a FIFO held open on $srv_in; sets srv_pid (the server's own pid), srv_port, srv_log
start_server() {
  local name=$1 tag=$2
  shift 2
  srv_name=$name
  srv_log=$out/logs/$name-$tag
  mkfifo "$srv_log.stdin"
  (
    for assignment in "$@"; do export "${assignment?}"; done
    taskset -p -c "$server_core" "$BASHPID" > /dev/null
    "server_$name" 127.0.0.1 0
  ) < "$srv_log.stdin" > "$srv_log.out" 2> "$srv_log.err" &
  srv_pid=$!
  exec {srv_in}> "$srv_log.stdin"
  local i
  for ((i = 0; i < 600; i++)); do
    srv_port=$(awk '$1 == "listening" {print $3; exit}' "$srv_log.out")
    [[ -n $srv_port ]] && return 0
    if ! kill -0 "$srv_pid" 2> /dev/null; then
      echo "run.sh: $name exited before it listened; its standard error:" >&2
      cat "$srv_log.err" >&2
      exit 1
    fi
    sleep 0.1
  done
  echo "run.sh: $name did not print 'listening HOST PORT' within 60 s" >&2
  exit 1
}

# server_says COMMAND: sends COMMAND to the server and prints its one-line answer
server_says() {
  local lines i
  lines=$(wc -l < "$srv_log.out")
  echo "$1" >&"$srv_in"
  for ((i = 0; i < 1200; i++)); do
    if (($(wc -l < "$srv_log.out") > lines)); then
      sed -n "$((lines + 1))p" "$srv_log.out"
      return 0
    fi
    sleep 0.1
  done
  echo "run.sh: $srv_name did not answer '$1' within 120 s" >&2
  exit 1
}

# stop_server: closes the server's standard input, which ends it; kills it if it is still there 15 s on
stop_server() {
  local i status=0
  exec {srv_in}>&-
  for ((i = 0; i < 150; i++)); do
    kill -0 "$srv_pid" 2> /dev/null || break
    sleep 0.1
  done
  if kill -0 "$srv_pid" 2> /dev/null; then
    echo "run.sh: $srv_name did not exit when its standard input closed; killing it" >&2
    kill "$srv_pid"
  fi
  wait "$srv_pid" || status=$?
  ((status == 0)) || echo "run.sh: $srv_name exited with status $status (see $srv_log.err)" >&2
}

client() {
  taskset -c "$client_core" "$jdk17/bin/java" -Xms512m -Xmx512m -cp "$jar" io.coro4j.netbench.LoadClientMain "$@"
}

# ---- load average, sampled every 5 s while the benchmark runs --------------------------------------
(while true; do cut -d' ' -f1 /proc/loadavg >> "$out/loadavg.txt"; sleep 5; done) &
sampler=$!
trap 'kill $sampler 2> /dev/null || true' EXIT

# ---- throughput and latency: rounds interleave the servers, so that a noisy minute hits them all ---
ticks=$(getconf CLK_TCK)
for ((round = 1; round <= rounds; round++)); do
  for name in "${servers[@]}"; do
    echo "== round $round/$rounds: $name (pid on core $server_core), client on core $client_core"
    start_server "$name" "round$round"
    for n in "${counts[@]}"; do
      status=0
      result=$(client run 127.0.0.1 "$srv_port" --connections "$n" --warmup "$warmup" --duration "$window" \
        --label "$name" --server-pid "$srv_pid" --clock-ticks "$ticks" 2>> "$out/logs/client.err") || status=$?
      ((status == 0)) || echo "run.sh: $name, $n connections: the client reported errors (logs/client.err)" >&2
      tail -n 1 "$out/logs/client.err"
      sed -n "s/^result {/{\"round\": $round, /p" <<< "$result" >> "$out/results.jsonl"
    done
    stop_server
  done
done

# ---- retained heap per idle connection ---------------------------------------------------------------
for name in "${servers[@]}"; do
  echo "== heap: $name with $idle idle connections"
  env=()
  [[ $name == asyncio ]] && env=(PYTHONTRACEMALLOC=1) # the live-heap figure; slows allocation, so only here
  start_server "$name" heap "${env[@]}"
  # the server's classes and paths first, so that the baseline has them
  client requests 127.0.0.1 "$srv_port" --connections 100 --requests 20000 --label "$name" \
    > /dev/null 2>> "$out/logs/client.err"
  before=$(server_says heap)
  idle_log=$out/logs/$name-idle
  mkfifo "$idle_log.stdin"
  client idle 127.0.0.1 "$srv_port" --connections "$idle" --timeout 300 < "$idle_log.stdin" > "$idle_log.out" \
    2> "$idle_log.err" &
  idle_pid=$!
  exec {idle_in}> "$idle_log.stdin"
  for ((i = 0; i < 3000; i++)); do
    grep -q '^open ' "$idle_log.out" && break
    kill -0 "$idle_pid" 2> /dev/null || { echo "run.sh: the idle client failed:" >&2; cat "$idle_log.err" >&2; exit 1; }
    sleep 0.1
  done
  grep -q '^open ' "$idle_log.out" || { echo "run.sh: $idle connections were not open within 300 s" >&2; exit 1; }
  after=$(server_says heap)
  exec {idle_in}>&-
  wait "$idle_pid"
  stop_server
  for answer in "$before" "$after"; do
    [[ $answer =~ ^heap\ [0-9]+\ -?[0-9]+$ ]] || { echo "run.sh: $name answered 'heap' with: $answer" >&2; exit 1; }
  done
  read -r _ live0 rss0 <<< "$before"
  read -r _ live1 rss1 <<< "$after"
  echo "{\"server\": \"$name\", \"connections\": $idle, \"live_before\": $live0, \"live_after\": $live1," \
    "\"rss_before\": $rss0, \"rss_after\": $rss1}" >> "$out/heap.jsonl"
  echo "   live heap $live0 -> $live1 B, rss $rss0 -> $rss1 B"
done

kill $sampler 2> /dev/null || true
{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB, $(uname -sr)"
  echo "server on core $server_core, load client on core $client_core"
  echo "jdk17: $("$jdk17/bin/java" -version 2>&1 | sed -n 2p)"
  [[ $have25 == 1 ]] && echo "jdk25: $("$jdk25/bin/java" -version 2>&1 | sed -n 2p)"
  echo "python: $("$python" -VV | head -n 1)"
  echo "commit: $(git -C "$repo" rev-parse --short HEAD)$(git -C "$repo" diff --quiet HEAD -- . 2> /dev/null || echo ' (with uncommitted changes)')"
  echo "elapsed: $((SECONDS - start)) s"
} > "$out/machine.txt"
args=(--rounds "$rounds" --warmup "$warmup" --window "$window")
[[ $quick == 1 ]] && args+=(--quick)
python3 "$here/report.py" "$out" "${args[@]}" | tee "$out/table.md"
