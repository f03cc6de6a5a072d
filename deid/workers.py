"""Many calls of one function side by side in worker processes, for a run without Prefect.

Prefect's task runners map the flow's per-submission stages when a Prefect API is set; without
one (`deid run`'s default) those stages would run one submission after another on one core.
`WorkerPool.map` runs them in worker processes instead:

- workers are spawned, not forked: a forked child inherits this process's polars thread pool's
  state but not its threads, and its first parallel polars call waits forever. Each imports the
  library once (a few seconds), so a pool is made to serve several batches, and closed when they
  are done so its workers hold no memory afterwards;
- objects every call shares (the run's settings and standards) travel once per worker and
  batch, not with every call;
- workers' log records come back to this process's handlers, and a worker's failure is raised
  here as it was raised there (or, if it cannot be sent back, as a `WorkerError` naming it).

Only small values should come back (the per-submission stages return references to Parquet they
kept in the secure zone), so the parent never holds the workers' frames.
"""
from __future__ import annotations

import hashlib
import importlib
import io
import logging
import logging.handlers
import multiprocessing
import os
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from deid.errors import DeidError

Call = tuple[tuple[Any, ...], dict[str, Any]]


class WorkerError(DeidError):
    """A worker's failure that could not be sent back as it was raised."""


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity, which a benchmark or container may narrow)."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _worth_sending_once(value: Any) -> bool:
    return value is not None and not isinstance(value, (str, int, float, bool, bytes))


def _shared_objects(calls: Sequence[Call]) -> list[Any]:
    """Arguments that are the same object in every call (not small values): sent once, not per call."""
    first_args, first_kwargs = calls[0]
    shared = [value for position, value in enumerate(first_args) if _worth_sending_once(value)
              and all(len(args) > position and args[position] is value for args, _ in calls)]
    shared += [value for name, value in first_kwargs.items() if _worth_sending_once(value)
               and all(kwargs.get(name) is value for _, kwargs in calls)]
    return shared


class _SharingPickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, shared: dict[int, int]):
        super().__init__(file, protocol=pickle.HIGHEST_PROTOCOL)
        self._shared = shared

    def persistent_id(self, obj: Any) -> int | None:
        return self._shared.get(id(obj))


class _SharingUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, shared: list[Any]):
        super().__init__(file)
        self._shared = shared

    def persistent_load(self, pid: Any) -> Any:
        return self._shared[int(pid)]


# in each worker: the shared objects of the batches it has seen, by digest (a pool serves several stages)
_shared_by_digest: dict[str, list[Any]] = {}


def _start_worker(preload: Sequence[str], log_queue: Any, level: int, threads: int) -> None:
    """Import what the calls need, then send every log record this worker makes to the parent, which
    shows it as its own (in that order: an import may configure logging, as Prefect's does).

    Each worker's polars gets `threads` threads (set before polars is imported): the workers are
    the parallelism, and more threads than cores only spin.
    """
    os.environ["POLARS_MAX_THREADS"] = str(threads)
    for module in preload:
        importlib.import_module(module)
    root = logging.getLogger()
    root.handlers[:] = [logging.handlers.QueueHandler(log_queue)]
    root.setLevel(level)


def _run_call(digest: str, shared_blob: bytes, call_blob: bytes) -> Any:
    shared = _shared_by_digest.get(digest)
    if shared is None:
        _shared_by_digest.clear()   # one batch at a time: the last one's objects can go
        shared = _shared_by_digest[digest] = pickle.loads(shared_blob)
    function, args, kwargs = _SharingUnpickler(io.BytesIO(call_blob), shared).load()
    try:
        return function(*args, **kwargs)
    except BaseException as exc:
        try:
            pickle.loads(pickle.dumps(exc))
        except Exception:
            raise WorkerError(f"{type(exc).__name__}: {exc}") from None
        raise


class _ParentLogs(logging.Handler):
    """Hands a worker's record to the logger of the same name here (so its handlers and levels apply)."""

    def emit(self, record: logging.LogRecord) -> None:
        logger = logging.getLogger(record.name)
        if logger.isEnabledFor(record.levelno):
            logger.handle(record)


class WorkerPool:
    """A pool of worker processes that live for one run and serve each of its per-submission stages."""

    def __init__(self, workers: int, preload: Sequence[str] = ()):
        """
        Args:
            workers: how many worker processes (at least 2, or no pool is worth starting).
            preload: modules each worker imports as it starts (those defining the functions to be mapped).
        """
        if workers < 2:
            raise ValueError(f"a worker pool needs at least 2 workers, not {workers}")
        self.workers = workers
        context = multiprocessing.get_context("spawn")
        self._log_queue = context.Queue()
        self._listener = logging.handlers.QueueListener(self._log_queue, _ParentLogs())
        self._listener.start()
        # workers pass on what this process would show from the library or the root logger; it filters again
        level = min(logging.getLogger("deid").getEffectiveLevel(), logging.getLogger().getEffectiveLevel())
        threads = max(1, available_cpus() // workers)
        self._executor = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker,
                                             initargs=(tuple(preload), self._log_queue, level, threads))

    def map(self, function: Callable[..., Any], calls: Sequence[Call]) -> list[Any]:
        """`function(*args, **kwargs)` for each call, side by side; the results in the calls' order.

        `function` must be importable by name (a module-level function, or a `functools.partial` of one).
        """
        if not calls:
            return []
        shared = _shared_objects(calls)
        ids = {id(value): position for position, value in enumerate(shared)}
        shared_blob = pickle.dumps(shared, protocol=pickle.HIGHEST_PROTOCOL)
        digest = hashlib.sha256(shared_blob).hexdigest()
        blobs = []
        for args, kwargs in calls:
            buffer = io.BytesIO()
            _SharingPickler(buffer, ids).dump((function, args, kwargs))
            blobs.append(buffer.getvalue())
        futures = [self._executor.submit(_run_call, digest, shared_blob, blob) for blob in blobs]
        try:
            return [future.result() for future in futures]
        except BaseException:
            for future in futures:
                future.cancel()
            raise

    def close(self) -> None:
        """Stop taking calls; idle workers exit in the background (an interpreter with the library loaded
        takes seconds to wind down, which the run need not wait for)."""
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._listener.stop()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
