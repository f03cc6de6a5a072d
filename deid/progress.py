"""Progress of long work as log records on one logger, `deid.progress`.

The library only logs; each front end draws: `deid run` shows bars on a terminal (rich) and
plain lines elsewhere (a log file, CI), and a Prefect run shows the lines in its log. A record
that counts work carries `progress = (step, done, total, unit)`.
"""
from __future__ import annotations

import logging
import sys
from typing import Any, TextIO

progress = logging.getLogger("deid.progress")


def report(step: str, done: int, total: int, unit: str) -> None:
    """`done` of `total` units of a step are finished."""
    progress.info("%s: %d of %d %s", step, done, total, unit, extra={"progress": (step, done, total, unit)})


class ProgressDisplay(logging.Handler):
    """Draws `deid.progress` records: rich bars on a terminal; elsewhere lines, counted work every quarter."""

    def __init__(self, stream: TextIO | None = None, bars: bool | None = None):
        super().__init__(logging.INFO)
        self._stream = stream
        self.bars = self.stream.isatty() if bars is None else bars
        self._rich: Any = None
        self._tasks: dict[str, Any] = {}
        self._shown: dict[str, int] = {}
        self.setFormatter(logging.Formatter("%(asctime)s %(message)s", "%H:%M:%S"))

    @property
    def stream(self) -> TextIO:
        """The stream given, or whatever sys.stderr is now (a command run in-process may swap it)."""
        return self._stream or sys.stderr

    def _progress(self) -> Any:
        if self._rich is None:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self._rich = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                  TextColumn("{task.fields[unit]}"), TimeElapsedColumn(),
                                  console=Console(file=self.stream), transient=True)
            self._rich.start()
        return self._rich

    def emit(self, record: logging.LogRecord) -> None:
        try:
            counted = getattr(record, "progress", None)
            if counted is None:
                line = self.format(record)
                if self.bars:
                    self._progress().console.print(line, highlight=False, markup=False)
                else:
                    self.stream.write(line + "\n")
                    self.stream.flush()
                return
            step, done, total, unit = counted
            if self.bars:
                bars = self._progress()
                if step not in self._tasks:
                    self._tasks[step] = bars.add_task(step, total=total, unit=unit)
                bars.update(self._tasks[step], completed=done, total=total)
                if done >= total:
                    bars.remove_task(self._tasks.pop(step))
                return
            quarter = max(1, total // 4)
            if done >= total or done - self._shown.get(step, 0) >= quarter:
                self._shown[step] = done
                self.stream.write(self.format(record) + "\n")
                self.stream.flush()
        except Exception:
            self.handleError(record)

    def close(self) -> None:
        if self._rich is not None:
            self._rich.stop()
            self._rich = None
        super().close()
