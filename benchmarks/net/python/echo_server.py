"""The asyncio peer of the echo benchmark: asyncio streams, the standard library only.

    python3 echo_server.py HOST PORT

It follows the contract of every server in this benchmark (ServerProcess.java): port 0 picks a free
one; once listening it prints "listening HOST PORT"; each connection gets back every byte it sends;
it reads commands from standard input ("heap" answers "heap LIVE RSS") and exits when standard input
closes.

LIVE is the memory that tracemalloc traces after gc.collect(): every block Python's allocators hold
for live objects, the counterpart of a JVM's used heap after a full collection. tracemalloc must be on
from the start (PYTHONTRACEMALLOC=1, as run.sh sets for the heap measurement only: tracing slows every
allocation, so the throughput runs go without it); without it "heap" answers an error. RSS is VmRSS.

The handler is the streams echo as asyncio's documentation and uvloop's benchmark write it: read what
is there (up to 64 KiB), write it, drain. asyncio's transports set TCP_NODELAY themselves.
"""

import asyncio
import gc
import sys
import threading
import tracemalloc

BACKLOG = 4096
READ_BYTES = 65536


async def echo(reader, writer):
    try:
        while True:
            data = await reader.read(READ_BYTES)
            if not data:
                break
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass  # a reset or a broken pipe ends this connection only
    finally:
        writer.close()


def resident_set_bytes():
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return -1


def answer(command):
    """Runs one command on the loop's thread and returns its answer line."""
    if command == "heap":
        if not tracemalloc.is_tracing():
            return ("error heap needs tracemalloc from the start: run with PYTHONTRACEMALLOC=1")
        for _ in range(3):
            gc.collect()
        live, _peak = tracemalloc.get_traced_memory()
        return f"heap {live} {resident_set_bytes()}"
    return f"error unknown command '{command}': the commands are: heap"


def read_commands(loop, stopped):
    """On its own thread: each command line is answered on the loop; end of input stops the server."""
    for line in sys.stdin:
        command = line.strip()
        if not command:
            continue
        reply = asyncio.run_coroutine_threadsafe(_answer_async(command), loop).result()
        print(reply, flush=True)
    loop.call_soon_threadsafe(stopped.set)


async def _answer_async(command):
    return answer(command)


async def main(host, port):
    server = await asyncio.start_server(echo, host, port, backlog=BACKLOG)
    bound = server.sockets[0].getsockname()[1]
    print(f"listening {host} {bound}", flush=True)
    stopped = asyncio.Event()
    threading.Thread(target=read_commands, args=(asyncio.get_running_loop(), stopped),
                     daemon=True).start()
    async with server:
        await stopped.wait()


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[2].isdigit() or int(sys.argv[2]) > 65535:
        print("echo_server.py: usage: python3 echo_server.py HOST PORT   (port 0 picks a free one;"
              " prints 'listening HOST PORT', answers 'heap' on stdin, exits when stdin closes)",
              file=sys.stderr)
        sys.exit(2)
    asyncio.run(main(sys.argv[1], int(sys.argv[2])))
