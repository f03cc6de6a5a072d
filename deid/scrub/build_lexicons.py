"""Rebuild the scrubber's outside word lists: `standards/name_lexicon.yaml`, and the check of
`standards/te_reo.yaml` against an outside Māori word list (issue 15). A project command, run by hand when a source changes:

    .venv/bin/python -m deid.scrub.build_lexicons [--standards standards/] [--check]

Sources, none downloaded at run time (the scrubber reads only the YAML this writes):

- Given and family names: the `names-dataset` package (pinned in requirements.lock), its most common
  first names (each gender) and last names in each country listed in `COUNTRIES`, and a wider list
  (deeper rankings, `WIDER_COUNTRIES` too) less short names, everyday te reo and Pasifika words
  (te_reo.yaml, pasifika.yaml) and lower-case Māori words.
- Everyday English words: SCOWL via the Debian package `wbritish` (/usr/share/dict/british-english);
  a lexicon name that the word list has in lower case (Hope, Will, Brown) is marked an everyday word, and
  the list's lower-case words on no name list, no te reo or Pasifika word list and not of Māori spelling in the
  Māori word list are written as `english_words` (words that are not names: "sent", "while", "feeling"); `--english-words-only` rewrites that
  list alone from the names already in the lexicon (no names-dataset needed).
- Māori words: the Tesseract OCR Māori word list (tessdata `mri`, Apache-2.0, Debian package
  `tesseract-ocr-mri`), read with `combine_tessdata` and `dawg2wordlist`. It attests every everyday
  te reo word in te_reo.yaml (unattested ones are dropped and reported) and gives the Māori proper
  nouns (capitalised, Māori spelling, not an everyday word).
"""
from __future__ import annotations

import argparse
import functools
import re
import subprocess
import tempfile
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from deid.standards import DEFAULT_STANDARDS_DIR, fold

# Countries whose people live in Aotearoa in numbers and that the names-dataset covers (it has no NZ,
# AU, WS or TO): the UK and Ireland, North America, South Africa, Fiji, South and East Asia, the
# Middle East, Europe and Latin America. Their most common names (TOP_GIVEN per gender, TOP_FAMILY) are
# taken as the dataset has them.
COUNTRIES = ["GB", "IE", "US", "CA", "ZA", "FJ", "IN", "BD", "PH", "CN", "HK", "TW", "MY", "SG", "ID", "KR", "JP", "NL",
             "DE", "FR", "IT", "ES", "PL", "RU", "IQ", "AF", "IR", "EG", "SA", "ET", "NG", "GH", "JM", "MX", "BR", "CL"]
TOP_GIVEN, TOP_FAMILY = 600, 500
# The wider list: deeper in the same countries' rankings (WIDE_GIVEN, WIDE_FAMILY) and in WIDER_COUNTRIES, where
# people who now live in Aotearoa were born or have come from as refugees (Stats NZ's birthplace tables and the
# refugee quota's source countries, as far as the dataset covers them: it has no Sri Lanka, Viet Nam, Thailand,
# Pakistan, Myanmar, Nepal, Zimbabwe, Somalia or Eritrea): Cambodia, Colombia, Argentina, Peru, Syria, Palestine,
# Jordan, Lebanon, Sudan, Burundi, Türkiye, Israel, the United Arab Emirates, Portugal, Scandinavia and Finland,
# Belgium, Switzerland, Austria, Czechia, Hungary, Croatia, Serbia and Greece. A name found only in the wider list is
# kept when it has three letters or more and is not an everyday te reo Māori or Pasifika word (te_reo.yaml,
# pasifika.yaml) nor a lower-case word of the Māori word list: where one of those is written in a note it is
# far more often the word than a name from abroad ("Mai", "Tai", "Hine").
WIDER_COUNTRIES = ["KH", "CO", "AR", "PE", "SY", "PS", "JO", "LB", "SD", "BI", "TR", "IL", "AE", "PT", "SE", "NO", "DK",
                   "FI", "BE", "CH", "AT", "CZ", "HU", "HR", "RS", "GR"]
WIDE_GIVEN, WIDE_FAMILY = 1000, 800
ENGLISH_WORDS = Path("/usr/share/dict/british-english")
MRI_TRAINEDDATA = Path("/usr/share/tesseract-ocr/5/tessdata/mri.traineddata")
_MAORI_WORD = re.compile(r"(?:(?:ng|wh|[hkmnprtw])?[aeiouāēīōū])+")
_NAME = re.compile(r"[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?")


def read_english_words(path: Path = ENGLISH_WORDS) -> set[str]:
    """Lower-case entries of the SCOWL word list: everyday words, not proper nouns."""
    return {w for w in path.read_text(encoding="utf-8").split() if w.islower() and "'" not in w}


def read_maori_words(traineddata: Path = MRI_TRAINEDDATA) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "mri."
        subprocess.run(["combine_tessdata", "-u", str(traineddata), str(prefix)], check=True, capture_output=True)
        out = Path(tmp) / "words.txt"
        subprocess.run(["dawg2wordlist", f"{prefix}lstm-unicharset", f"{prefix}lstm-word-dawg", str(out)], check=True,
                       capture_output=True)
        return [unicodedata.normalize("NFC", w) for w in out.read_text(encoding="utf-8").split()]


@functools.lru_cache(maxsize=1)
def _dataset() -> Any:
    from names_dataset import NameDataset  # a build-time dependency only: it loads a few GB

    return NameDataset()


def _top_names(countries: list[str], top_given: int, top_family: int) -> tuple[set[str], set[str]]:
    """The most common given names (each gender) and family names of each country, as the dataset writes them."""
    dataset = _dataset()
    given: set[str] = set()
    family: set[str] = set()
    for country in countries:
        for names in (dataset.get_top_names(n=top_given, country_alpha2=country).get(country) or {}).values():
            given.update(n for n in names if _NAME.fullmatch(n))
        family.update(n for n in dataset.get_top_names(n=top_family, use_first_names=False, country_alpha2=country).get(country) or []
                      if _NAME.fullmatch(n))
    return given, family


def build_name_lexicon(english: set[str], maori_words: list[str], te_reo: set[str],
                       pasifika: frozenset[str] = frozenset()) -> dict[str, list[str]]:
    """The lexicon's four lists; `te_reo` and `pasifika`: the everyday words of te_reo.yaml and pasifika.yaml, folded."""
    given, family = _top_names(COUNTRIES, TOP_GIVEN, TOP_FAMILY)
    wide_given, wide_family = _top_names(COUNTRIES + WIDER_COUNTRIES, WIDE_GIVEN, WIDE_FAMILY)
    maori_lower = {fold(w) for w in maori_words if w.islower()}

    def wider(name: str) -> bool:
        key = fold(name)
        return len(key) > 2 and key not in te_reo and key not in pasifika and key not in maori_lower

    given |= {n for n in wide_given - given if wider(n)}
    family |= {n for n in wide_family - family if wider(n)}
    everyday = {n for n in given | family if n.lower() in english}
    maori = sorted({w for w in maori_words if w[:1].isupper() and w[1:].islower() and _MAORI_WORD.fullmatch(w.lower())
                    and len(w) > 3 and fold(w) not in te_reo and w.lower() not in english} - given - family)
    return {"given_names": sorted(given - everyday), "family_names": sorted(family - everyday - given),
            "everyday_word_names": sorted(everyday), "maori_name_words": maori}


def english_only_words(english: set[str], lexicon: dict[str, list[str]], maori_words: list[str], te_reo: set[str],
                       pasifika: frozenset[str] = frozenset()) -> list[str]:
    """SCOWL's lower-case words of three letters or more that no name list and no te reo or Pasifika word list holds:
    words that are not people's names ("sent", "while", "feeling"). A word of Māori spelling that the Māori word list
    has, capitalised too ("Mere", "Pita", "Hone", "Time"), is left out: it may be a Māori given name written as the word
    is ("aware", which the list has in lower case only, stays in)."""
    names = {fold(n) for key in ("given_names", "family_names", "everyday_word_names", "maori_name_words")
             for n in lexicon.get(key, [])}
    capitalised = {w.lower() for w in maori_words if w[:1].isupper()}   # the list writes it as a proper noun too
    maori = {w for w in maori_words if w.islower() and _MAORI_WORD.fullmatch(w) and w in capitalised}
    return sorted(w for w in english if len(w) > 2 and w.isalpha() and fold(w) == w
                  and w not in names and w not in maori and w not in te_reo and w not in pasifika)


def _flow_list(key: str, values: list[str], width: int = 118) -> str:
    lines, line = [], f"{key}: ["
    for i, value in enumerate(values):
        text = yaml.safe_dump(value, default_style=None, allow_unicode=True).strip().removesuffix("\n...").strip()
        text += "," if i < len(values) - 1 else ""
        if len(line) + len(text) + 1 > width:
            lines.append(line.rstrip())
            line = "  "
        line += text + " "
    lines.append(line.rstrip() + "]")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--standards", type=Path, default=DEFAULT_STANDARDS_DIR)
    parser.add_argument("--english-words-only", action="store_true",
                        help="rewrite only the lexicon's english_words from the names already in it")
    args = parser.parse_args()
    english = read_english_words()
    maori_words = read_maori_words()
    if args.english_words_only:
        _write_english_words(args.standards, english, maori_words)
        return
    attested = {fold(w) for w in maori_words}
    te_reo_path = args.standards / "te_reo.yaml"
    te_reo = yaml.safe_load(te_reo_path.read_text(encoding="utf-8"))
    words = [w for w in te_reo["words"] if fold(w) in attested]
    dropped = sorted(set(te_reo["words"]) - set(words))
    if dropped:
        print(f"te_reo.yaml: not in the Tesseract Māori word list, dropped: {dropped}")
    text = te_reo_path.read_text(encoding="utf-8")
    # only the `words` list is rewritten: the phrases before it and the pronouns, particles and cues after it stay
    start = text.index("\nwords:") + 1
    end = text.index("]", start) + 1
    te_reo_path.write_text(text[:start] + _flow_list("words", words).rstrip("\n") + text[end:], encoding="utf-8")
    pasifika = yaml.safe_load((args.standards / "pasifika.yaml").read_text(encoding="utf-8"))
    lexicon = build_name_lexicon(english, maori_words, {fold(w) for w in words}, frozenset(fold(w) for w in pasifika["words"]))
    lexicon["english_words"] = english_only_words(english, lexicon, maori_words, {fold(w) for w in words},
                                                  frozenset(fold(w) for w in pasifika["words"]))
    lexicon_path = args.standards / "name_lexicon.yaml"
    header = lexicon_path.read_text(encoding="utf-8").split("\ngiven_names:")[0] if lexicon_path.is_file() else ""
    lexicon_path.write_text(f"{header}\n" + "".join(_flow_list(k, v) for k, v in lexicon.items()), encoding="utf-8")
    print({k: len(v) for k, v in lexicon.items()})


def _write_english_words(standards: Path, english: set[str], maori_words: list[str]) -> None:
    """The lexicon's `english_words` list rebuilt from its own name lists; every other list is left as it is."""
    lexicon_path = standards / "name_lexicon.yaml"
    text = lexicon_path.read_text(encoding="utf-8")
    lexicon = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    te_reo = {fold(w) for w in yaml.safe_load((standards / "te_reo.yaml").read_text(encoding="utf-8"))["words"]}
    pasifika = frozenset(fold(w) for w in yaml.safe_load((standards / "pasifika.yaml").read_text(encoding="utf-8"))["words"])
    words = english_only_words(english, lexicon, maori_words, te_reo, pasifika)
    head = text.split("\nenglish_words:")[0].rstrip("\n")
    lexicon_path.write_text(f"{head}\n" + _flow_list("english_words", words), encoding="utf-8")
    print({"english_words": len(words)})


if __name__ == "__main__":
    main()
