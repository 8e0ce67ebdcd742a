"""Speech cues added in issue 11, session 6 (each from an error on the tune articles of ranks
66-75): who relays a statement, inverted and apposed subjects, speech nouns, titles used as
names, colon-introduced quotations and repeated labels. Texts written for these tests."""

from __future__ import annotations

from spinscope.model import Article
from tests.test_quotes import quote_with, run


def _with(a: Article, words: str) -> list:
    return [q for q in a.quotes if words in q.text]


def test_according_to_after_a_said_clause_relays_it() -> None:
    a = run(
        "The fire started in the kitchen. The owner, Maria Keller, said the alarm never rang, "
        "according to reports by the Valley Courier."
    )
    q = quote_with(a, "the alarm never rang")
    assert q.speaker == "Maria Keller"
    assert q.text == "the alarm never rang"  # the relay is not part of what she said
    assert all(q.speaker == "Maria Keller" for q in _with(a, "alarm never rang"))
    assert len(_with(a, "alarm never rang")) == 1  # one statement, not a second by the Courier


def test_according_to_alone_still_names_its_source() -> None:
    a = run("The bridge will reopen in May, according to the Valley Courier.")
    assert quote_with(a, "The bridge will reopen in May").speaker == "Valley Courier"


def test_inverted_cue_after_a_quotation_takes_the_person_after_the_title() -> None:
    a = run(
        "\u201cThe water is not safe to drink,\u201d said WHO specialist in water safety Dr. Anna Berg. "
        "The city disagreed."
    )
    q = quote_with(a, "not safe to drink")
    assert (q.kind, q.speaker) == ("direct", "Anna Berg")
    assert not _with(a, "specialist in water safety")  # the title is no clause of hers


def test_a_report_from_an_outlet_is_the_outlets() -> None:
    a = run(
        "Prices rose again in March.\nA report from Radio Nord tells the story:\n"
        "The harbour lost three ships in the storm and the crews were rescued by fishermen."
    )
    assert quote_with(a, "The harbour lost three ships").speaker == "Radio Nord"


def test_warned_someone_to_and_that_are_two_statements() -> None:
    a = run("Mayor Tom Baker has warned the drivers to slow down and that speed cameras will be installed.")
    slow, cameras = quote_with(a, "slow down"), quote_with(a, "speed cameras will be installed")
    assert slow is not cameras
    assert slow.text == "to slow down"
    assert slow.speaker == cameras.speaker == "Tom Baker"


def test_speech_nouns_with_a_that_clause_are_statements() -> None:
    a = run(
        "The ruling came amid complaints from Senator Rita Moss that the courts are being unfair to farmers. "
        "Nine provinces are sounding warnings that the river is rising fast."
    )
    complaint = quote_with(a, "the courts are being unfair")
    assert (complaint.kind, complaint.speaker) == ("indirect", "Rita Moss")
    warning = quote_with(a, "the river is rising fast")
    assert (warning.speaker, warning.speaker_kind) == (None, "unnamed")


def test_quoted_as_saying_names_the_person_quoted() -> None:
    a = run(
        "Mohammad Rezaei spoke on state television on Monday. "
        "\u201cOur border guards were told to let them pass,\u201d Rezaei was quoted as saying."
    )
    q = quote_with(a, "let them pass")
    assert (q.kind, q.speaker) == ("direct", "Mohammad Rezaei")


def test_a_title_found_as_an_entity_is_the_person_holding_it() -> None:
    a = run(
        "WASHINGTON \u2014 Attorney General Jeff Sessions answered the senators on Thursday.\n"
        "\u201cI took charge of the department on my first day. While I am Attorney General, the rules "
        "will hold,\u201d the AG said in a statement."
    )
    assert quote_with(a, "took charge of the department").speaker == "Jeff Sessions"


def test_an_apposition_the_parser_took_for_the_subject() -> None:
    a = run(
        "Speaking from Mombasa, Joyce Wanjiru, head of IFRC\u2019s (International Federation of Red Cross) "
        "relief operations, said: \u201cWe have sent teams to the coast.\u201d"
    )
    assert quote_with(a, "sent teams to the coast").speaker == "Joyce Wanjiru"


def test_a_doctor_in_the_lede_is_the_person_named_next() -> None:
    a = run(
        "Flu Season Warning\n"
        "According to a World Health Organization doctor, a global pandemic is imminent. "
        "Dr. Tedros Adhanom, director-general for WHO, has said that the next outbreak will be terrible."
    )
    assert quote_with(a, "a global pandemic is imminent").speaker == "Tedros Adhanom"


def test_a_colon_after_a_persons_sentence_introduces_her_quotation() -> None:
    a = run(
        "Senator Laura Diaz lost the vote on Tuesday. "
        "Laura Diaz offered this assessment of her party\u2019s leaders: \u201cWhat kind of leadership is this?\u201d"
    )
    q = quote_with(a, "What kind of leadership is this?")
    assert (q.kind, q.speaker) == ("direct", "Laura Diaz")


def test_a_label_quoted_again_is_not_the_latest_speakers() -> None:
    a = run(
        "Officials Warn That The \u201cRed Fever\u201d Could Spread\n"
        "Dr. Ann Cole said that the outbreak was growing. "
        "The fears that the \u201cred fever\u201d would reach the capital have grown."
    )
    assert [q.text for q in a.quotes if q.text.lower() == "red fever"] == []


def test_warned_to_ends_before_the_circumstances_not_before_the_content() -> None:
    a = run(
        "The agency has warned residents to keep their windows shut as it opened an inquiry into the leak. "
        "Officials have warned tourists to stay away until the fire is out."
    )
    assert quote_with(a, "keep their windows shut").text == "to keep their windows shut"
    assert quote_with(a, "to stay away").text == "to stay away until the fire is out"


def test_a_how_clause_is_a_topic_not_a_statement() -> None:
    a = run("Mayor Ruth Allen would not say how she learned about the raids. She said that the city was ready.")
    assert not _with(a, "how she learned")
    assert quote_with(a, "the city was ready").speaker == "Ruth Allen"


def test_one_capitalised_word_in_marks_is_a_name_not_speech() -> None:
    a = run("Governor Paul Reyes told the \u201cMorning\u201d show that he had \u201cno regrets\u201d about the vote.")
    assert [q.text for q in a.quotes if q.text == "Morning"] == []
    assert quote_with(a, "no regrets").speaker == "Paul Reyes"


def test_a_reported_clause_the_parser_cut_in_two_is_one_statement() -> None:
    """Session 8: "say | the water tested so far | is not safe": the second part follows the
    first at once and has no subject of its own, so the two are one reported clause."""
    a = run(
        "Residents say the water tested so far is not safe to drink. "
        "Police say a woman working as a nurse caring for one of the patients reported the theft. "
        "Marta Olsen said she ran from the room, locked herself in a bathroom and then fled the house."
    )
    assert quote_with(a, "the water tested so far").text == "the water tested so far is not safe to drink"
    assert quote_with(a, "a woman working").text.endswith("reported the theft")
    q = quote_with(a, "she ran from the room")
    assert (q.text, q.speaker) == ("she ran from the room, locked herself in a bathroom and then fled the house", "Marta Olsen")
    assert len(a.quotes) == 3


def test_estimating_and_hinting_report_a_statement() -> None:
    a = run(
        "Ana Ruiz estimated in November that it will take $31 billion to rebuild the port. "
        "One lawmaker, Paul Dench, is hinting that the agency hid the report."
    )
    assert quote_with(a, "it will take $31 billion").speaker == "Ana Ruiz"
    assert quote_with(a, "the agency hid the report").speaker == "Paul Dench"


def test_called_on_someone_to_act_when_the_parser_makes_it_a_purpose_clause() -> None:
    a = run("Kell Marsh then called on Congress to correct the problems created by the old law.")
    q = quote_with(a, "to correct the problems")
    assert (q.speaker, q.text[:8]) == ("Kell Marsh", "Congress")
    assert run("Kell Marsh called a meeting to discuss the budget.").quotes == []


def test_suggesting_after_a_speech_verb_is_the_speakers_statement() -> None:
    a = run("Dana Holt said she was glad that the report was filed, suggesting that the president had hurt the inquiry.")
    assert quote_with(a, "the president had hurt the inquiry").speaker == "Dana Holt"
    b = run("Dana Holt ordered two sodas, suggesting that she was thirsty.")
    assert b.quotes == []  # the facts suggest, no one says


def test_as_someone_noted_reports_the_rest_of_the_sentence() -> None:
    a = run("As Mara Slavin noted, should the fever reach the mainland, it will be impossible to control.")
    q = quote_with(a, "should the fever reach the mainland")
    assert (q.kind, q.speaker) == ("indirect", "Mara Slavin")
    assert run("As citizens call for justice, the controversy continues to grow.").quotes == []  # a time, not a source
    assert run("As has been widely reported, three bishops signed the letter.").quotes == []  # no source named


def test_the_reported_clause_stops_before_the_speakers_own_act() -> None:
    a = run(
        "Rada Kosk insisted that the union is preparing for a fiasco, before delivering harsh words for the ministers. "
        "Ivo Lind asserted that the island is a country, linking to the atlas. "
        "Mira Tal said the company was growing, creating jobs in the north."
    )
    assert quote_with(a, "preparing for a fiasco").text == "that the union is preparing for a fiasco"
    assert quote_with(a, "the island is a country").text == "that the island is a country"
    assert quote_with(a, "the company was growing").text.endswith("creating jobs in the north")  # the company's
