"""Rules added in issue 11, session 15 (from errors on the tune articles, judged on two
development sets before they landed). Texts written for these tests."""

from __future__ import annotations

from spinscope.analyze.attribution.nlp import name_key
from tests.test_quotes import quote_with, run


def test_us_in_front_of_a_name_is_one_variant() -> None:
    assert name_key("U.S. Department of Justice") == name_key("United States Department of Justice")
    assert name_key("US State Department") == name_key("U.S. State Department")
    assert name_key("USA Today") != name_key("United States A Today")
    assert name_key("Us Weekly") == "usweekly"


def test_court_papers_speak_for_whoever_filed_them() -> None:
    a = run(
        "Ballot fight\n\nFair Vote Alliance's lawsuit was filed on Monday in Atlanta. "
        "Four counties \u201chad not yet reported their numbers to the state,\u201d the suit said. "
        "The lawsuit also asked that every provisional ballot be counted."
    )
    assert {q.speaker for q in a.quotes} == {"Fair Vote Alliance"}


def test_an_owned_suit_and_a_filed_complaint_name_the_filer() -> None:
    a = run(
        "Press pass\n\nThe network's reporter lost his pass last week. "
        "Channel Nine\u2019s suit filed Tuesday says the suspension violates the First Amendment.\n\n"
        "The Civil Liberties Union filed a complaint on Friday. "
        "The complaint alleges that the police used excessive force at the march."
    )
    said = {q.text: q.speaker for q in a.quotes}
    assert said["the suspension violates the First Amendment"] == "Channel Nine"
    assert said["that the police used excessive force at the march"] == "Civil Liberties Union"


def test_a_list_of_quotes_under_a_heading_is_the_headings_actor() -> None:
    a = run(
        "A preacher's record\n\nThe preacher Walter Brennan spoke in Chicago in 2005, and the "
        "photographer Joe Dunn said he kept the photo for years.\n"
        "Some Brennan quotes:\n"
        "\u201cThe city will burn for what it has done to us.\u201d\n"
        "On the mayor: \u201cHe is a liar and a thief, and everyone knows it.\u201d\n"
        "\u201cI am not crazy, I am not drunk, and I will not be silent.\u201d\n"
    )
    listed = [q for q in a.quotes if q.start > a.text.find("Some Brennan quotes")]
    assert len(listed) == 3
    assert {q.speaker for q in listed} == {"Walter Brennan"}


def test_a_topic_before_a_colon_is_not_the_speaker() -> None:
    a = run(
        "Senator's views\n\nSenator Ann Pike gave an interview on Sunday.\n"
        "On Hezbollah: \u201cThey are a threat to every family in the region, and we will say so.\u201d\n"
    )
    assert all(q.speaker != "Hezbollah" for q in a.quotes)


def test_she_after_a_source_of_no_known_gender_is_the_woman_named_since() -> None:
    a = run(
        "Letter to the bishop\n\n\u201cThere is no evidence against him,\u201d Kim Tran said on Monday.\n"
        "A photo in the report shows Maria Lopez, a member of the panel, handing the letter to an aide.\n"
        "\u201cWhen we gave him the letter, he promised to pass it on,\u201d she told reporters."
    )
    said = {q.text: q.speaker for q in a.quotes}
    assert said["When we gave him the letter, he promised to pass it on"] == "Maria Lopez"


def test_an_order_to_act_is_reported_speech_an_ordered_act_is_not() -> None:
    a = run(
        "Deportations halted\n\nJudge Ann Pike on Monday ordered immigration officials to delay the deportation "
        "of the men. Last year Judge Pike ordered him removed to his home country."
    )
    said = {q.text: (q.speaker, q.kind) for q in a.quotes}
    assert any(t.endswith("to delay the deportation of the men") and s == ("Ann Pike", "indirect") for t, s in said.items())
    assert not any("home country" in t for t in said)


def test_a_view_that_opens_a_sentence_reports_its_holders_words() -> None:
    a = run(
        "Budget row\n\nMayor Ann Pike spoke in Leeds on Monday. She said the vote was fair. "
        "In her view, the council simply cannot go against the will of the voters.\n\n"
        "Tom Reeve defended the verdict. In the view of Reeve, the city is moving toward a fairer system.\n\n"
        "Greg Dunn wrote about the agency. As Dunn put it, the director was deeply involved in the program."
    )
    said = {q.text: q.speaker for q in a.quotes}
    assert said["the council simply cannot go against the will of the voters"] == "Ann Pike"
    assert said["the city is moving toward a fairer system"] == "Tom Reeve"
    assert said["the director was deeply involved in the program"] == "Greg Dunn"


def test_an_expressed_concern_reports_the_clause_it_takes() -> None:
    a = run(
        "Deportations\n\nJudge Ann Pike expressed concern the men could be deported before their appeals "
        "were heard. Judge Pike also expressed concern about the delay."
    )
    said = {q.text: q.speaker for q in a.quotes}
    assert said == {"the men could be deported before their appeals were heard": "Ann Pike"}


def test_a_hard_wrapped_name_across_a_line_break_is_one_name() -> None:
    text = (
        "Photo kept secret\n\nA journalist announced last week that he will publish a photograph\n"
        "he took in 2005 at a meeting of the caucus. The photographer, Askia\n"
        "Bello, told the news wire that he kept it secret for years and he was\n"
        "afraid of them. \u201cI sort of understood what was going on,\u201d Bello told\n"
        "reporters. He said the photo would have been damaging and he kept a copy\n"
        "on his computer, and that he will publish it in a book of his work\n"
        "this year. The book is out in May, and Bello will sign it in\n"
        "Chicago, where the boxer Bello Ali signed his.\n"
    )
    a = run(text)
    assert any(e.canonical == "Askia Bello" for e in a.entities)
    assert quote_with(a, "I sort of understood").speaker == "Askia Bello"


def test_unwrapping_keeps_the_title_and_short_lines_apart() -> None:
    from spinscope.analyze.attribution.furniture import blank_furniture

    wrapped = "".join(f"Line {k} of a long paragraph that runs on and on to the full width of a\npage and\n" for k in range(6))
    text = "Title of the piece\nA first line\nSome Heading\n" + wrapped + "Closing Words"
    out = blank_furniture(text)
    assert len(out) == len(text)
    assert out.startswith("Title of the piece\nA first line\nSome Heading\n")
    assert "full width of a page and" in out
    assert "a\npage" not in out


def test_a_bare_first_name_is_not_completed_by_a_fuller_name_met_only_later() -> None:
    a = run(
        "The photo\n\nThe photographer said on Monday that he kept the photo. Bello told reporters "
        "that he was afraid. \u201cI kept it secret,\u201d Bello said. Later in the story the boxer "
        "Bello Ali appears."
    )
    assert quote_with(a, "I kept it secret").speaker != "Bello Ali"


def test_a_places_police_are_the_force_not_the_city() -> None:
    a = run(
        "Timeline changed\n\nLas Vegas police said Friday that the guard was shot before the gunman fired "
        "on the crowd, changing the timeline again."
    )
    assert {q.speaker for q in a.quotes} == {"Las Vegas police"}


def test_a_title_in_initials_is_the_person_the_article_gives_that_title() -> None:
    a = run(
        "Report hearing\n\nOn Monday, DOJ Inspector General Michael Hale testified before the committee. "
        "Hale said the report was thorough.\nThe IG said his team found the text in May."
    )
    assert {q.speaker for q in a.quotes} == {"Michael Hale"}


def test_a_dateline_or_a_handle_is_not_written_as_a_name() -> None:
    from spinscope.analyze.attribution.names import written_as_name

    assert not written_as_name("AUSTRIA, February 16, 2018 (ChurchNews) \u2013")
    assert not written_as_name("@LinkedIn Account")
    assert written_as_name("20 Minutes") and written_as_name("Fox & Friends")


def test_a_commissioner_or_a_saint_is_named_without_the_title() -> None:
    a = run(
        "Officers killed\n\nPolice Commissioner James Barr posted a message about the two officers on Sunday. "
        "\u201cEveryone should be as upset about this as we are,\u201d Commissioner Barr wrote.\n"
        "As St. Thomas Aquinas says, \u201ca subject ought to rebuke his prelate even publicly.\u201d"
    )
    assert {q.speaker for q in a.quotes} == {"James Barr", "Thomas Aquinas"}


def test_characterizing_or_labelling_in_quoted_words_is_saying_them() -> None:
    a = run(
        "Border row\n\nSenator Ann Pike has repeatedly characterized the march as \u201can invasion\u201d of the "
        "country. Mayor Tom Reeve labelled the plan \u201ca reckless gamble\u201d on Monday."
    )
    said = {q.text: q.speaker for q in a.quotes}
    assert said["an invasion"] == "Ann Pike" and said["a reckless gamble"] == "Tom Reeve"


def test_quoted_title_case_words_after_a_headlines_subject_and_verb_are_theirs() -> None:
    a = run(
        "Mayor Ann Pike Slams \u201cDisgraceful Verdict\u201d in Harbor Case\n\n"
        "Mayor Ann Pike spoke to reporters on Monday after the verdict. She met the family."
    )
    assert [(q.text, q.speaker, q.kind) for q in a.quotes if q.start < a.text.find("\n")] == [
        ("Disgraceful Verdict", "Ann Pike", "partial")
    ]


def test_a_countrys_officials_are_unnamed_officials_not_the_country() -> None:
    a = run(
        "Syria plan\n\nThe United States will train a new force in Syria, the Pentagon said. "
        "U.S. officials said the force will be built up over the next several years."
    )
    q = quote_with(a, "built up over the next several years")
    assert (q.speaker, q.speaker_kind, q.speaker_text) == (None, "unnamed", "U.S. officials")


def test_a_short_quoted_fragment_no_named_cue_governs_is_a_label() -> None:
    a = run(
        "Budget row\n\nMayor Ann Pike said the budget would pass on Monday. Critics of the plan see a "
        "\u201cgreat leap backward\u201d in the vote. Pike called the plan a \u201creckless gamble\u201d later."
    )
    said = {q.text: q.speaker for q in a.quotes}
    assert "great leap backward" not in said
    assert said["reckless gamble"] == "Ann Pike"


def test_two_first_names_with_one_initial_are_two_people_for_a_bare_surname() -> None:
    a = run(
        "A photo\n\nLouis Brant, the minister, spoke in 2005. His son-in-law and chief of staff, Leonard "
        "Brant, kept the photo.\n\nYears later, the minister's words were quoted again. Brant has long "
        "attacked the press, and Louis Brant spoke again in May."
    )
    ent = next(e for e in a.entities if e.canonical == "Louis Brant")
    later = a.text.index("Brant has long")
    assert any(m.start == later for m in ent.mentions)
