"""Rules added in issue 11, session 21: an editor's "[emphasis added]" is no speaker; "the
letter said" is whoever the article showed writing it ("In a letter to the committee, Barr
wrote", "Kiko outlined the violations in a letter", "Pelosi penned a letter"); "her testimony"
is hers; a bare "police said" is the one police force the article names; a short quoted
sentence after a quotation continues it even when capitalised words fill it; a reported clause
with two words of its own before a quotation is indirect speech holding a fragment; a work's
Title Case title beside a cue is no speech, and one quoted in the subject ("X, who wrote “...,”
said that ...") leaves the cue its clause; the subject of a passive speech verb without an agent
("X is described as “...”") is what is spoken of, and no one named speaks, as in "it was
reported that ..."; "it is safe to say that ..." and "it goes without saying" are no one's speech;
inside a quotation, "I said, ‘...’" is a direct statement of the speaker's own; a cue set off
by commas inside its sentence ("X, Ragan said, but Y") reports the whole sentence; a quotation
opened in one line and closed in the next is one quotation; "X issued a statement." gives X the
quotation that opens the next paragraph; a CamelCase name the parser tags as a noun
("LifeSiteNews") speaks under that name. Each was judged on two
development sets and the tune batches before it landed. Texts written for these tests."""

from __future__ import annotations

import pytest

from tests.test_quotes import run, said_by

SPEAKERS = [
    # an editor's note after a quotation is not a speaker adding words
    pytest.param(
        "Missiles\n\nScott Ritter writes:\n“The debris in question contradicts the finding of the panel.” [emphasis added]\n"
        "So where did the missiles come from?",
        "The debris in question contradicts the finding of the panel",
        "Scott Ritter",
        id="emphasis_added_is_no_speaker",
    ),
    # a message is whoever the article showed writing it
    pytest.param(
        "Report\n\nIn a letter to the heads of the committees, William Barr wrote that he would share the findings. "
        "“I am reviewing the report now,” the letter said.",
        "I am reviewing the report now",
        "William Barr",
        id="the_letter_is_whoever_wrote_in_a_letter",
    ),
    pytest.param(
        "Server\n\nOn Monday, Phil Kiko outlined serious violations in a letter to the committee. "
        "The letter also noted that the caucus server had disappeared.",
        "that the caucus server had disappeared",
        "Phil Kiko",
        id="the_letter_is_whoever_did_something_in_it",
    ),
    pytest.param(
        "Showdown\n\nHouse Democratic leader Nancy Pelosi penned a letter to the director on Tuesday. "
        "The letter demands that the agencies brief the committee first.",
        "that the agencies brief the committee first",
        "Nancy Pelosi",
        id="the_letter_is_whoever_penned_it",
    ),
    pytest.param(
        "Showdown\n\nA letter reached the director on Tuesday. "
        "The letter demands that the agencies brief the committee first.",
        "that the agencies brief the committee first",
        None,
        id="a_letter_no_one_is_shown_writing_stays_unnamed",
    ),
    pytest.param(
        "Hearing\n\nChristine Ford spoke to the committee on Thursday. "
        "According to her testimony, the party took place in the summer.",
        "the party took place in the summer",
        "Christine Ford",
        id="her_testimony_is_hers",
    ),
    # a short sentence quoted after the speaker's quotation is theirs, capitalised words or not
    pytest.param(
        "Hearing\n\n“If the president wants to exclude all reporters from the grounds, he has the authority to do that,” "
        "Deputy Assistant Attorney General James Burnham said during the hearing. “There’s no First Amendment right.”\n"
        "The White House argued otherwise.",
        "There’s no First Amendment right",
        "James Burnham",
        id="a_sentence_quoted_after_a_quotation_continues_it",
    ),
    # reported speech with a quoted fragment is one indirect statement
    pytest.param(
        "Probe\n\nGiuliani later disputed that reporting in comments to The Daily Beast, saying the matter “will be handled "
        "properly” and it’s “up to DOJ.” The White House had earlier issued a statement.",
        "the matter “will be handled properly”",
        "Giuliani",
        id="a_clause_with_words_of_its_own_before_a_quotation_is_indirect",
    ),
    # a quoted title in the subject leaves the cue's clause to it
    pytest.param(
        "Book\n\nJamie Glazov, who has written “High Noon for America,” said that the ban was unfair.",
        "that the ban was unfair",
        "Jamie Glazov",
        id="a_title_quoted_in_the_subject_keeps_the_said_clause",
    ),
    pytest.param(
        "Book\n\n“The ban was unfair,” said Jamie Glazov, the author.",
        "The ban was unfair",
        "Jamie Glazov",
        id="a_quotation_before_said_is_still_the_said_clause",
    ),
    # a passive speech verb's subject is what is spoken of, not who speaks
    pytest.param(
        "Pamphlet\n\nThe pamphlet was found on Monday. In it, Mayor John Tory is described as “a coward who will lose "
        "the coming election and flee the city.”",
        "a coward who will lose the coming election and flee the city",
        None,
        id="the_subject_of_is_described_as_is_not_the_speaker",
    ),
    pytest.param(
        "Bridge\n\nMayor John Tory was quoted as saying that the town would rebuild the bridge.",
        "that the town would rebuild the bridge",
        "John Tory",
        id="the_subject_of_was_quoted_as_saying_speaks",
    ),
    pytest.param(
        "Bridge\n\nMayor John Tory is alleged to have shouted that the bridge was about to fall.",
        "that the bridge was about to fall",
        "John Tory",
        id="the_subject_of_is_alleged_to_have_shouted_speaks",
    ),
    pytest.param(
        "Hearing\n\nThe Justice Department met. Then, it was reported that Ford would testify on Monday.",
        "that Ford would testify on Monday",
        None,
        id="it_was_reported_that_is_no_ones",
    ),
    pytest.param(
        "Memo\n\nThe White House released the memo. It said that Democrats are panicking right about now.",
        "that Democrats are panicking right about now",
        "White House",
        id="it_said_is_the_organisation_named_before",
    ),
    # inside a quotation, the speaker quoting their own words: a direct statement of theirs
    pytest.param(
        "School\n\nRich Penkoski said: “I saw the assignment. I said, ‘That is not happening. My daughter is not doing "
        "that.’ My daughter was upset.”\nThe school replied.",
        "That is not happening. My daughter is not doing that",
        "Rich Penkoski",
        id="i_said_inside_a_quotation_is_the_speakers_own_statement",
    ),
    # a cue set off by commas with the sentence going on after it: the whole sentence
    pytest.param(
        "Shooting\n\nKazi had lived in the Bay Area, including Sausalito, Ragan said, but his most recent address was in "
        "Sacramento.",
        "Kazi had lived in the Bay Area, including Sausalito, Ragan said, but his most recent address was in Sacramento",
        "Ragan",
        id="a_cue_between_commas_inside_the_sentence_reports_all_of_it",
    ),
    # "X issued a statement." and a quotation broken across two lines after it
    pytest.param(
        "Report\n\n“There were no such instances,” Barr wrote.\nTrump’s personal lawyers, Rudy Giuliani and Jay Sekulow, "
        "issued a statement.\n“We’re pleased that the Office of Special Counsel has delivered its report.\nAttorney "
        "General Barr will determine the appropriate next steps.”",
        "We’re pleased that the Office of Special Counsel has delivered its report.\nAttorney General Barr will "
        "determine the appropriate next steps",
        "Rudy Giuliani",
        id="a_quotation_across_a_line_break_after_issued_a_statement",
    ),
    # a CamelCase outlet the parser tags as a plural noun is still a name
    pytest.param(
        "Hungary\n\nIn June, LifeSiteNews reported that Orbán had taken a strong stand against outside influence.",
        "that Orbán had taken a strong stand against outside influence",
        "LifeSiteNews",
        id="a_camel_case_outlet_tagged_a_noun_is_a_name",
    ),
    # a bare "police said": the one force the article names
    pytest.param(
        "Shooting\n\nDallas police arrived at the apartment at ten. Police said that they found two cartridge casings.",
        "that they found two cartridge casings",
        "Dallas police",
        id="police_is_the_one_force_named",
    ),
    pytest.param(
        "Shooting\n\nDallas police arrived at the apartment at ten and Houston police joined them. "
        "Police said that they found two cartridge casings.",
        "that they found two cartridge casings",
        None,
        id="police_after_two_forces_stays_unnamed",
    ),
    pytest.param(
        "Shooting\n\nOfficers arrived at the apartment in Dallas at ten. Police said that they found two cartridge casings.",
        "that they found two cartridge casings",
        None,
        id="police_with_no_force_named_stays_unnamed",
    ),
]


@pytest.mark.parametrize(("text", "statement", "speaker"), SPEAKERS)
def test_the_statement_has_the_rules_speaker(text: str, statement: str, speaker: str | None) -> None:
    assert said_by(text)[statement] == speaker


def test_emphasis_added_opens_no_statement() -> None:
    a = run("Missiles\n\nScott Ritter writes:\n“The debris in question contradicts the panel.” [emphasis added]\nSo be it.")
    assert all(q.speaker_text != "emphasis" for q in a.quotes)


def test_a_title_quoted_in_prose_is_still_no_speech() -> None:
    a = run("Book\n\nJames Burnham said the hearing went well. He had read “The Art Of The Deal” twice.")
    assert all("Art Of" not in q.text for q in a.quotes)


def test_a_works_title_beside_a_cue_is_no_speech() -> None:
    a = run("Book\n\nJamie Glazov, who has written “High Noon for America: The Coming Showdown,” said that the ban was unfair.")
    assert all("High Noon" not in q.text for q in a.quotes)


def test_a_passive_description_has_no_unnamed_speaker_either() -> None:
    a = run("Pamphlet\n\nThe pamphlet was found on Monday. In it, the rival clans are described as “cowards who will lose the coming war.”")
    q = next(q for q in a.quotes if "cowards" in q.text)
    assert (q.speaker, q.speaker_kind, q.speaker_text) == (None, None, None)


@pytest.mark.parametrize("frame", ["It is safe to say", "It goes without saying"])
def test_an_impersonal_it_opens_no_statement(frame: str) -> None:
    a = run(f"Memo\n\nThe White House released the memo. {frame} that Democrats are panicking right about now.")
    assert a.quotes == []


def test_a_quotation_inside_a_quotation_without_i_said_stays_inside() -> None:
    a = run("School\n\nRich Penkoski said: “I saw the assignment, the ‘calligraphy exercise’ they call it. My daughter was upset.”")
    assert [q.text for q in a.quotes if "calligraphy" in q.text and "assignment" not in q.text] == []


def test_an_unclosed_mark_before_a_line_with_its_own_quotation_stays_stray() -> None:
    a = run("Report\n\nHe wrote “the end of it all.\nThen came “another thing” to say, the mayor said.”")
    assert all("\n" not in q.text for q in a.quotes)
