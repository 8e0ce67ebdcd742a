"""Dates: each expression pattern, resolved with and without a publish date."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from spinscope.analyze.attribution.dates import DateAnalyzer
from spinscope.model import Article
from tests.test_entities import seed_body

TUESDAY = datetime(2021, 11, 23, 21, 37)  # a Tuesday


def run(text: str, published: datetime | None = TUESDAY) -> dict[str, tuple]:
    article = Article(text=text, published=published)
    DateAnalyzer()([article])
    for d in article.dates:
        assert article.text[d.start : d.end] == d.text
    return {d.text: (d.value, d.interval) for d in article.dates}


@pytest.mark.parametrize(
    ("text", "expr", "value", "interval"),
    [
        ("They must leave by December 31 and close the bases.", "December 31", "2021-12-31", None),
        ("The vote was held on 5 January 2020 in Baghdad.", "5 January 2020", "2020-01-05", None),
        ("The vote was held on Nov. 5, 2019 in Baghdad.", "Nov. 5, 2019", "2019-11-05", None),
        ("The deal was signed in March 2019 in Doha.", "March 2019", "2019-03", None),
        ("The city fell in 2014 to the militants.", "2014", "2014", None),
        ("The statement came on Tuesday after the talks.", "Tuesday", "2021-11-23", None),
        ("The statement came on Friday after the talks.", "Friday", "2021-11-19", None),
        ("He arrived yesterday with his aides.", "yesterday", "2021-11-22", None),
        ("The siege began last week near the capital.", "last week", None, ["2021-11-15", "2021-11-21"]),
        ("He took office earlier this month in Tehran.", "earlier this month", "2021-11", ["2021-11-01", "2021-11-23"]),
        ("Prices rose sharply last year across the region.", "last year", "2020", None),
        ("The war started three years ago in the north.", "three years ago", "2018", None),
        ("It was a decade ago that the war ended.", "a decade ago", "2011", None),
        ("The troops left in 2011, a decade before the recent events.", "a decade before", "2011", None),
        ("Inflation was high in the 1990s everywhere.", "1990s", None, ["1990-01-01", "1999-12-31"]),
        ("The new law takes effect next Monday morning.", "next Monday", "2021-11-29", None),
    ],
)
def test_each_pattern(text: str, expr: str, value: str | None, interval: list[str] | None) -> None:
    found = run(text)
    assert expr in found, found
    assert found[expr] == (value, interval)


def test_relative_dates_need_a_publish_date() -> None:
    found = run("The statement came on Tuesday, and the siege began last week.", published=None)
    assert found["Tuesday"] == (None, None)
    assert found["last week"] == (None, None)
    found = run("Signed on 5 January 2020, in force since 2014.", published=None)
    assert found["5 January 2020"][0] == "2020-01-05"
    assert found["2014"][0] == "2014"


def test_numbers_are_not_years() -> None:
    found = run("About 2014 fighters and $2000 were counted; 2015% is not a year.")
    assert found == {}


def test_may_the_verb_is_not_a_month() -> None:
    assert "May" not in run("May the best team win the cup.")
    assert run("The vote took place in May.")["May"][0] == "2021-05"


def test_no_dates() -> None:
    assert run("The river rose and the bridge was closed.") == {}


@pytest.mark.shared
def test_seed_001_december_31(seeds_dir: Path) -> None:
    found = run(seed_body(next(seeds_dir.glob("001_*.txt"))), published=TUESDAY)
    assert found["December 31"][0] == "2021-12-31"
    assert found["2014"][0] == "2014"
    assert found["a decade before"][0] == "2011"


@pytest.mark.shared
def test_seed_000_tuesday_needs_a_date(seeds_dir: Path) -> None:
    text = seed_body(next(seeds_dir.glob("000_*.txt")))
    assert run(text, published=None)["Tuesday"][0] is None
    found = run(text, published=datetime(2021, 8, 26))
    assert found["Tuesday"][0] == "2021-08-24"
    assert found["earlier this month"][0] == "2021-08"
