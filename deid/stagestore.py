"""Stage outputs kept in the secure zone, so a run that stopped part way resumes where it stopped.

Each stage's output for a quarter is saved under `<state>/secure/stages/<quarter>/<stage>/<key>/`,
where the key is a hash of everything that made it: the landed files' hashes, the standards,
configuration and agreement files, the key fingerprint, the code, and the key of the stage
before. A later run whose inputs are the same finds the output and skips the stage; any change
gives a new key, so a stale output is never reused. Frames are written as Parquet and
everything else as JSON (library dataclasses by name, never pickle: nothing read back from
disk can run code). An output is written to a temporary folder and renamed into place, so a
run killed while writing leaves no half-written output, only a temporary folder the next run
sweeps.

Outputs hold identifiable rows, like the rest of the secure zone; once a quarter is released
they are removed (`clear_outputs`). Prefect tasks pass `StageOutput` references, never the
rows, so Prefect's result storage holds no record values.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import importlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from deid import __version__
from deid.errors import DeidError

log = logging.getLogger(__name__)

VALUE_FILE = "value.json"
GENERATION_FILE = "generation"
CODE_ROOTS = (Path(__file__).resolve().parent, Path(__file__).resolve().parent.parent / "flows")


class StageOutputError(DeidError):
    """A kept stage output is missing or cannot be read back."""


@dataclass(frozen=True)
class StageOutput:
    """A reference to one stage's kept output: what Prefect tasks hand each other (no record values)."""

    stage: str
    key: str
    path: str
    reused: bool = False   # found from an earlier run rather than computed by this one


def fingerprint(*parts: Any) -> str:
    """A stable hash of JSON-able parts (dicts sorted), for stage keys."""
    text = json.dumps(parts, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def fingerprint_files(roots: Iterable[Path], suffixes: tuple[str, ...] | None = None) -> str:
    """A hash of the names and bytes of every file under the given folders or files (missing ones count as absent)."""
    digest = hashlib.sha256()
    for root in roots:
        files = sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else [root] if root.is_file() else []
        for path in files:
            if "__pycache__" in path.parts or (suffixes and path.suffix not in suffixes):
                continue
            digest.update(str(path.relative_to(root) if root.is_dir() else path.name).encode("utf-8"))
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The library's version and source: a code change makes every kept output stale."""
    return fingerprint(__version__, fingerprint_files(CODE_ROOTS, (".py",)))


# --- JSON codec: dataclasses of this library, tuples, sets, dates, paths and frames --------------


def _encode(value: Any, folder: Path, frames: list[int]) -> Any:
    if isinstance(value, pl.DataFrame):
        name = f"frame-{len(frames)}.parquet"
        frames.append(1)
        value.write_parquet(folder / name)
        return {"__frame__": name}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        cls = type(value)
        if not cls.__module__.startswith("deid."):
            raise StageOutputError(f"cannot keep a {cls.__module__}.{cls.__qualname__}: only this library's records are kept")
        return {"__dataclass__": f"{cls.__module__}:{cls.__qualname__}",
                "fields": {f.name: _encode(getattr(value, f.name), folder, frames) for f in dataclasses.fields(value)}}
    if isinstance(value, tuple):
        return {"__tuple__": [_encode(v, folder, frames) for v in value]}
    if isinstance(value, (set, frozenset)):
        return {"__frozenset__": sorted((_encode(v, folder, frames) for v in value), key=repr)}
    if isinstance(value, list):
        return [_encode(v, folder, frames) for v in value]
    if isinstance(value, dict):
        return {"__dict__": [[_encode(k, folder, frames), _encode(v, folder, frames)] for k, v in value.items()]}
    if isinstance(value, dt.datetime):
        return {"__datetime__": value.isoformat()}
    if isinstance(value, dt.date):
        return {"__date__": value.isoformat()}
    if isinstance(value, Path):
        return {"__path__": str(value)}
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise StageOutputError(f"cannot keep a value of type {type(value).__name__} in a stage output")


def _dataclass_type(name: str) -> type:
    module, _, qualname = name.partition(":")
    if not module.startswith("deid."):
        raise StageOutputError(f"a kept stage output names {name}, which is not one of this library's records")
    cls: Any = importlib.import_module(module)
    for part in qualname.split("."):
        cls = getattr(cls, part)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        raise StageOutputError(f"a kept stage output names {name}, which is not a record type")
    return cls


def _decode(value: Any, folder: Path, lazy: bool = False) -> Any:
    if isinstance(value, list):
        return [_decode(v, folder, lazy) for v in value]
    if not isinstance(value, dict):
        return value
    if "__frame__" in value:
        return pl.scan_parquet(folder / value["__frame__"]) if lazy else pl.read_parquet(folder / value["__frame__"])
    if "__dataclass__" in value:
        cls = _dataclass_type(value["__dataclass__"])
        fields = {k: _decode(v, folder, lazy) for k, v in value["fields"].items()}
        init = {f.name for f in dataclasses.fields(cls) if f.init}
        made = cls(**{k: v for k, v in fields.items() if k in init})
        for k, v in fields.items():          # fields set after construction (init=False)
            if k not in init:
                object.__setattr__(made, k, v)
        return made
    if "__tuple__" in value:
        return tuple(_decode(v, folder, lazy) for v in value["__tuple__"])
    if "__frozenset__" in value:
        return frozenset(_decode(v, folder, lazy) for v in value["__frozenset__"])
    if "__dict__" in value:
        return {_decode(k, folder, lazy): _decode(v, folder, lazy) for k, v in value["__dict__"]}
    if "__datetime__" in value:
        return dt.datetime.fromisoformat(value["__datetime__"])
    if "__date__" in value:
        return dt.date.fromisoformat(value["__date__"])
    if "__path__" in value:
        return Path(value["__path__"])
    raise StageOutputError(f"a kept stage output in {folder} holds an unknown value {sorted(value)[:3]}")


def _with_run_id(value: Any, run_id: str) -> Any:
    """Frames reused by a later run name that run in their `run_id` lineage column (the run that released them)."""
    if isinstance(value, pl.DataFrame):
        return value.with_columns(pl.lit(run_id).alias("run_id")) if "run_id" in value.columns else value
    if isinstance(value, pl.LazyFrame):
        return value.with_columns(pl.lit(run_id).alias("run_id")) if "run_id" in value.collect_schema().names() else value
    if isinstance(value, tuple):
        return tuple(_with_run_id(v, run_id) for v in value)
    if isinstance(value, list):
        return [_with_run_id(v, run_id) for v in value]
    if isinstance(value, dict):
        return {k: _with_run_id(v, run_id) for k, v in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type) and any(
            isinstance(getattr(value, f.name), pl.DataFrame) for f in dataclasses.fields(value)):
        return dataclasses.replace(value, **{f.name: _with_run_id(getattr(value, f.name), run_id)
                                             for f in dataclasses.fields(value) if f.init})
    return value


# --- the store -----------------------------------------------------------------------------------


class StageStore:
    """One quarter's kept stage outputs and release markers, under `<state>/secure/stages/<quarter>/`."""

    def __init__(self, root: Path):
        self.root = root

    @classmethod
    def for_quarter(cls, state_dir: Path, quarter: str) -> StageStore:
        return cls(state_dir / "secure" / "stages" / quarter)

    def _folder(self, stage: str, key: str) -> Path:
        return self.root / stage / key

    def generation(self) -> str:
        """A token for the quarter's current set of kept outputs: new after they are cleared, so a cache
        outside the store (Prefect's) never points at an output that is gone. It names the store's folder
        too, so two state folders never share a token, and it is made whole before anyone can read it:
        parallel tasks asking at once all get the same, never an empty one."""
        path = self.root / GENERATION_FILE
        for _ in range(3):
            try:
                token = path.read_text(encoding="utf-8").strip()
            except FileNotFoundError:
                token = ""
            if token:
                return f"{token}-{hashlib.sha256(str(self.root.resolve()).encode()).hexdigest()[:16]}"
            self.root.mkdir(parents=True, exist_ok=True)
            written = self.root / f".generation-{uuid.uuid4().hex}"
            written.write_text(uuid.uuid4().hex, encoding="utf-8")
            try:
                os.link(written, path)   # atomic, and fails if another task made it first: theirs stands
            except FileExistsError:
                pass
            finally:
                written.unlink(missing_ok=True)
        raise StageOutputError(f"{path} cannot be made: the kept outputs' generation is unreadable")

    def lookup(self, stage: str, key: str) -> StageOutput | None:
        folder = self._folder(stage, key)
        if (folder / VALUE_FILE).is_file():
            return StageOutput(stage, key, str(folder), reused=True)
        return None

    def save(self, stage: str, key: str, value: Any) -> StageOutput:
        """Keep a stage's output (atomically), replacing the stage's outputs for other inputs."""
        final = self._folder(stage, key)
        temporary = self.root / stage / f".tmp-{uuid.uuid4().hex[:12]}"
        temporary.mkdir(parents=True)
        try:
            encoded = _encode(value, temporary, [])
            (temporary / VALUE_FILE).write_text(json.dumps(encoded), encoding="utf-8")
            for earlier in (self.root / stage).iterdir():
                if earlier.is_dir() and earlier != temporary:
                    shutil.rmtree(earlier, ignore_errors=True)   # stale: made from other inputs
            os.replace(temporary, final)
        except BaseException:
            shutil.rmtree(temporary, ignore_errors=True)
            raise
        return StageOutput(stage, key, str(final))

    def load(self, ref: StageOutput, run_id: str | None = None, lazy: bool = False) -> Any:
        """Read a kept output back; with `run_id`, frames' lineage names the run using them; with `lazy`,
        frames come back as scans of their Parquet files (read only when collected)."""
        folder = Path(ref.path)
        try:
            value = _decode(json.loads((folder / VALUE_FILE).read_text(encoding="utf-8")), folder, lazy)
        except FileNotFoundError:
            (self.root / GENERATION_FILE).unlink(missing_ok=True)   # references to this generation lead nowhere now
            raise StageOutputError(f"the {ref.stage} output {folder} is gone (removed after a release, or by hand); "
                                   "run the quarter again and it is rebuilt") from None
        except (json.JSONDecodeError, OSError, pl.exceptions.ComputeError) as exc:
            raise StageOutputError(f"the {ref.stage} output {folder} cannot be read ({exc}); delete the folder and run "
                                   "again") from None
        return _with_run_id(value, run_id) if run_id else value

    def scan_parts(self, parts: Iterable[StageOutput], run_id: str | None = None) -> pl.LazyFrame:
        """The rows of per-submission outputs (each a frame, or a tuple whose first item is the frame)
        as one scan over their Parquet files, in the order given."""
        scans: list[pl.LazyFrame] = []
        for part in parts:
            value = self.load(part, run_id=run_id, lazy=True)
            scans.append(value[0] if isinstance(value, tuple) else value)
        if not scans:
            raise StageOutputError("no per-submission outputs to read: a stage keeps at least one part")
        combined: pl.LazyFrame = pl.concat(scans, how="vertical")
        return combined

    def run(self, stage: str, key: str, compute: Callable[[], Any]) -> StageOutput:
        """The stage's kept output for these inputs, computing and keeping it only when there is none."""
        return self.lookup(stage, key) or self.save(stage, key, compute())

    def sweep(self) -> list[Path]:
        """Remove temporary folders left by a run that died while keeping an output (call under the run lock)."""
        swept = sorted(self.root.rglob(".tmp-*")) if self.root.is_dir() else []
        for folder in swept:
            shutil.rmtree(folder, ignore_errors=True)
        return swept

    def clear_outputs(self) -> None:
        """Remove every kept output (identifiable rows): called once the quarter's release is out."""
        shutil.rmtree(self.root, ignore_errors=True)
