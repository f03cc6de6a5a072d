"""An evaluation set of generated, labelled case notes, split before tuning (issue 15).

Written apart from `deid/samples/generator.py` and from the hand-labelled `labelled/notes.txt`,
and sharing no word list with `standards/`: person names come from Faker's en_NZ, en_AU,
en_GB, en_US, en_IN, en_PH and vi_VN locales (an outside source) plus the short lists below
of Māori and Pacific given and family names written for this set; te reo words, programmes,
organisations and sentence templates are written here. Every planted identifier is labelled
with its span and kind; every word that must survive (te reo, programme, organisation,
service date, amount, time, reference number) is labelled with its span and kind.

`TUNE` notes (seed 15_001) may be looked at while tuning; `HELD_OUT` notes (seed 15_002) are
generated the same way but are only scored, never read, while tuning.

Each note is a record: its client, caregiver and child (the record's names, which the flow
passes as known names) and its programme (which the flow passes as a keep phrase).
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from faker import Faker
from stdnum.nz import bankaccount, ird

NOTES_PER_PART = 600
TUNE_SEED, HELD_OUT_SEED = 15_001, 15_002

# Māori given names that are also everyday te reo words, and English given names that are everyday words.
REO_WORD_NAMES = ["Aroha", "Mana", "Kiri", "Rangi", "Tui", "Moana", "Hine", "Awhina", "Manaaki", "Wairua", "Kahu", "Marama",
                  "Ataahua", "Kaha", "Nikau", "Huia", "Ora", "Pono", "Mahina", "Tama", "Ngaio", "Kōwhai", "Rata", "Tūmanako",
                  "Whetu", "Anahera", "Aio", "Hōhonu"]
ENGLISH_WORD_NAMES = ["Hope", "Rose", "Grace", "Joy", "Faith", "Will", "Mark", "Summer", "River", "Sky", "Dawn", "Hunter"]
MAORI_GIVEN = ["Hēmi", "Wiremu", "Rāwiri", "Tipene", "Mereana", "Ripeka", "Hohepa", "Pania", "Tāne", "Te Ariki", "Kauri",
               "Mihiroa", "Hinemoa", "Rewi", "Hōne", "Ngārie", "Waimarie", "Kahurangi", "Tamati", "Arapeta", "Piripi",
               "Heeni", "Matiu", "Ihaia", "Tawhirimatea", "Paretipua", "Whaiora", "Te Rina", "Keita", "Ranginui"]
PACIFIC_GIVEN = ["Sione", "Tevita", "Losaline", "Mele", "Sefo", "Iosefa", "Fetu", "Lagi", "Talia", "Ana", "Viliami", "Saia",
                 "Ofa", "Malakai", "Salote", "Leota", "Fa'asalele", "Tasi", "Pita", "Lupe"]
MAORI_FAMILY = ["Ngata", "Parata", "Te Kanawa", "Horomona", "Tipene", "Walker", "Tamihana", "Te Hira", "Pōmare", "Rāwiri",
                "Tuhiwai", "Karaka", "Wihongi", "Paewai", "Te Whata", "Mahuika", "Herewini", "Ruatapu", "Tautahi", "Ngāpō"]
PACIFIC_FAMILY = ["Faleolo", "Tuilagi", "Fifita", "Taufa", "Lemalu", "Vaifale", "Kupu", "Tupou", "Leaupepe", "Havili",
                  "Sapolu", "Mata'afa", "Falaniko", "Toleafoa"]
FAKER_LOCALES = ["en_NZ", "en_AU", "en_GB", "en_US", "en_IN", "en_PH", "vi_VN"]

# Everyday te reo words that must survive (each with a phrase that uses it as a word).
REO_PHRASES = [
    ("aroha", "showed a lot of {w} to the tamariki"), ("aroha", "the {w} in the whare was clear"),
    ("mana", "wants to keep her {w} intact"), ("mana", "spoke about the {w} of the whānau"),
    ("whānau", "the {w} is settled"), ("whānau", "{w} hui planned"), ("kai", "dropped off a {w} parcel"),
    ("kai", "there is enough {w} in the house"), ("tamariki", "the {w} are at kura"), ("mahi", "looking for {w}"),
    ("hui", "a {w} with the school"), ("kōrero", "good {w} about routines"), ("wairua", "her {w} seems low"),
    ("manaaki", "will {w} the whānau through winter"), ("tautoko", "offered {w} with the WINZ forms"),
    ("moana", "took the tamariki to the {w}"), ("rangi", "the {w} was clear for the hīkoi"), ("hauora", "talked about {w}"),
    ("mokopuna", "nan is caring for the {w}"), ("pēpi", "{w} is feeding well"), ("marae", "staying at the {w}"),
    ("karakia", "opened with {w}"), ("kaha", "mum is feeling more {w}"), ("tikanga", "follows {w} at tangihanga"),
    ("whare", "the {w} is cold and damp"), ("kaupapa", "the {w} of the group"), ("ora", "working towards whānau {w}"),
    ("mātua", "both {w} attended"), ("kaumātua", "a {w} joined the hui"), ("whakapapa", "keen to learn her {w}"),
    ("huia", "a carving of a {w} on the wall"), ("tui", "a {w} was singing outside"), ("kōwhai", "the {w} is flowering"),
    ("awhina", "asked for {w} with transport"), ("pono", "she was {w} about the debt"), ("marama", "things are {w} now"),
]
ENGLISH_PHRASES = [("hope", "has {w} things will improve"), ("grace", "handled it with {w}"), ("joy", "real {w} in the room"),
                   ("will", "she {w} call back"), ("mark", "a {w} on the wall"), ("rose", "the rent {w} again"),
                   ("summer", "over {w} the family camps"), ("faith", "has {w} in the process")]
PROGRAMMES = ["Te Ara Hou", "Kia Māia", "Te Kākano", "Mana Tāne", "Whānau Tahi", "Ngā Tapuwae", "Hine Ora", "Aroha Mai",
              "Tū Tangata", "Te Puna Manaaki", "Family Start", "Incredible Years", "Strengthening Families"]
ORGANISATIONS = ["Aroha Whānau Trust", "Te Whare Tiaki", "Oranga Tamariki", "Kāinga Ora", "Whakatū Marae",
                 "Ngāti Porou Hauora", "Mana Kidz", "Te Rūnanga o Ngāi Tahu", "Plunket", "Work and Income",
                 "Te Puna Ora o Mataatua", "Tui Ora", "Rangi Ruru Kindergarten", "Moana House"]
STREETS = ["Kowhai Road", "Tamaki Drive", "Beach Rd", "Rata Street", "Huia Place", "Pōhutukawa Ave", "Queen St",
           "Ngatai Road", "Maunu Rd", "Tui Crescent", "Church Street", "Raroa Terrace", "Moana Lane"]
TOWNS = [("Mangere", "Auckland", "2022"), ("Fairfield", "Hamilton", "3214"), ("Onekawa", "Napier", "4110"),
         ("Porirua East", "Porirua", "5024"), ("Aranui", "Christchurch", "8061"), ("Kaikohe", "", "0405"),
         ("Gisborne", "", "4010"), ("Ōtara", "Auckland", "2023")]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
          "December"]


@dataclass(frozen=True)
class GeneratedNote:
    known_names: tuple[str, ...]
    programme: str
    text: str
    pii: tuple[tuple[str, int, int], ...]       # (kind, start, end)
    keep: tuple[tuple[str, int, int], ...]      # (kind, start, end)


class _Builder:
    def __init__(self):
        self.parts: list[str] = []
        self.length = 0
        self.pii: list[tuple[str, int, int]] = []
        self.keep: list[tuple[str, int, int]] = []

    def add(self, text: str, pii: str | None = None, keep: str | None = None) -> None:
        if pii:
            self.pii.append((pii, self.length, self.length + len(text)))
        if keep:
            self.keep.append((keep, self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)


def _ascii(text: str) -> str:
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _nhi(rng: random.Random) -> str:
    """An old-format NHI (AAANNNC) with a valid mod-11 check digit (Ministry of Health NHI rules)."""
    letters = "ABCDEFGHJKLMNPQRSTUVWXYZ"
    while True:
        chars = [rng.choice(letters) for _ in range(3)] + [str(rng.randint(0, 9)) for _ in range(3)]
        total = sum((letters.index(c) + 1 if c.isalpha() else int(c)) * (7 - i) for i, c in enumerate(chars))
        check = 11 - total % 11
        if check == 11 or check == 10:
            continue
        return "".join(chars) + str(check % 10)


def _ird(rng: random.Random) -> str:
    while True:
        number = str(rng.randint(10_000_000, 150_000_000)).zfill(9)
        if ird.is_valid(number):
            return number


def _bank(rng: random.Random) -> tuple[str, str, str, str]:
    while True:
        parts = (f"{rng.choice([1, 2, 3, 6, 12, 38]):02d}", f"{rng.randint(1, 999):04d}", f"{rng.randint(0, 9_999_999):07d}",
                 f"{rng.randint(0, 99):02d}" if rng.random() < 0.7 else f"{rng.randint(0, 99):03d}")
        if bankaccount.is_valid("-".join(parts)):
            return parts


def _person(rng: random.Random, fakers: list[Faker]) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.3:
        given = rng.choice(REO_WORD_NAMES)
    elif roll < 0.38:
        given = rng.choice(ENGLISH_WORD_NAMES)
    elif roll < 0.55:
        given = rng.choice(MAORI_GIVEN)
    elif roll < 0.65:
        given = rng.choice(PACIFIC_GIVEN)
    else:
        given = rng.choice(fakers).first_name()
    roll = rng.random()
    family = (rng.choice(MAORI_FAMILY) if roll < 0.35 else rng.choice(PACIFIC_FAMILY) if roll < 0.5
              else rng.choice(fakers).last_name())
    return given, family


def _case(name: str, rng: random.Random, lower_share: float = 0.2) -> str:
    roll = rng.random()
    return name.lower() if roll < lower_share else name.upper() if roll < lower_share + 0.05 else name


def _person_sentence(b: _Builder, rng: random.Random, given: str, family: str, role: str) -> None:
    """One sentence naming a person, in one of many shapes."""
    g = _case(given, rng)
    forms = [
        lambda: (b.add("Spoke with "), b.add(g, "PERSON"), b.add(" about the week.")),
        lambda: (b.add("Home visit with "), b.add(f"{given} {family}", "PERSON"), b.add(".")),
        lambda: (b.add("Phoned "), b.add(g, "PERSON"), b.add(", no answer.")),
        lambda: (b.add("Caught up with "), b.add(g, "PERSON"), b.add(" at the school gate.")),
        lambda: (b.add(f"{role.capitalize()} "), b.add(g, "PERSON"), b.add(" was present.")),
        lambda: (b.add(g.capitalize() if rng.random() < 0.7 else g, "PERSON"), b.add(" said things are better at home.")),
        lambda: (b.add("Texted "), b.add(g, "PERSON"), b.add(" a reminder.")),
        lambda: (b.add("Met "), b.add(f"{given} {family}".upper() if rng.random() < 0.3 else f"{given} {family}", "PERSON"),
                 b.add(" and the kids.")),
        lambda: (b.add("Dropped in to see "), b.add(g, "PERSON"), b.add(".")),
        lambda: (b.add(given, "PERSON"), b.add("'s "), b.add(rng.choice(["car", "phone", "benefit", "tenancy"])),
                 b.add(" is sorted.")),
        lambda: (b.add("Talked to "), b.add(g, "PERSON"), b.add(" and "), b.add(_case(family, rng, 0.0), "PERSON"),
                 b.add(" by phone.")),
        lambda: (b.add("Client "), b.add(f"{family.upper()}, {given}", "PERSON"), b.add(" seen today.")),
        lambda: (b.add("Ms " if rng.random() < 0.5 else "Mr "), b.add(family, "PERSON"), b.add(" rang back.")),
        lambda: (b.add(f"Her {role} "), b.add(g, "PERSON"), b.add(" helps with pick-ups.")),
        lambda: (b.add("Visited "), b.add(g, "PERSON"), b.add(" and "), b.add(_case(rng.choice(REO_WORD_NAMES + MAORI_GIVEN), rng),
                                                                              "PERSON"), b.add(" at the marae.")),
        lambda: (b.add("Whaea "), b.add(g, "PERSON"), b.add(" called about kai.")),
        lambda: (b.add("Rang "), b.add(g, "PERSON"), b.add(" re the hui.")),
        lambda: (b.add("Went with "), b.add(g, "PERSON"), b.add(" to WINZ.")),
        lambda: (b.add("Saw "), b.add(f"{given} {family}", "PERSON"), b.add(" in town.")),
        lambda: (b.add("Discussed the plan with "), b.add(g, "PERSON"), b.add(".")),
    ]
    rng.choice(forms)()


def _identifier_sentence(b: _Builder, rng: random.Random, given: str) -> None:
    kind = rng.choice(["NHI", "IRD", "PHONE", "EMAIL", "BANK", "DL", "DOB", "DOB", "ADDRESS", "ADDRESS"])
    if kind == "NHI":
        nhi = _nhi(rng)
        b.add(rng.choice(["NHI ", "NHI: ", "nhi ", "NHI no. "]))
        b.add(nhi if rng.random() < 0.8 else nhi.lower(), "NHI")
        b.add(" checked.")
    elif kind == "IRD":
        n = _ird(rng)
        shown = rng.choice([n, f"{n[:3]}-{n[3:6]}-{n[6:]}", f"{n[:3]} {n[3:6]} {n[6:]}", n.lstrip("0")])
        b.add(rng.choice(["IRD number ", "IRD ", "tax number ", "IRD#"]))
        b.add(shown, "IRD")
        b.add(" given to WINZ.")
    elif kind == "PHONE":
        n = f"{rng.randint(200, 999)} {rng.randint(1000, 9999)}"
        shown = rng.choice([f"021 {n}", f"022{n.replace(' ', '')}", f"+64 27 {n}", f"(09) {n}", f"07-{n}", f"027-{n.replace(' ', '-')}"])
        b.add(rng.choice(["New number ", "Call her on ", "ph ", "Mobile: "]))
        b.add(shown, "PHONE")
        b.add(".")
    elif kind == "EMAIL":
        fam = rng.choice(MAORI_FAMILY + PACIFIC_FAMILY).lower().replace(" ", "").replace("'", "")
        local = _ascii(given.lower()).replace(" ", "").replace("'", "")
        addr = f"{local}.{fam}{rng.randint(1, 99)}@{rng.choice(['gmail.com', 'xtra.co.nz', 'outlook.com', 'school.nz'])}"
        b.add("Email ")
        b.add(addr, "EMAIL")
        b.add(" for the forms.")
    elif kind == "BANK":
        p = _bank(rng)
        shown = rng.choice(["-".join(p), " ".join(p), "".join(p), f"{p[0]}-{p[1]}-{p[2]}-{p[3]}", f"{p[0]}{p[1]}-{p[2]}-{p[3]}"])
        b.add(rng.choice(["Bank account ", "Acct ", "paid into ", "Account no. "]))
        b.add(shown, "BANK")
        b.add(".")
    elif kind == "DL":
        letters = "".join(rng.choice("ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(2))
        digits = f"{rng.randint(0, 999999):06d}"
        shown = rng.choice([f"{letters}{digits}", f"{letters} {digits}", f"{letters}-{digits}", f"{letters.lower()}{digits}"])
        b.add(rng.choice(["Driver licence ", "Licence no. ", "DL ", "drivers licence number "]))
        b.add(shown, "DL")
        b.add(" sighted.")
    elif kind == "DOB":
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2010, 2025)
        suffix = "th" if 11 <= day <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
        shown = rng.choice([f"{day:02d}/{month:02d}/{year}", f"{day}.{month}.{year}", f"{day}{suffix} {MONTHS[month - 1]} {year}",
                            f"{day} {MONTHS[month - 1][:3]} {year}", f"{MONTHS[month - 1]} {day}, {year}",
                            f"{day}{suffix} of {MONTHS[month - 1]} {year}", f"{year}-{month:02d}-{day:02d}"])
        b.add(rng.choice(["Pēpi born ", "DOB ", "d.o.b. ", "Date of birth: ", "Baby was born on ", "born "]))
        b.add(shown, "DOB")
        b.add(".")
    else:
        suburb, town, postcode = rng.choice(TOWNS)
        shown = f"{rng.randint(1, 250)}{rng.choice(['', '', 'A', 'B'])} {rng.choice(STREETS)}, {suburb}"
        shown += f", {town}" if town else ""
        shown += f" {postcode}" if rng.random() < 0.5 else ""
        b.add(rng.choice(["Moved to ", "Now living at ", "Address: ", "New address "]))
        b.add(shown, "ADDRESS")
        b.add(".")


def _distractor_sentence(b: _Builder, rng: random.Random, programme: str) -> None:
    kind = rng.choice(["REO", "REO", "REO", "ENGLISH", "PROGRAMME", "PROGRAMME", "ORGANISATION", "ORGANISATION", "DATE",
                       "AMOUNT", "TIME", "REFERENCE"])
    if kind in ("REO", "ENGLISH"):
        word, phrase = rng.choice(REO_PHRASES if kind == "REO" else ENGLISH_PHRASES)
        before, _, after = phrase.partition("{w}")
        if not before and rng.random() < 0.5:
            b.add(word.capitalize(), keep="REO" if kind == "REO" else "WORD")
        else:
            b.add(before[:1].upper() + before[1:]) if before else None
            b.add(word, keep="REO" if kind == "REO" else "WORD")
        b.add(after + ".")
    elif kind == "PROGRAMME":
        name = programme if rng.random() < 0.6 else rng.choice(PROGRAMMES)
        before, after = rng.choice([("Attended ", " group this week."), ("Enrolled in ", "."), ("Referred to ", " by the GP."),
                                    ("", " session 4 of 8 completed."), ("Keen to start ", " next term.")])
        b.add(before)
        b.add(name, keep="PROGRAMME")
        b.add(after)
    elif kind == "ORGANISATION":
        before, after = rng.choice([("Referral sent to ", "."), ("Met worker from ", " at the house."),
                                    ("", " will help with housing."), ("Letter from ", " received.")])
        b.add(before)
        b.add(rng.choice(ORGANISATIONS), keep="ORGANISATION")
        b.add(after)
    elif kind == "DATE":
        b.add(rng.choice(["Next visit ", "Appointment on ", "Review due "]))
        b.add(rng.choice([f"{rng.randint(1, 28)}/{rng.randint(1, 12)}/2026", f"{rng.randint(1, 28)} {rng.choice(MONTHS)} 2026",
                          f"{rng.choice(['Monday', 'Tuesday', 'Friday'])} {rng.randint(4, 20)}th"]), keep="DATE")
        b.add(".")
    elif kind == "AMOUNT":
        b.add(rng.choice(["Food grant of ", "Owes ", "Power bill is ", "Rent went up to "]))
        b.add(rng.choice([f"${rng.randint(20, 900)}", f"${rng.randint(1, 9)},{rng.randint(100, 999)}.{rng.randint(10, 99)}",
                          f"${rng.randint(100, 600)} a week"]), keep="AMOUNT")
        b.add(".")
    elif kind == "TIME":
        b.add(rng.choice(["Visit at ", "Meet at ", "Pick-up at "]))
        b.add(rng.choice([f"{rng.randint(1, 12)}:{rng.choice(['00', '15', '30', '45'])}{rng.choice(['am', 'pm', ''])}",
                          f"{rng.randint(1, 12)}{rng.choice(['am', 'pm'])}", f"{rng.randint(10, 17)}{rng.choice(['00', '30'])}hrs"]),
              keep="TIME")
        b.add(".")
    else:
        number = _ird(rng) if rng.random() < 0.5 else str(rng.randint(10_000_000, 999_999_999))
        b.add(rng.choice(["Invoice ", "Receipt no. ", "Ref ", "Reference number ", "Quote #", "Invoice no: "]))
        b.add(number, keep="REFERENCE")
        b.add(rng.choice([" paid.", " for the power bill.", " sent to the landlord."]))


def generate_notes(seed: int, count: int = NOTES_PER_PART) -> list[GeneratedNote]:
    """`count` records, each with one case note of three to seven sentences."""
    rng = random.Random(seed)
    fakers = []
    for i, locale in enumerate(FAKER_LOCALES):
        fake = Faker(locale)
        fake.seed_instance(seed * 10 + i)
        fakers.append(fake)
    notes = []
    for _ in range(count):
        client, caregiver, child = (_person(rng, fakers) for _ in range(3))
        programme = rng.choice(PROGRAMMES)
        b = _Builder()
        kinds = ["person", "person", "person", "identifier", "distractor", "distractor", "distractor"]
        kinds += rng.choices(["person", "identifier", "distractor"], k=rng.randint(1, 3))
        rng.shuffle(kinds)
        for kind in kinds:
            if b.parts:
                b.add(" " if rng.random() < 0.85 else "\n")
            if kind == "person":
                who, role = rng.choice([(client, "client"), (caregiver, rng.choice(["partner", "mum", "nan", "aunty", "dad"])),
                                        (child, rng.choice(["son", "daughter", "pēpi", "moko"]))])
                _person_sentence(b, rng, who[0], who[1], role)
            elif kind == "identifier":
                _identifier_sentence(b, rng, client[0])
            else:
                _distractor_sentence(b, rng, programme)
        names = tuple(f"{g} {f}" for g, f in (client, caregiver, child))
        notes.append(GeneratedNote(names, programme, "".join(b.parts), tuple(b.pii), tuple(b.keep)))
    return notes


def tune_notes() -> list[GeneratedNote]:
    return generate_notes(TUNE_SEED)


def held_out_notes() -> list[GeneratedNote]:
    return generate_notes(HELD_OUT_SEED)


@dataclass
class NoteScore:
    found: Counter = field(default_factory=Counter)
    total: Counter = field(default_factory=Counter)
    kept: Counter = field(default_factory=Counter)
    keep_total: Counter = field(default_factory=Counter)
    notes: int = 0
    notes_right: int = 0
    misses: list[tuple[str, str, str]] = field(default_factory=list)       # (kind, span text, note)
    over: list[tuple[str, str, str]] = field(default_factory=list)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.total[kind] if self.total[kind] else 1.0

    def keep_rate(self, kind: str | None = None) -> float:
        kept = sum(self.kept.values()) if kind is None else self.kept[kind]
        total = sum(self.keep_total.values()) if kind is None else self.keep_total[kind]
        return kept / total if total else 1.0

    @property
    def share_right(self) -> float:
        return self.notes_right / self.notes if self.notes else 1.0


def score_notes(notes: list[GeneratedNote], detected: list[list[tuple[int, int]]]) -> NoteScore:
    """Found: redactions cover every letter and digit of the planted span. Kept: no redaction touches
    the distractor. A note is right when both hold for everything in it."""
    result = NoteScore()
    for note, spans in zip(notes, detected, strict=True):
        covered = [False] * len(note.text)
        for start, end in spans:
            for i in range(max(start, 0), min(end, len(note.text))):
                covered[i] = True
        right = True
        for kind, start, end in note.pii:
            result.total[kind] += 1
            if all(covered[i] for i in range(start, end) if note.text[i].isalnum()):
                result.found[kind] += 1
            else:
                right = False
                result.misses.append((kind, note.text[start:end], note.text))
        for kind, start, end in note.keep:
            result.keep_total[kind] += 1
            if not any(covered[start:end]):
                result.kept[kind] += 1
            else:
                right = False
                result.over.append((kind, note.text[start:end], note.text))
        result.notes += 1
        result.notes_right += right
    return result


def scrub_and_score(scrubber, notes: list[GeneratedNote], with_names: bool) -> NoteScore:
    """Text only (`deid scrub`), or as the flow runs: every record's names known run-wide and every
    record's programme kept."""
    from deid.scrub.scrub import merge_spans, scrub_texts

    if with_names:
        names = [n for note in notes for n in note.known_names]
        programmes = sorted({note.programme for note in notes})
        results = scrub_texts(scrubber, [n.text for n in notes], names, programmes, workers=1)
    else:
        results = [scrubber.scrub(n.text) for n in notes]
    return score_notes(notes, [[(s.start, s.end) for s in merge_spans(spans)] for _, spans in results])
