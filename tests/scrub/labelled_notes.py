"""The labelled case notes: markup parsing and recall / over-redaction scoring (tests and bench)."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

NOTES = Path(__file__).resolve().parent / "labelled" / "notes.txt"
_MARK = re.compile(r"\[\[(?P<type>[A-Z]+):(?P<pii>.+?)\]\]|\{\{(?P<keep>.+?)\}\}")


@dataclass(frozen=True)
class LabelledNote:
    known_names: tuple[str, ...]
    text: str
    pii: tuple[tuple[str, int, int], ...]       # (type, start, end)
    keep: tuple[tuple[int, int], ...]           # distractor spans


def parse_note(line: str) -> LabelledNote:
    names, _, marked = line.partition("|")
    text, pii, keep, last = [], [], [], 0
    length = 0
    for m in _MARK.finditer(marked):
        plain = marked[last:m.start()]
        text.append(plain)
        length += len(plain)
        inner = m.group("pii") if m.group("type") else m.group("keep")
        (pii.append((m.group("type"), length, length + len(inner))) if m.group("type") else keep.append((length, length + len(inner))))
        text.append(inner)
        length += len(inner)
        last = m.end()
    text.append(marked[last:])
    return LabelledNote(tuple(n.strip() for n in names.split(";") if n.strip()), "".join(text), tuple(pii), tuple(keep))


def load_notes() -> list[LabelledNote]:
    return [parse_note(line) for line in NOTES.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


@dataclass
class ScrubScore:
    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    kept: int = 0
    distractors: int = 0
    misses: list[tuple[str, str]] = field(default_factory=list)       # (type, text)
    over: list[tuple[str, str]] = field(default_factory=list)         # (distractor, note)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.total[kind] if self.total[kind] else 1.0

    @property
    def distractors_kept(self) -> float:
        return self.kept / self.distractors if self.distractors else 1.0


def score(notes: list[LabelledNote], detected: list[list[tuple[int, int]]]) -> ScrubScore:
    """A piece of personal information is removed when detections cover every letter and digit of it;
    a distractor is kept when no detection touches it."""
    result = ScrubScore()
    for note, spans in zip(notes, detected, strict=True):
        covered = [False] * len(note.text)
        for start, end in spans:
            for i in range(start, min(end, len(note.text))):
                covered[i] = True
        for kind, start, end in note.pii:
            result.total[kind] += 1
            if all(covered[i] for i in range(start, end) if note.text[i].isalnum()):
                result.found[kind] += 1
            else:
                result.misses.append((kind, note.text[start:end]))
        for start, end in note.keep:
            result.distractors += 1
            if not any(covered[start:end]):
                result.kept += 1
            else:
                result.over.append((note.text[start:end], note.text))
    return result


def scrub_and_score(scrubber, notes: list[LabelledNote]) -> ScrubScore:
    """Scrub each note with its record's known names, then score what was removed and kept."""
    from deid.scrub.scrub import merge_spans

    detected = []
    for note in notes:
        _, spans = scrubber.scrub(note.text, scrubber.known_names(list(note.known_names)))
        detected.append([(s.start, s.end) for s in merge_spans(spans)])
    return score(notes, detected)
