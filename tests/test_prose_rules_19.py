"""Rules added in issue 11, session 19: descriptions that name their source through an
organisation ("A USA Today article reported", "a report in BuzzFeed News", "the company said"
after the article named it), "it said" with no group quoted before, one entity per name, a
bare name completed past the headline, a participle after the subject; each judged on two
development sets and the other tune batches before it landed. Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.test_quotes import run, said_by

SPEAKERS = [
    pytest.param(
        "Mayor quits\n\nA USA Today article reported that the mayor of Dunmore had resigned.",
        "that the mayor of Dunmore had resigned",
        "USA Today",
        id="an_outlets_article_is_the_outlets",
    ),
    pytest.param(
        "Grades\n\nA report in BuzzFeed News claimed that the professor failed a student for her essay.",
        "that the professor failed a student for her essay",
        "BuzzFeed News",
        id="a_report_in_an_outlet_is_the_outlets",
    ),
    pytest.param(
        "Markets\n\nA CNBC summary said that the index had fallen for a third day.",
        "that the index had fallen for a third day",
        "CNBC",
        id="an_outlets_summary_is_the_outlets",
    ),
    pytest.param(
        "Election\n\nA report in Iraq said that the vote had been delayed.",
        "that the vote had been delayed",
        None,
        id="a_report_in_a_place_is_not_the_places",
    ),
    pytest.param(
        "Visit\n\nAn email from a US government official said that the visit had been planned for months.",
        "that the visit had been planned for months",
        None,
        id="an_official_of_a_country_is_not_the_country",
    ),
    pytest.param(
        "Hotel shooting\n\nMGM Resorts International owns the Harbour Hotel. "
        "The company said that the timeline of the shooting was wrong.",
        "that the timeline of the shooting was wrong",
        "MGM Resorts International",
        id="the_company_is_the_organisation_named_before",
    ),
    pytest.param(
        "Hotel shooting\n\nMGM Resorts International owns the Harbour Hotel. "
        "The social-media company said that the video had been removed.",
        "that the video had been removed",
        None,
        id="a_described_company_is_not_the_organisation_named_before",
    ),
    pytest.param(
        "Warehouse fire\n\nThe fire destroyed a warehouse near the port on Sunday. "
        "The company said that no one had been hurt.",
        "that no one had been hurt",
        None,
        id="the_company_no_one_named_stays_unnamed",
    ),
    # "it"/"they" with no group quoted before them
    pytest.param(
        "Bar news\n\nThe Rumble Bar Group fired the bartender on Sunday. It said that he had broken the house rules.",
        "that he had broken the house rules",
        "Rumble Bar Group",
        id="it_is_the_organisation_just_named",
    ),
    pytest.param(
        "Fire\n\nThe fire started in Dallas on Sunday night and spread to three houses before dawn. "
        "It reported that two people had been taken to hospital.",
        "that two people had been taken to hospital",
        None,
        id="it_is_not_the_place_just_named",
    ),
    pytest.param(
        "Bar news\n\nThe Rumble Bar Group opened its third bar in March. "
        + "The street has seen many openings since the war, and the neighbours have mostly welcomed them. " * 5
        + "It said that the bartender had broken the house rules.",
        "that the bartender had broken the house rules",
        None,
        id="it_is_not_an_organisation_named_paragraphs_before",
    ),
    # a bare name completes to the full name the body gives first (a headline's use does not count)
    pytest.param(
        "Hillary Cracks Joke At Dinner\nHillary Clinton sat down with Kara Swisher on Monday.\nHillary said the party had lost its way.",
        "the party had lost its way",
        "Hillary Clinton",
        id="a_first_name_in_the_headline_does_not_hide_the_full_name_in_the_body",
    ),
    pytest.param(
        "Kim Summit Ends\nDonald Trump met Kim Jong Un in Singapore on Tuesday. Later, Kim said the talks went well.",
        "the talks went well",
        "Kim Jong Un",
        id="a_family_name_written_first_is_the_full_name_given_in_the_body",
    ),
]


@pytest.mark.parametrize(("text", "statement", "speaker"), SPEAKERS)
def test_the_statement_has_the_rules_speaker(text: str, statement: str, speaker: str | None) -> None:
    assert said_by(text)[statement] == speaker


def test_a_name_cut_from_the_headline_joins_the_bodys_actor() -> None:
    a = run(
        "Donald Trump Pardons Oregon Ranchers\nPresident Donald Trump pardoned two ranchers on Tuesday. "
        "Trump said the sentence had been unjust."
    )
    trumps = [e for e in a.entities if e.canonical == "Donald Trump"]
    assert len(trumps) == 1
    assert len(trumps[0].mentions) == 3


def test_a_participle_after_the_subject_does_not_hide_it() -> None:
    a = run(
        "Port fire\n\nInvestigators looking into the fire at the grain terminal said on Thursday that an "
        "electrical fault was the most likely cause."
    )
    assert {q.text: q.speaker for q in a.quotes} == {"that an electrical fault was the most likely cause": None}
    assert a.quotes[0].speaker_kind == "unnamed"
    assert a.quotes[0].speaker_text == "Investigators"
