"""Generated quarters for the risk tests: the secure zone's standardised, pseudonymised and scrubbed
records for one quarter, as the split stage receives them (one row per person).

Separate from `deid.samples.generator`, which writes provider files for the whole pipeline: this
writes the records straight, at any size, so the risk gate can be tried on 10,000 people in seconds.
Providers differ in size, region and programmes; scores and ages are missing for some people, as
in real returns; a few programmes and referral sources are rare, so the evaluation extract folds them.
"""
from __future__ import annotations

import numpy as np
import polars as pl

from deid.standards import Standards

PROGRAMMES = ["Triple P", "Incredible Years", "Mana Whānau", "Pēpi First", "Whānau Toko I Te Ora", "Circle of Security"]
RARE_PROGRAMMES = ["Strengthening Families", "Hoki ki te Kāinga"]
REFERRALS = ["self", "health", "education", "community", "oranga_tamariki", "justice"]
OUTCOMES = ["achieved", "partly_achieved", "not_achieved", "exited_early", "ongoing"]
AGE_BANDS = ["15-19", "20-24", "25-29", "30-34", "35-39", "40-44", "45-49", "50-54"]
GENDERS = ["1", "2", "3", "97"]
# Level-1 ethnic groups (total response) and their priority for the prioritised code:
# Māori, Pacific, Asian, MELAA, Other, European.
ETHNIC = {"eth_european": ("1", 0.62), "eth_maori": ("2", 0.30), "eth_pacific": ("3", 0.12), "eth_asian": ("4", 0.10),
          "eth_melaa": ("5", 0.02), "eth_other": ("6", 0.01)}
PRIORITY = ["eth_maori", "eth_pacific", "eth_asian", "eth_melaa", "eth_other", "eth_european"]


def generate_quarter(standards: Standards, people: int = 10_000, providers: int = 12, quarter: str = "2026Q3",
                     seed: int = 14, run_id: str = "TEST-RUN") -> pl.DataFrame:
    """Records for `people` people across `providers` providers in one quarter (seeded)."""
    rng = np.random.default_rng(seed)
    places = [(p.ta_name, p.region_code, p.region_name) for p in standards.geography.places]
    regions = sorted({(code, name) for _, code, name in places})
    tas = {code: sorted({ta for ta, c, _ in places if c == code}) for code, _ in regions}
    sizes = rng.dirichlet(np.full(providers, 1.5))
    provider = rng.choice(providers, people, p=sizes)
    home = rng.choice(len(regions), providers)                       # each provider's main region
    own_programmes = [rng.choice(len(PROGRAMMES), rng.integers(1, 4), replace=False) for _ in range(providers)]

    region_index = np.where(rng.random(people) < 0.85, home[provider], rng.choice(len(regions), people))
    region_code = [regions[i][0] for i in region_index]
    ta_name = [str(rng.choice(tas[c])) if tas[c] else None for c in region_code]
    programme = [PROGRAMMES[int(rng.choice(own_programmes[p]))] for p in provider]
    rare = rng.random(people) < 0.004
    programme = [str(rng.choice(RARE_PROGRAMMES)) if r else p for p, r in zip(programme, rare, strict=True)]

    flags = {name: rng.random(people) < share for name, (_, share) in ETHNIC.items()}
    none = ~np.any(np.stack(list(flags.values())), axis=0)
    flags["eth_european"] = flags["eth_european"] | none
    prioritised = np.full(people, "1", dtype=object)
    for name in reversed(PRIORITY):
        prioritised = np.where(flags[name], ETHNIC[name][0], prioritised)

    start = rng.integers(1, 8, people)
    end = np.clip(start + rng.integers(-1, 5, people), 1, 10)
    no_scores = rng.random(people) < 0.25
    months = [f"{quarter[:4]}-{3 * (int(quarter[-1]) - 1) + m:02d}" for m in (1, 2, 3)]
    frame = pl.DataFrame({
        "run_id": run_id,
        "person_key": [f"pk{seed:04d}{i:07d}" for i in range(people)],
        "provider": [f"provider-{p:02d}" for p in provider],
        "quarter": quarter,
        "programme": programme,
        "referral_source": rng.choice(REFERRALS, people, p=[0.3, 0.25, 0.15, 0.15, 0.1, 0.05]),
        "service_month": rng.choice(months, people),
        "service_quarter": quarter,
        "sessions_attended": np.minimum(rng.geometric(0.18, people) - 1, 40),
        "outcome_status": rng.choice(OUTCOMES, people, p=[0.3, 0.25, 0.15, 0.1, 0.2]),
        "wellbeing_start": pl.Series(start, dtype=pl.Int64),
        "wellbeing_end": pl.Series(end, dtype=pl.Int64),
        "age_band_five_year": rng.choice(AGE_BANDS, people, p=[0.06, 0.16, 0.2, 0.2, 0.16, 0.12, 0.06, 0.04]),
        "gender_code": rng.choice(GENDERS, people, p=[0.46, 0.5, 0.02, 0.02]),
        "ethnicity_prioritised": prioritised.astype(str),
        **{name: flags[name] for name in ETHNIC},
        "ta_name": ta_name,
        "region_code": region_code,
        "region_name": [dict(regions)[c] for c in region_code],
        "case_notes_scrubbed": rng.choice(["<PERSON> attended with whānau.", "Phoned <PERSON> about the next hui.",
                                           "Moved to <ADDRESS>; still attending."], people),
        "consent_evaluation": rng.choice(["yes", "no", ""], people, p=[0.7, 0.2, 0.1]),
    })
    missing_age = rng.random(people) < 0.15
    return frame.with_columns(
        pl.when(pl.Series(no_scores)).then(None).otherwise(pl.col("wellbeing_start")).alias("wellbeing_start"),
        pl.when(pl.Series(no_scores)).then(None).otherwise(pl.col("wellbeing_end")).alias("wellbeing_end"),
        pl.when(pl.Series(missing_age)).then(None).otherwise(pl.col("age_band_five_year")).alias("age_band_five_year"),
        pl.col("eth_maori").alias("is_maori_data"),
        pl.col("sessions_attended").cast(pl.Int64),
    )


STABLE = ["age_band_five_year", "gender_code", "ethnicity_prioritised", *ETHNIC, "is_maori_data", "ta_name", "region_code",
          "region_name"]


def generate_quarters(standards: Standards, people: int = 20_000, quarters: tuple[str, ...] = ("2026Q1", "2026Q2", "2026Q3", "2026Q4"),
                      stay: float = 0.6, second_row: float = 0.03, providers: int = 12, seed: int = 14) -> list[pl.DataFrame]:
    """Several quarters of records whose people recur: about `people` a quarter, `stay` of a quarter's people served
    again the next (keeping their person key, age band, gender, ethnicity and area), the rest new; `second_row` of a
    quarter's people served by a second provider too (a second row with the same person key and the same
    person, another provider's service). One frame per quarter, as `generate_quarter` writes them."""
    rng = np.random.default_rng(seed)
    frames: list[pl.DataFrame] = []
    previous: pl.DataFrame | None = None
    fresh = 0
    for index, quarter in enumerate(quarters):
        frame = generate_quarter(standards, people=people, providers=providers, quarter=quarter, seed=seed + index)
        if previous is None:
            keys = [f"pk{seed:04d}{i:08d}" for i in range(people)]
            fresh = people
        else:
            staying = previous.unique("person_key", keep="first", maintain_order=True).sample(fraction=stay, seed=seed + index)
            new = people - staying.height
            keys = [*staying.get_column("person_key").to_list(), *(f"pk{seed:04d}{fresh + i:08d}" for i in range(new))]
            fresh += new
            # the people served again keep who they are: their stable columns come from the earlier quarter
            who = staying.select("person_key", *STABLE)
            frame = frame.with_columns(pl.Series("person_key", keys))
            frame = pl.concat([frame.head(staying.height).drop(STABLE).join(who, on="person_key", how="left").select(frame.columns),
                               frame.slice(staying.height)])
        frame = frame.with_columns(pl.Series("person_key", keys))
        # a share of the quarter's people were also served by another provider: a second row, the same person
        twice = frame.filter(pl.Series(rng.random(frame.height) < second_row))
        other = frame.sample(twice.height, seed=seed + 100 + index).drop("person_key", *STABLE)
        second = other.with_columns(twice.get_column("person_key"), *(twice.get_column(c) for c in STABLE)).select(frame.columns)
        frame = pl.concat([frame, second])
        frames.append(frame)
        previous = frame
    return frames
