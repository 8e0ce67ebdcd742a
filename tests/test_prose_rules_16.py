"""Rules added in issue 11, session 16 (from errors on the tune articles, judged on two
development sets and a fresh batch of sixty tune articles before they landed). Texts
written for these tests."""

from __future__ import annotations

from tests.test_quotes import run, said_by


def test_what_a_speaker_denies_admits_or_claims_as_an_act() -> None:
    said = said_by(
        "Harbour shooting\n\nThe dock worker Tom Keller was questioned on Monday. "
        "Keller denied any connection to the smuggling ring. "
        "Keller later admitted to firing the gun at the harbour. "
        "A neighbour, Ann Moss, claims to have seen the boat leave at midnight."
    )
    assert said["any connection to the smuggling ring"] == "Tom Keller"
    assert said["to firing the gun at the harbour"] == "Tom Keller"
    assert said["to have seen the boat leave at midnight"] == "Ann Moss"


def test_denying_an_act_is_a_statement_denying_named_things_is_not() -> None:
    said = said_by(
        "Mayor under fire\n\nThe mayor, Rita Olsen, was questioned by reporters. "
        "Olsen has denied ever taking money from the builders. "
        "Olsen has denied the allegations."
    )
    assert said == {"ever taking money from the builders": "Rita Olsen"}


def test_calling_for_something_reports_what_is_called_for() -> None:
    said = said_by("Report release\n\nSenator Adam Ruiz called for a full public release of the report on Friday.")
    assert said == {"a full public release of the report on Friday": "Adam Ruiz"}


def test_a_passive_conjunct_stays_in_the_reported_clause() -> None:
    said = said_by(
        "Arrest\n\nThe Justice Department said Ray Lawson was arrested today and charged with "
        "aiding and abetting the possession of a firearm."
    )
    assert said == {
        "Ray Lawson was arrested today and charged with aiding and abetting the possession of a firearm": "Justice Department"
    }


def test_the_bureau_is_the_organisation_with_that_head_word() -> None:
    said = said_by(
        "Compound raid\n\nAgents of the Federal Bureau of Investigation searched the compound on Monday. "
        "The bureau said five adults had been charged with firearms offences."
    )
    assert said == {"five adults had been charged with firearms offences": "Federal Bureau of Investigation"}


def test_a_company_name_without_its_trading_tail_is_the_same_company() -> None:
    said = said_by(
        "Hotel timeline\n\nThe hotel is owned by Harbour Resorts International, which runs four casinos. "
        "Harbour Resorts said on Tuesday that there were unspecified inaccuracies in the timeline."
    )
    assert said == {"that there were unspecified inaccuracies in the timeline": "Harbour Resorts International"}


def test_a_cue_closing_its_sentence_reports_all_before_the_comma() -> None:
    # the parser makes "said" a conjunct of "spread": no clause hangs under it
    a = run(
        "Profession of faith\n\nThree bishops signed a profession on Sunday. "
        "Such a reading is causing \u201crampant confusion,\u201d will spread \u201ca plague of divorce\u201d in the "
        "Church, and is \u201calien\u201d to the Church\u2019s entire faith and Tradition, the three bishops said in the profession."
    )
    clause = (
        "Such a reading is causing \u201crampant confusion,\u201d will spread \u201ca plague of divorce\u201d in the "
        "Church, and is \u201calien\u201d to the Church\u2019s entire faith and Tradition"
    )
    said = {q.text: (q.kind, q.speaker_text) for q in a.quotes}
    assert said[clause] == ("indirect", "the three bishops")


def test_the_who_closing_a_sentence_is_the_organization_not_a_relative_pronoun() -> None:
    # parsed as a relative clause of "Lobanga": "WHO" is its subject, not a pronoun
    said = said_by(
        "Outbreak\n\nThe WHO sent experts to the region on Monday. All the new cases came from a clinic at "
        "Mbeko Tanda, located about 40 kilometres (25 miles) from Lobanga, where treatment capacities are limited, the WHO said."
    )
    clause = (
        "All the new cases came from a clinic at Mbeko Tanda, located about 40 kilometres (25 miles) from Lobanga, "
        "where treatment capacities are limited"
    )
    assert said == {clause: "World Health Organization"}


def test_it_refers_to_a_name_in_the_narration_not_one_inside_a_quotation() -> None:
    said = said_by(
        "Council vote\n\nThe Harwick Borough Council passed a motion on Monday, noting \u201cthe decision by "
        "Donald Trump, President of the United States, to retweet propaganda\u201d. "
        "It also bemoans that the state visit would divide the borough and its many communities."
    )
    assert said["that the state visit would divide the borough and its many communities"] == "Harwick Borough Council"


def test_a_report_that_no_one_is_named_for_is_an_unnamed_statement() -> None:
    a = run(
        "Plague\n\nNews of patients leaving the hospitals comes on the heels of reports that it is only a "
        "matter of time before the plague resists the drugs. The Tarvos Herald's report that two nurses "
        "had fallen ill was denied by the clinic."
    )
    said = {q.text: (q.kind, q.speaker) for q in a.quotes}
    assert said["that it is only a matter of time before the plague resists the drugs"] == ("indirect", None)
    assert said["that two nurses had fallen ill"] == ("indirect", "Tarvos Herald")
