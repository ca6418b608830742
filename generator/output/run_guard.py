"""What keeps concurrent and interrupted `shipspec generate` runs safe.

- One writer at a time: a run holds an flock on the output folder itself
  (no lock file to leave behind, and `--check` writes nothing): exclusive
  to generate, shared to `--check`.
  A second run waits for the first, saying so, then finds its work done.
- Workers never outlive the run: each asks Linux to SIGKILL it when its
  parent dies (PR_SET_PDEATHSIG), ignores Ctrl-C (the parent handles it and
  stops them), and only computes file contents; the parent alone writes.
- The swap phase is not cut short by Ctrl-C, SIGTERM or SIGHUP: they are
  held until every staged tree is in place. Only SIGKILL (or a power cut)
  can stop a run between two swaps.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on use: a one-provider run starts no workers
    import multiprocessing

_PR_SET_PDEATHSIG = 1
_HELD_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}


@contextlib.contextmanager
def output_lock(out: Path, *, shared: bool, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the output folder's lock; `on_wait` is called once if another run holds it.

    Where the folder cannot be locked (no fcntl on Windows, a file system
    without flock), the run goes ahead unlocked rather than not at all.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    if not out.is_dir():
        if shared:  # --check on a missing folder: nothing to read, nothing to lock
            yield
            return
        out.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(out, os.O_RDONLY)
    except OSError:
        yield
        return
    mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
    try:
        try:
            fcntl.flock(descriptor, mode | fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            fcntl.flock(descriptor, mode)
        except OSError:  # ENOLCK and kin: this file system does not lock
            pass
        yield
    finally:
        os.close(descriptor)  # releases the lock


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Defer Ctrl-C, SIGTERM and SIGHUP until the block ends (then they act)."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _HELD_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def worker_init(parent: int) -> None:
    """Run in each pool worker: die with the parent, leave Ctrl-C to it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)  # the C library's symbols, no ldconfig run
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def started_workers(
    before: set[multiprocessing.process.BaseProcess],
) -> list[multiprocessing.process.BaseProcess]:
    """The child processes started since `before` was taken (the pool's workers)."""
    import multiprocessing

    return [child for child in multiprocessing.active_children() if child not in before]


def stop(workers: list[multiprocessing.process.BaseProcess]) -> None:
    """Kill workers whose results are no longer wanted, and reap them."""
    for worker in workers:
        worker.kill()
    for worker in workers:
        worker.join(timeout=5)
