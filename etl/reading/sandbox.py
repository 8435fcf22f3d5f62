"""Untrusted workbooks are read in a worker process under hard limits (issues 13 #1, 14).

The pre-scans refuse what they can prove too large, but a reader can still be led past them (a
part the scan did not understand, a reader's own bug). Whatever happens inside the worker, the
server survives: the worker runs with an address-space limit (an allocation past it fails, and
calamine, which aborts on a failed allocation, takes only the worker down) and is killed past a
time limit. Workers are started once and kept warm, so an agency's 60-row file costs a pipe
round trip, not a process start; one that died is replaced at the next file.

A worker is a fresh interpreter running this module (`python -m etl.reading.sandbox`), spoken
to over a socket pair: forking a Streamlit server would copy its threads and open database
connections into the child half-held, and multiprocessing's `spawn` runs the parent's main
module again in the child (for the app, Streamlit's own command line).
"""

from __future__ import annotations

import gc
import os
import queue
import resource
import socket
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection

from etl.core import settings
from etl.core.issues import UploadError
from etl.reading.read import Workbook, read_workbook
from etl.reading.scan.base import Limits

START_SECONDS = 60  # a worker's interpreter start, not counted in the read's time budget


@dataclass(frozen=True)
class Budget:
    """What one read may cost the worker: memory on top of what it holds idle, and time."""

    memory_bytes: int
    seconds: float

    @classmethod
    def from_settings(cls) -> Budget:
        return cls(
            memory_bytes=int(settings.get("RB_READ_MEMORY_MB") * 1024 * 1024),
            seconds=settings.get("RB_READ_SECONDS"),
        )


def read_upload(file_name: str, data: bytes, limits: Limits | None = None) -> Workbook:
    """`read_workbook` in a warm worker under the memory and time budget; raise UploadError
    for the file's problems, as inline, and for a file that took the worker past its budget."""
    limits = limits or Limits.from_settings()
    try:
        return _pool().read(file_name, data, limits)
    except WorkerFailed as exc:  # the server's fault: said as such, the file not blamed
        raise UploadError.one("reader_unavailable", detail=str(exc)[:160]) from exc


def warm(*, wait: bool = False) -> None:
    """Start a worker ahead of the first file (the upload page calls it as it draws);
    `wait` until its interpreter is up (a benchmark measuring a warm server)."""
    _pool().warm(wait)


def _serve(conn: Connection, memory_bytes: int) -> None:
    """The worker's loop: one (file name, bytes, limits) in, one outcome out."""
    # The limit sits above what the idle interpreter already maps (its libraries, calamine's
    # shared object): the budget is what a read may add.
    idle = _mapped_bytes()
    # A read builds millions of small lists that hold no cycles: the collector's passes over
    # them cost a third of the read (as in the CLI, etl.cli.gc_pause). Freed by reference
    # counting; one collection after each file catches the rest.
    gc.disable()
    resource.setrlimit(resource.RLIMIT_AS, (idle + memory_bytes, resource.RLIM_INFINITY))
    conn.send(("ready", None))
    while True:
        try:
            file_name, data, limits = conn.recv()
        except (EOFError, ConnectionResetError):  # the parent is gone: end quietly
            return
        try:
            outcome = ("read", read_workbook(file_name, data, limits))
        except UploadError as error:
            outcome = ("refused", error.issues)
        except MemoryError:
            outcome = ("memory", None)
        except Exception:  # a reader's bug: the parent raises it with this text
            outcome = ("bug", traceback.format_exc())
        try:
            conn.send(outcome)
        except MemoryError:  # pickling the result itself went past the budget
            conn.send(("memory", None))
        del outcome, data
        gc.collect()


def _mapped_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * resource.getpagesize()


class WorkerFailed(RuntimeError):
    """The worker could not start or broke its protocol: the server's fault, not the file's."""


class WorkerGone(RuntimeError):
    """A warm worker had died before the file was sent: the pool retries with a fresh one."""


class _Worker:
    def __init__(self, budget: Budget):
        self.budget = budget
        mine, theirs = socket.socketpair()
        root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]),
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "etl.reading.sandbox",
                str(theirs.fileno()),
                str(budget.memory_bytes),
            ],
            pass_fds=(theirs.fileno(),),
            cwd=root,
            env=env,
            stdin=subprocess.DEVNULL,
        )
        theirs.close()
        self.conn = Connection(mine.detach())
        self.ready = False

    def read(self, file_name: str, data: bytes, limits: Limits) -> Workbook:
        if not self.ready:  # the first file waits for the interpreter to start, not counted
            self._started()
        deadline = time.monotonic() + self.budget.seconds
        try:
            self.conn.send((file_name, data, limits))
        except OSError as exc:  # died while idle (the kernel's OOM killer, an operator)
            self.stop()
            raise WorkerGone from exc
        kind, payload = self._receive(deadline)
        if kind == "read":
            return payload
        if kind == "refused":
            raise UploadError(payload)
        if kind == "memory":
            raise self._over_memory()
        # A reader's own bug: the file is refused as unreadable, the traceback kept as detail.
        last = payload.strip().splitlines()[-1] if payload.strip() else "reader error"
        raise UploadError.one("corrupt_file", kind="Excel / OpenDocument", detail=last[:160])

    def _started(self) -> None:
        try:
            if self.conn.poll(START_SECONDS) and self.conn.recv() == ("ready", None):
                self.ready = True
                return
        except (EOFError, OSError):
            pass
        self.stop()
        raise WorkerFailed(f"the reading worker did not start (exit code {self.process.poll()})")

    def _receive(self, deadline: float):
        if not self.conn.poll(max(0.0, deadline - time.monotonic())):
            self.stop()
            raise UploadError.one("read_too_slow", seconds=f"{self.budget.seconds:g}")
        try:
            return self.conn.recv()
        except (EOFError, OSError) as exc:  # the worker died: calamine aborted past the limit
            self.stop()
            raise self._over_memory() from exc

    def _over_memory(self) -> UploadError:
        self.stop()
        return UploadError.one("read_too_large", limit_mb=f"{self.budget.memory_bytes >> 20}")

    @property
    def alive(self) -> bool:
        return self.process.poll() is None and not self.conn.closed

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(5)
        self.conn.close()


class _Pool:
    """Up to `size` warm workers; a file takes an idle one or waits for it."""

    def __init__(self, size: int, budget: Budget):
        self.size, self.budget = size, budget
        self.idle: queue.LifoQueue[_Worker] = queue.LifoQueue()
        self.started = 0
        self.lock = threading.Lock()

    def warm(self, wait: bool) -> None:
        with self.lock:
            if self.started == 0:
                self.idle.put(self._start())
        if wait:
            worker = self._take()
            try:
                if not worker.ready:
                    worker._started()
            finally:
                self._give_back(worker)

    def read(self, file_name: str, data: bytes, limits: Limits) -> Workbook:
        for attempt in (1, 2):
            worker = self._take()
            try:
                return worker.read(file_name, data, limits)
            except WorkerGone:
                if attempt == 2:
                    raise WorkerFailed("two reading workers in a row were found dead") from None
            finally:
                self._give_back(worker)
        raise AssertionError("unreachable")

    def _take(self) -> _Worker:
        try:
            worker = self.idle.get_nowait()
        except queue.Empty:
            with self.lock:
                if self.started < self.size:
                    return self._start()
            worker = self.idle.get()
        if worker.alive:
            return worker
        worker.stop()  # died while idle: a fresh one in its place
        return _Worker(self.budget)

    def _give_back(self, worker: _Worker) -> None:
        if worker.alive:
            self.idle.put(worker)
            return
        # A dead worker's place goes to a fresh one at once: a file waiting for an idle worker
        # must not wait for ever, and the next file finds it warm. If even starting one fails,
        # the place is given up, so that waiting files start their own rather than block.
        try:
            self.idle.put(_Worker(self.budget))
        except OSError:
            with self.lock:
                self.started -= 1

    def _start(self) -> _Worker:
        self.started += 1
        return _Worker(self.budget)


_POOLS: dict[tuple[int, Budget], _Pool] = {}
_POOLS_LOCK = threading.Lock()


def _pool() -> _Pool:
    """The pool for the current settings (a test that changes the budget gets its own)."""
    key = (settings.get("RB_READ_WORKERS"), Budget.from_settings())
    with _POOLS_LOCK:
        if key not in _POOLS:
            _POOLS[key] = _Pool(*key)
        return _POOLS[key]


if __name__ == "__main__":  # the worker: python -m etl.reading.sandbox FD MEMORY_BYTES
    _serve(Connection(int(sys.argv[1])), int(sys.argv[2]))
