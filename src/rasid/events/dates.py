"""Resolving a sentence's time expression against the document date: أمس, يوم الجمعة, في يوليو الماضي,
خلال اليومين الماضيين, الشهر المقبل, 14 سبتمبر 2023, منذ ثلاثة أيام, 5 رمضان 1445 هـ ..."""

from __future__ import annotations

import calendar
import math
from collections import defaultdict
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache

from rasid.datafiles import builtin, read_tsv
from rasid.document import Token
from rasid.text.tokenize import definite_key, tokenize


def precision_of(value: str | None) -> str | None:
    """The precision of an ISO date, month or year (2016-02-29 day, 2016-02 month, 2016 year)."""
    return {len("2016-02-29"): "day", len("2016-02"): "month", len("2016"): "year"}.get(len(value)) if value else None


def period_end(value: str) -> Date | None:
    """The last day of an ISO date, month or year (2016 → 2016-12-31, 2016-02 → 2016-02-29); None if it is none."""
    try:
        if len(value) == len("2016"):
            return Date(int(value), 12, 31)
        if len(value) == len("2016-02"):
            year, month = int(value[:4]), int(value[5:7])
            return Date(year, month, calendar.monthrange(year, month)[1])
        return Date.fromisoformat(value)
    except ValueError:
        return None


@dataclass(frozen=True)
class TimeExpression:
    """A resolved date: ISO string (YYYY-MM-DD, YYYY-MM or YYYY), its precision and the tokens it spans."""

    date: str
    precision: str  # "day" | "month" | "year"
    start: int
    end: int


@lru_cache(maxsize=1)
def time_words() -> dict[str, dict[tuple[str, ...], int]]:
    """Kind → (normalised words) → value, from data/events/time_words.tsv."""
    out: dict[str, dict[tuple[str, ...], int]] = defaultdict(dict)
    for _, row in read_tsv(builtin("events", "time_words.tsv"), ("kind", "word", "value", "note")):
        out[row["kind"]][tuple(definite_key(t) for t in tokenize(row["word"]))] = int(row["value"])
    return dict(out)


def resolve(tokens: list[Token], doc_date: str | None) -> TimeExpression | None:
    """The first time expression of a sentence, resolved against the publication date."""
    if not doc_date:
        return None
    stems = [definite_key(t) for t in tokens]
    starters = _starters()
    today: Date | None = None
    for i, stem in enumerate(stems):
        if stem not in starters and not stem.isdigit():  # every expression opens with a time word or a number
            continue
        if today is None:
            try:
                today = Date.fromisoformat(doc_date)
            except ValueError:  # a month or a year alone (2017-05): nothing relative can be resolved against it
                return None
        found = _at(stems, i, today)
        if found:
            value, precision, j = found
            return TimeExpression(value, precision, tokens[i].start, tokens[j - 1].end)
    return None


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    """The words a time expression can open with (its first word in any table)."""
    return frozenset(key[0] for table in time_words().values() for key in table if key)


def _match(stems: list[str], i: int, kind: str) -> tuple[int, int] | None:
    table = time_words().get(kind, {})
    for n in (2, 1):
        value = table.get(tuple(stems[i:i + n]))
        if value is not None and i + n <= len(stems):
            return value, i + n
    return None


def _number(stems: list[str], i: int) -> tuple[int, int] | None:
    if i < len(stems) and stems[i].isdigit():
        return int(stems[i]), i + 1
    return _match(stems, i, "number")


def _at(stems: list[str], i: int, today: Date) -> tuple[str, str, int] | None:
    """The expression starting at token i: (ISO value, precision, end token)."""
    day = _number(stems, i)
    month = _match(stems, day[1] if day else i, "month")
    if day and month and 1 <= day[0] <= 31:  # 14 سبتمبر [2023]
        year = _number(stems, month[1])
        y = year[0] if year and 1900 < year[0] < 2200 else _nearest_year(today, month[0], day[0])
        end = year[1] if year and 1900 < year[0] < 2200 else month[1]
        return _iso(y, month[0], min(day[0], calendar.monthrange(y, month[0])[1])), "day", end
    hijri = _match(stems, day[1] if day else i, "hijri_month")
    if day and hijri:
        year = _number(stems, hijri[1])
        if year and 1300 < year[0] < 1600:
            g = _hijri_to_gregorian(year[0], hijri[0], day[0])
            era = _match(stems, year[1], "hijri_era")
            return g.isoformat(), "day", era[1] if era else year[1]
    month = _match(stems, i, "month")
    if month:
        direction = _match(stems, month[1], "direction")
        year = _number(stems, month[1])
        if year and 1900 < year[0] < 2200:
            return f"{year[0]:04d}-{month[0]:02d}", "month", year[1]
        if direction:
            y = today.year
            if direction[0] < 0 and month[0] >= today.month:
                y -= 1
            elif direction[0] > 0 and month[0] <= today.month:
                y += 1
            return f"{y:04d}-{month[0]:02d}", "month", direction[1]
    rel = _match(stems, i, "relative_day")
    if rel:
        return (today + timedelta(days=rel[0])).isoformat(), "day", rel[1]
    weekday = _match(stems, i, "weekday")
    if weekday:
        direction = _match(stems, weekday[1], "direction")
        delta = (today.weekday() - weekday[0]) % 7
        if direction and direction[0] > 0:
            delta = -((weekday[0] - today.weekday()) % 7 or 7)
        return (today - timedelta(days=delta)).isoformat(), "day", direction[1] if direction else weekday[1]
    return _relative_unit(stems, i, today)


def _relative_unit(stems: list[str], i: int, today: Date) -> tuple[str, str, int] | None:
    ago = _match(stems, i, "ago")
    if ago:  # منذ ثلاثة أيام / قبل يومين
        count = _number(stems, ago[1])
        unit = _match(stems, count[1] if count else ago[1], "unit")
        if unit:
            n = count[0] if count else (2 if stems[(count[1] if count else ago[1])].endswith("ين") else 1)
            return _shift(today, ago[0] * n * unit[0], unit[0]), _precision(unit[0]), unit[1]
    this = _match(stems, i, "direction")
    if this and this[0] == 0:  # هذا الشهر
        unit = _match(stems, this[1], "unit")
        if unit:
            return _shift(today, 0, unit[0]), _precision(unit[0]), unit[1]
    unit = _match(stems, i, "unit")
    if unit:
        direction = _match(stems, unit[1], "direction")
        if direction:  # الشهر الماضي، اليومين الماضيين
            return _shift(today, direction[0] * unit[0], unit[0]), _precision(unit[0]), direction[1]
    return None


def _precision(unit_days: int) -> str:
    return "day" if unit_days < 30 else "month" if unit_days < 365 else "year"


def _shift(today: Date, days: int, unit_days: int) -> str:
    if unit_days >= 365:
        return f"{today.year + round(days / 365):04d}"
    if unit_days >= 30:
        months = today.year * 12 + today.month - 1 + round(days / 30)
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return (today + timedelta(days=days)).isoformat()


def _nearest_year(today: Date, month: int, day: int) -> int:
    """News reports recent events: a day and month without a year are the latest on or before a month ahead."""
    return today.year - 1 if (month, day) > (today.month + 1, today.day) else today.year


def _iso(y: int, m: int, d: int) -> str:
    return f"{y:04d}-{m:02d}-{d:02d}"


def _hijri_to_gregorian(year: int, month: int, day: int) -> Date:
    """The tabular Islamic calendar (epoch 16 July 622 Julian = 19 July 622 proleptic Gregorian): within a
    day or two of the observed calendar."""
    days = day + math.ceil(29.5 * (month - 1)) + (year - 1) * 354 + (3 + 11 * year) // 30
    return Date(622, 7, 19) + timedelta(days=days - 1)
