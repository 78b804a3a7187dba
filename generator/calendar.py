"""Half terms, deadlines and 'today' in the school's time zone."""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
HALF_TERM_NAMES = (
    "autumn-1",
    "autumn-2",
    "spring-1",
    "spring-2",
    "summer-1",
    "summer-2",
)
DEFAULT_TIMEZONE = "Europe/London"


@dataclass(frozen=True, order=True)
class HalfTerm:
    """One half term of the school calendar, such as 2026-27 autumn-1."""

    start: date
    end: date
    year: str
    name: str

    @property
    def key(self) -> str:
        """The name of its review file without .yaml: 2026-27-autumn-1."""
        return f"{self.year}-{self.name}"

    @property
    def title(self) -> str:
        season, number = self.name.split("-")
        return f"{self.year} {season} {number}"

    def deadline(self, grace_days: int) -> date:
        return self.end + timedelta(days=grace_days)


def today_in(timezone: str) -> date:
    """Today's date where the school is, whatever the machine's clock zone."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo(DEFAULT_TIMEZONE)
    return datetime.now(zone).date()


def valid_timezone(timezone: str) -> bool:
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def add_months(start: date, months: int) -> date:
    """The same day `months` later; a day the month lacks becomes its last day."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last))


def long_date(day: date | None) -> str:
    """A date as pages show it: 3 September 2026."""
    if day is None:
        return ""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
