"""Regions as one spelling: a CRM's free-text state field holds "TX" and "Texas" for one state (HubSpot's
"State/Region" is typed by hand), and counted apart neither reaches a signal (qa241: 27 region values, "TX" n=6 beside
"Texas" n=2, and no region in the profile).

Only a column whose values are nearly all US states or Canadian provinces, by postal code or name, is read so: the
codes are spelled out ("TX" -> "Texas"), so that a lead's "TX" meets the profile's "Texas". A column of sales
regions, countries or cities is left as it is ("CA" is California only among states). Closed lists, not data.
"""

from __future__ import annotations

from collections.abc import Iterable

_STATES = {
    "AL": "Alabama", "AK": "Alaska", "AZ": "Arizona", "AR": "Arkansas", "CA": "California", "CO": "Colorado",
    "CT": "Connecticut", "DE": "Delaware", "DC": "District of Columbia", "FL": "Florida", "GA": "Georgia",
    "HI": "Hawaii", "ID": "Idaho", "IL": "Illinois", "IN": "Indiana", "IA": "Iowa", "KS": "Kansas",
    "KY": "Kentucky", "LA": "Louisiana", "ME": "Maine", "MD": "Maryland", "MA": "Massachusetts", "MI": "Michigan",
    "MN": "Minnesota", "MS": "Mississippi", "MO": "Missouri", "MT": "Montana", "NE": "Nebraska", "NV": "Nevada",
    "NH": "New Hampshire", "NJ": "New Jersey", "NM": "New Mexico", "NY": "New York", "NC": "North Carolina",
    "ND": "North Dakota", "OH": "Ohio", "OK": "Oklahoma", "OR": "Oregon", "PA": "Pennsylvania", "RI": "Rhode Island",
    "SC": "South Carolina", "SD": "South Dakota", "TN": "Tennessee", "TX": "Texas", "UT": "Utah", "VT": "Vermont",
    "VA": "Virginia", "WA": "Washington", "WV": "West Virginia", "WI": "Wisconsin", "WY": "Wyoming",
    "PR": "Puerto Rico",
    # Canada's provinces and territories
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories", "NU": "Nunavut",
    "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec", "SK": "Saskatchewan", "YT": "Yukon",
}  # fmt: skip
_BY_KEY = {
    **{code.casefold(): name for code, name in _STATES.items()},
    **{n.casefold(): n for n in _STATES.values()},
}

# The share of a column's distinct values that must be states or provinces for its codes to be read as theirs: all
# but the odd typo or "Other". Judgement, not fitted to data.
STATE_SHARE = 0.9


def state_names(values: Iterable[str]) -> dict[str, str]:
    """For a column of states and provinces (two or more, STATE_SHARE of its distinct values, by code or name),
    each of those values (lower-cased) to the state's name; else {}."""
    distinct = {v.strip().casefold() for v in values if v.strip()}
    known = {v for v in distinct if v in _BY_KEY}
    if len(known) < 2 or len(known) < STATE_SHARE * len(distinct):
        return {}
    return {v: _BY_KEY[v] for v in known}
