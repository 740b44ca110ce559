"""England's published figures, shipped as reference data (shared/spec/reference-data.md).

Every figure carries its source. Nothing here is estimated: a blank in the publication is
absent here. National totals are rounded to the nearest 10 by the publisher. The ministry's
local-authority tables are not shipped: a user imports them from the file they download
(daboard.partnership.published).
"""

from __future__ import annotations

from dataclasses import dataclass

ENGLAND_CODE = "E92000001"
ENGLAND_POPULATION = 56_490_048  # usual residents, Census 2021
ENGLAND_POPULATION_SOURCE = "ONS, Census 2021 usual-resident population of England"

SOURCE_2024 = ("MHCLG, Support in Domestic Abuse Safe Accommodation, England 2023-24 "
               "(annual statistics release, published 3 October 2024)")
SOURCE_2025 = ("MHCLG, Support in Domestic Abuse Safe Accommodation, England 2024-25 "
               "(annual statistics release, published 16 October 2025)")
SOURCE_NESG = ("National Expert Steering Group on Domestic Abuse Safe Accommodation, "
               "annual progress report 2022-23 (published 20 February 2024)")
SOURCE_2223_DERIVED = (SOURCE_2024 + ": the 2023-24 total less the published increase of 13,280")

YEARS = ("2021-22", "2022-23", "2023-24", "2024-25")


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    unit: str  # what is counted
    # How a council's own figure is built from its providers' returns (None: not comparable)
    own: str | None = None


MEASURES: tuple[Measure, ...] = (
    Measure("individuals_supported", "Individuals supported in safe accommodation", "individuals",
            own="distinct people in a safe-accommodation setting in the providers' returns for the year"),
    Measure("women_supported", "of whom women", "individuals"),
    Measure("men_supported", "of whom men", "individuals"),
    Measure("trans_adults_supported", "of whom trans adults", "individuals"),
    Measure("children_supported", "of whom children", "individuals"),
    Measure("specialist_characteristic", "Individuals with at least one specialist characteristic", "individuals"),
    Measure("households_unable_supported", "Households unable to be supported in safe accommodation", "households"),
    Measure("households_stopped_support", "Households that stopped receiving support in the year", "households"),
    Measure("bedspaces_all", "Commissioned bedspaces (all types)", "bedspaces"),
    Measure("bedspaces_sanctuary", "of which sanctuary schemes", "bedspaces"),
    Measure("bedspaces_refuge", "of which refuge", "bedspaces"),
)
MEASURE_BY_KEY = {m.key: m for m in MEASURES}


@dataclass(frozen=True)
class Figure:
    measure: str
    year: str  # financial year, 2023-24
    value: int
    source: str


# measure: {year: (value, source)}; exactly the table of reference-data.md
_TABLE: dict[str, dict[str, tuple[int, str]]] = {
    "individuals_supported": {"2021-22": (36_550, SOURCE_NESG), "2022-23": (50_670, SOURCE_2223_DERIVED),
                              "2023-24": (63_950, SOURCE_2024), "2024-25": (76_850, SOURCE_2025)},
    "women_supported": {"2022-23": (28_200, SOURCE_NESG), "2023-24": (36_870, SOURCE_2024)},
    "men_supported": {"2022-23": (1_130, SOURCE_NESG), "2023-24": (1_830, SOURCE_2024)},
    "trans_adults_supported": {"2022-23": (170, SOURCE_NESG), "2023-24": (320, SOURCE_2024)},
    "children_supported": {"2022-23": (21_170, SOURCE_NESG), "2023-24": (24_940, SOURCE_2024)},
    "specialist_characteristic": {"2021-22": (11_740, SOURCE_NESG), "2022-23": (26_830, SOURCE_NESG),
                                  "2023-24": (33_970, SOURCE_2024)},
    "households_unable_supported": {"2023-24": (26_870, SOURCE_2024), "2024-25": (28_190, SOURCE_2025)},
    "households_stopped_support": {"2024-25": (22_230, SOURCE_2025)},
    "bedspaces_all": {"2022-23": (16_350, SOURCE_NESG)},
    "bedspaces_sanctuary": {"2022-23": (8_550, SOURCE_NESG)},
    "bedspaces_refuge": {"2022-23": (3_850, SOURCE_NESG)},
}

ENGLAND: tuple[Figure, ...] = tuple(
    Figure(measure, year, value, source) for measure, years in _TABLE.items() for year, (value, source) in years.items())


def england(measure: str, year: str) -> Figure | None:
    for f in ENGLAND:
        if f.measure == measure and f.year == year:
            return f
    return None


def per_10000(value: int | float | None, population: int | None) -> float | None:
    """A count per 10,000 residents; None when either is unknown."""
    if value is None or not population:
        return None
    return value * 10_000 / population
