"""Entities: NER spans that are not one clean name (two names run together, a link, a photo
credit, a stray quotation mark, a saint's title on a city). Texts written for these tests."""

from __future__ import annotations

import pytest

from spinscope.analyze.attribution.entities import EntityAnalyzer
from spinscope.analyze.attribution.names import clean_span, is_web_address, keeps_saint
from spinscope.model import Article


def names(text: str) -> dict[str, str]:
    article = Article(text=text)
    EntityAnalyzer()([article])
    return {e.canonical: e.type for e in article.entities}


def test_a_comma_between_two_names_ner_ran_together_splits_them() -> None:
    found = names("Above the video on Facebook, Zakkout praised the preacher. Omar Zakkout runs a charity in Montreal.")
    assert "Facebook" in found
    assert not any("," in name for name in found)
    assert found["Omar Zakkout"] == "PERSON"  # the bare surname joined its full name


def test_a_list_of_surnames_is_one_actor_each() -> None:
    found = names("The case is the court fight against Obama, Comey, and others, the lawyer said.")
    assert {"Obama", "Comey"} <= set(found)


def test_a_comma_that_is_part_of_a_name_stays() -> None:
    found = names("Copyright CQ-Roll Call, Inc. The Bureau of Alcohol, Tobacco, Firearms and Explosives said so.")
    assert not any(name in ("CQ-Roll Call", "Inc", "Tobacco") for name in found)


def test_a_link_is_cut_out_of_a_place_name() -> None:
    found = names("Protest at AT&T Stadium pic.twitter.com/lu5VsGQByv — Allison Harris (@AllisonHarrisFN) September 9, 2018")
    assert "AT&T Stadium" in found
    assert not any("twitter" in name for name in found)


def test_a_photo_credit_is_a_photographer_and_an_agency() -> None:
    found = names("Catherine Bonnet / Associated Press shot the photo at the Vatican.")
    assert {"Catherine Bonnet", "Associated Press"} <= set(found)
    found = names("Leah Millis/ Reuters took the photograph of the summit in Helsinki.")
    assert {"Leah Millis", "Reuters"} <= set(found)


def test_a_quotation_mark_opened_before_a_name_is_not_part_of_it() -> None:
    found = names("Members of the “Profession of Immutable Truths met in Vienna on Sunday.")
    assert "Profession of Immutable Truths" in found


def test_saint_is_part_of_a_city_and_of_a_paper_named_after_one() -> None:
    found = names("The St. Louis Post-Dispatch reported that police in St. Louis arrested two men on Friday.")
    assert found.get("St. Louis") == "GPE"
    assert "St. Louis Post-Dispatch" in found
    assert "Louis" not in found


@pytest.mark.parametrize(
    ("name", "etype", "keeps"),
    [
        ("St. Louis", "GPE", True),
        ("St. Paul Pioneer Press", "ORG", True),
        ("St. Mary's Hospital", "ORG", True),
        ("St. Thomas Aquinas", "ORG", False),  # NER's type for a saint it did not know
        ("St. Francis", "PERSON", False),
    ],
)
def test_which_names_keep_their_saint(name: str, etype: str, keeps: bool) -> None:
    assert keeps_saint(name, etype) is keeps


def test_a_web_address_names_a_site() -> None:
    found = names("According to the Austrian Catholic website Kath.net, the bishop resigned. Kath.net reports that there was no choice.")
    assert found["Kath.net"] == "ORG"
    assert is_web_address("VDARE.com") and is_web_address("www.example.org")
    assert not is_web_address("Times.are") and not is_web_address("U.S.")


@pytest.mark.parametrize(
    ("text", "cleaned"),
    [
        ("the New York Times.are", "New York Times"),  # a next sentence glued on without a space
        ("Kath.net", "Kath.net"),
        ("Nation of Islam.[4][5]", "Nation of Islam"),  # a wiki's footnote marks
        ("Department of Defense (DoD", "Department of Defense"),
        ("“Profession of Immutable Truths", "Profession of Immutable Truths"),
        ('Robert "LaVoy" Finicum', 'Robert "LaVoy" Finicum'),  # a nickname's marks are closed
        ("St. Francis", "Francis"),
        ("a House Administration Committee", "House Administration Committee"),
        ("no Republican Party", "Republican Party"),
        ("of Québec", "Québec"),
        ("Border Security Force of", "Border Security Force"),
        ("Democratic Republic of the", "Democratic Republic"),
        ("and Queen of", ""),  # nothing but a title and connectors
    ],
)
def test_clean_span(text: str, cleaned: str) -> None:
    s, e = clean_span(text, 0, len(text))
    assert text[s:e] == cleaned


def test_a_person_written_without_a_capital_letter_is_no_person() -> None:
    found = names("Police said marijuana was found in the car. Officer Dana Reyes said the driver fled.")
    assert "marijuana" not in found
    assert found["Dana Reyes"] == "PERSON"


def test_a_handle_that_spells_a_persons_name_is_that_person() -> None:
    article = Article(text="The Rutgers Law professor Kashana Cauley wrote: Join me, @realkashanacauley said.")
    EntityAnalyzer()([article])
    (person,) = [e for e in article.entities if e.canonical == "Kashana Cauley"]
    assert "@realkashanacauley" in [article.text[m.start : m.end] for m in person.mentions]
    assert not any(e.canonical.startswith("@") for e in article.entities)  # never the shown name
