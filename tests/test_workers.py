"""Worker processes: results in order, shared arguments sent once, failures raised as raised, logs brought back."""
from __future__ import annotations

import logging
import os
import time
from functools import partial

import pytest

from deid.errors import IngestError, StageFailed
from deid.workers import WorkerError, WorkerPool, _shared_objects


class Big:
    """Stands in for the run's standards: the same object in every call."""

    def __init__(self) -> None:
        self.table = list(range(1000))


def scaled(big: Big, index: int, factor: int = 1) -> tuple[int, int]:
    return big.table[index] * factor, os.getpid()


def identity_of(big: Big, _: int) -> int:
    return id(big)


def polars_threads() -> int:
    import polars as pl

    return pl.thread_pool_size()


def fails(kind: str) -> None:
    if kind == "ingest":
        raise IngestError("file x.csv, row 3: no header")
    if kind == "stage":
        raise StageFailed("standardise", "2026Q3", "run-1", ValueError("bad"), provider="p")

    class Local(Exception):   # a class defined here cannot be pickled back
        pass
    raise Local("local failure")


def logs(message: str) -> None:
    logging.getLogger("deid.test_workers").warning("from a worker: %s", message)


@pytest.fixture(scope="module")
def pool():
    with WorkerPool(2) as p:
        yield p


def test_when_calls_are_mapped_then_results_come_back_in_order_from_worker_processes(pool):
    big = Big()
    results = pool.map(scaled, [((big, i), {"factor": 2}) for i in range(50)])
    assert [value for value, _ in results] == [2 * i for i in range(50)]
    assert os.getpid() not in {pid for _, pid in results}


def test_when_an_argument_is_the_same_object_in_every_call_then_it_is_sent_once_per_worker(pool):
    big = Big()
    calls = [((big, i), {}) for i in range(40)]
    assert _shared_objects(calls) == [big]
    assert _shared_objects([((Big(), 0), {}), ((Big(), 1), {})]) == []
    # inside one worker, every call got the same unpickled object: one copy per worker, not one per call
    assert len(set(pool.map(identity_of, calls))) <= pool.workers


def test_when_workers_start_then_their_polars_threads_share_the_cpus(pool):
    from deid.workers import available_cpus

    assert set(pool.map(polars_threads, [((), {}), ((), {})])) == {max(1, available_cpus() // 2)}


def test_when_a_worker_fails_then_the_error_is_raised_here_as_it_was_raised_there(pool):
    with pytest.raises(IngestError, match="row 3: no header"):
        pool.map(fails, [(("ingest",), {})])
    with pytest.raises(StageFailed) as failed:
        pool.map(fails, [(("stage",), {})])
    assert (failed.value.stage, failed.value.provider, str(failed.value.cause)) == ("standardise", "p", "bad")
    with pytest.raises(WorkerError, match="Local: local failure"):
        pool.map(fails, [(("local",), {})])


def test_when_a_worker_logs_then_the_record_reaches_this_processs_handlers(pool, caplog):
    def messages() -> list[str]:
        return sorted(r.getMessage() for r in caplog.records if r.name == "deid.test_workers")

    with caplog.at_level(logging.WARNING, logger="deid.test_workers"):
        pool.map(logs, [(("one",), {}), (("two",), {})])
        pool.map(partial(logs), [(("three",), {})])
        waited = time.monotonic() + 10   # records travel on a queue, so they may land just after the results
        while len(messages()) < 3 and time.monotonic() < waited:
            time.sleep(0.05)
    assert messages() == ["from a worker: one", "from a worker: three", "from a worker: two"]


def test_when_asked_for_fewer_than_two_workers_then_no_pool_is_made():
    with pytest.raises(ValueError, match="at least 2 workers"):
        WorkerPool(1)
