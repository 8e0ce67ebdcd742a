"""The genre head: hand-made features on texts written here, the low-confidence rule,
refusing corrupt files, protocol splits, and the bundled examples' labels."""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from spinscope.analyze.persuasion import genre as g
from spinscope.analyze.persuasion.genre_features import FEATURE_NAMES, genre_features, sentence_units, word_count
from spinscope.analyze.persuasion.manifest import write_manifest
from spinscope.errors import ModelError
from spinscope.model import Genre, split_paragraphs
from spinscope.training.genre import (
    GENRES,
    TWO_STAGE_RECIPE,
    GenreData,
    GenreRecipe,
    evaluate,
    fit_head,
    macro_f1,
    scores,
    splits,
)
from spinscope.training.genre_stages import BAR_GRID, fit_satire_bar, fit_two_stage, stage_scales

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def feats(paragraphs: list[str]) -> dict[str, float]:
    return dict(zip(FEATURE_NAMES, map(float, genre_features(paragraphs)), strict=True))


def test_reporting_features_by_hand() -> None:
    body = ["OSLO (Reuters) - The minister said on Monday that 3 ships had arrived.",
            "\u201cWe will continue,\u201d she told reporters."]
    f = feats(["Port deal signed", *body])
    n = 18  # oslo reuters the minister said on monday that 3 ships had arrived we will continue she told reporters
    joined = "\n".join(body)
    assert f["log_words"] == pytest.approx(math.log1p(n))
    assert f["log_paragraphs"] == pytest.approx(math.log1p(2))
    assert f["log_words_per_sentence"] == pytest.approx(math.log1p(n / 2))
    assert f["attribution_rate"] == pytest.approx(2 / n * 100)  # said, told
    assert f["attribution_paragraph_share"] == 1.0
    assert f["first_plural_rate"] == pytest.approx(1 / n * 100)
    assert f["first_singular_rate"] == f["second_rate"] == f["hedge_rate"] == f["evaluative_rate"] == 0.0
    assert f["date_rate"] == pytest.approx(1 / n * 100)  # monday
    assert f["number_rate"] == pytest.approx(1 / n * 100)  # 3
    assert f["quote_char_share"] == pytest.approx(len("We will continue,") / len(joined))
    assert f["quoted_paragraph_share"] == 0.5
    assert f["question_per_sentence"] == f["exclaim_per_sentence"] == f["title_question_or_exclaim"] == 0.0
    for name in ("lead_dateline", "lead_dateline_caps", "lead_dateline_agency", "lead_agency", "lead_attribution", "lead_quote"):
        assert f[name] == 1.0, name


def test_opinion_features_by_hand() -> None:
    f = feats(["Is this fair?", "I think we should stop this absurd plan!", "Perhaps you disagree. But it is obviously wrong?"])
    n = 16
    assert f["first_singular_rate"] == pytest.approx(1 / n * 100)
    assert f["first_plural_rate"] == pytest.approx(1 / n * 100)
    assert f["second_rate"] == pytest.approx(1 / n * 100)
    assert f["hedge_rate"] == pytest.approx(1 / n * 100)  # perhaps
    assert f["prescriptive_rate"] == pytest.approx(1 / n * 100)  # should
    assert f["evaluative_rate"] == pytest.approx(2 / n * 100)  # absurd, obviously
    assert f["question_per_sentence"] == pytest.approx(1 / 3)
    assert f["exclaim_per_sentence"] == pytest.approx(1 / 3)
    assert f["title_question_or_exclaim"] == 1.0
    assert f["attribution_rate"] == f["lead_dateline"] == f["lead_agency"] == f["quote_char_share"] == 0.0


@pytest.mark.parametrize("sentence", [
    "Die Ministerin sagte am Montag, der Plan sei gut.",
    "Le ministre a déclaré lundi que le plan était bon.",
    "Il ministro ha detto lunedì che il piano è buono.",
    "Minister powiedziała w poniedziałek, że plan jest dobry.",
    "Министр заявила в понедельник, что план хороший.",
])
def test_attribution_and_dates_in_every_language(sentence: str) -> None:
    f = feats(["Title", sentence])
    n = word_count(["Title", sentence])
    assert f["attribution_rate"] == pytest.approx(1 / n * 100)
    assert f["date_rate"] == pytest.approx(1 / n * 100)


def test_a_made_up_agency_is_a_dateline_but_not_an_agency() -> None:
    f = feats(["Title", "Moskau (xyz) - Ein Mann hat heute etwas getan."])
    assert f["lead_dateline"] == 1.0 and f["lead_dateline_agency"] == 0.0 and f["lead_agency"] == 0.0
    assert feats(["Title", "Mayor Lind is wrong about the harbour."])["lead_dateline"] == 0.0


def test_empty_article_has_finite_features() -> None:
    assert np.all(np.isfinite(genre_features([]))) and np.all(np.isfinite(genre_features(["", "  "])))


# --- the low-confidence rule -------------------------------------------------


def test_confidence_rule() -> None:
    clear = {"opinion": 0.8, "reporting": 0.15, "satire": 0.05}
    close = {"opinion": 0.45, "reporting": 0.40, "satire": 0.15}
    assert g.confidence_note(clear, 300, 120, 0.15) is None
    short = g.confidence_note(clear, 80, 120, 0.15)
    assert short is not None and "short text (80 words, under 120)" in short
    tight = g.confidence_note(close, 300, 120, 0.15)
    assert tight is not None and "close call (opinion 0.45 vs reporting 0.40)" in tight
    both = g.confidence_note(close, 10, 120, 0.15)
    assert both is not None and "short" in both and "close" in both


def _head(n_features: int = 3, emb: float = 0.0) -> g.GenreHead:
    names = FEATURE_NAMES[:n_features]
    n_in = n_features + (512 if emb else 0)
    rng = np.random.default_rng(0)
    return g.GenreHead(labels=GENRES, features=names, mean=np.zeros(n_features), scale=np.ones(n_features),
                       emb_weight=emb, coef=rng.normal(size=(n_in, 3)), intercept=np.zeros(3),
                       prior=np.array([0.3, 0.65, 0.05]), prior_strength=1.0, min_words=5, min_margin=0.1)


def test_decide_marks_the_label_and_never_changes_it() -> None:
    head = _head()
    long_text = ["T", "one two three four five six seven"]
    sure = g.decide(head, np.array([0.1, 0.8, 0.1]), long_text)
    assert (sure.label, sure.confident, sure.note) == ("reporting", True, None)
    unsure = g.decide(head, np.array([0.46, 0.44, 0.1]), long_text)
    assert unsure.label == "opinion" and not unsure.confident and "close call" in (unsure.note or "")
    short = g.decide(head, np.array([0.1, 0.8, 0.1]), ["T", "two words"])
    assert short.label == "reporting" and not short.confident and "short text" in (short.note or "")
    assert Genre.from_dict(unsure.to_dict()) == unsure


@pytest.mark.parametrize(("author", "url", "want"), [
    ("Editorial Board", None, "opinion"), ("By the Editors", None, "opinion"), ("Opinion | Jane Doe", None, "opinion"),
    ("Kommentar von Max Muster", None, "opinion"), ("Éditorial", None, "opinion"), ("Felieton", None, "opinion"),
    ("Мнение", None, "opinion"), ("Staff Satirist", None, "satire"), ("Satira politica", None, "satire"),
    (None, "https://example.org/opinion/2025/03/harbour-deal", "opinion"),
    (None, "https://example.org/meinung/kommentar/haushalt", "opinion"), (None, "https://example.org/op-ed/x", "opinion"),
    (None, "https://example.org/satire/local-man", "satire"),
    ("Ana Ruiz", None, None), ("Meridian Wire staff", None, None), ("Editorial staff", None, None),
    ("Political Editor Jane Doe", None, None), ("Chicago Tribune", None, None), ("Reuters", None, None),
    (None, "https://example.org/news/opinion-poll-shows-a-lead", None),  # the slug is a title, not a section
    (None, "http://[broken/opinion/x", None), (None, "", None), (None, None, None),
])
def test_outlet_label_from_byline_or_url_section(author: str | None, url: str | None, want: str | None) -> None:
    from spinscope.analyze.persuasion.genre_byline import outlet_genre

    got = outlet_genre(author, url)
    assert (got[0] if got else None) == want


def test_decide_takes_the_outlets_label_and_keeps_the_scores() -> None:
    head, text = _head(), ["T", "one two three four five six seven"]
    row = np.array([0.1, 0.1, 0.8])
    assert g.decide(head, row, text).label == "satire"
    labelled = g.decide(head, row, text, author="Editorial Board", url="https://example.org/news/x")
    assert (labelled.label, labelled.confident) == ("opinion", True)
    assert labelled.scores == {"opinion": 0.1, "reporting": 0.1, "satire": 0.8}
    assert labelled.note == "the outlet's own label: byline 'Editorial Board'; the text alone read satire (0.80)"
    agreed = g.decide(head, row, ["T", "two words"], url="https://example.org/satire/x")
    assert (agreed.label, agreed.confident, agreed.note) == ("satire", True, "the outlet's own label: URL section '/satire/'")


def test_prior_moves_scores_toward_reporting() -> None:
    p = np.array([[0.5, 0.4, 0.1]])
    assert g.apply_prior(p, np.array([0.3, 0.65, 0.05]), 0.0) == pytest.approx(p)
    moved = g.apply_prior(p, np.array([0.3, 0.65, 0.05]), 1.0)
    assert moved.argmax() == 1 and moved.sum() == pytest.approx(1.0)


def test_satire_needs_its_bar() -> None:
    probs = np.array([[0.2, 0.1, 0.7], [0.1, 0.2, 0.7], [0.05, 0.05, 0.9], [0.6, 0.3, 0.1]])
    assert g.choose(GENRES, probs, 0.0).tolist() == [2, 2, 2, 0]
    assert g.choose(GENRES, probs, 0.8).tolist() == [0, 1, 2, 0]  # under the bar: the best of the others
    assert g.choose(("opinion", "reporting"), probs[:, :2], 0.8).tolist() == [0, 1, 0, 0]


def test_decide_demotes_satire_under_the_bar_and_says_so() -> None:
    head = _head()
    head.satire_min = 0.8
    long_text = ["T", "one two three four five six seven"]
    demoted = g.decide(head, np.array([0.25, 0.05, 0.7]), long_text)
    assert demoted.label == "opinion" and not demoted.confident
    assert "satire scored 0.70, under the 0.80 that satire needs" in (demoted.note or "")
    assert demoted.scores["satire"] == pytest.approx(0.7)  # scores are shown as they are
    sure = g.decide(head, np.array([0.05, 0.05, 0.9]), long_text)
    assert (sure.label, sure.confident) == ("satire", True)


def test_short_texts_are_never_satire_and_the_note_says_why() -> None:
    probs = np.array([[0.1, 0.2, 0.7], [0.1, 0.2, 0.7], [0.3, 0.1, 0.6]])
    words = np.array([119, 120, 50])
    assert g.choose(GENRES, probs, 0.5, words, 120).tolist() == [1, 2, 0]
    assert g.choose(GENRES, probs, 0.0, words, 120).tolist() == [1, 2, 0]  # no bar: satire must score best
    assert g.choose(GENRES, probs, 0.5).tolist() == [2, 2, 2]  # no word counts: no gate
    head = _head()
    head.satire_min, head.satire_min_words = 0.5, 120
    short = g.decide(head, np.array([0.1, 0.2, 0.7]), ["T", "two words"])
    assert short.label == "reporting" and not short.confident
    assert "satire scored 0.70, but a text under 120 words is never called satire" in (short.note or "")


def _two_stage_head() -> g.GenreHead:
    head = _head(2)
    head.mode, head.prior_strength = "two-stage", 1.0
    head.coef = np.array([[0.0, 2.0, 0.0], [0.0, 0.0, 1.0]])  # feature 0: reporting vs opinion; 1: satire
    head.intercept = np.array([0.0, 0.0, -1.0])
    return head


def test_two_stage_scores_by_hand() -> None:
    head = _two_stage_head()
    x = np.array([[0.0, 1.0], [1.0, -3.0]])
    raw = g.raw_proba(head, x)
    r, s = 1 / (1 + math.exp(-2.0)), 1 / (1 + math.exp(4.0))
    assert raw[0] == pytest.approx([0.25, 0.25, 0.5])  # r = 0.5, s = sigmoid(0) = 0.5
    assert raw[1] == pytest.approx([(1 - s) * (1 - r), (1 - s) * r, s])
    final = g.head_scores(head, x)
    assert final[:, 2] == pytest.approx(raw[:, 2])  # the prior leaves the satire score alone ...
    odds = final[0, 1] / final[0, 0]
    assert odds == pytest.approx(0.65 / 0.3)  # ... and moves reporting vs opinion by the prior's ratio
    assert final.sum(axis=1) == pytest.approx([1.0, 1.0])
    with pytest.raises(ModelError, match="mode"):
        g.GenreHead(**{**head.__dict__, "mode": "three-stage"})


def test_satire_bar_maximises_out_of_fold_macro_f1() -> None:
    y = np.array([0, 0, 1, 1, 2, 2])
    probs = np.array([[0.6, 0.1, 0.3], [0.5, 0.1, 0.4], [0.1, 0.6, 0.3], [0.1, 0.55, 0.35],
                      [0.1, 0.1, 0.8], [0.2, 0.1, 0.7]])
    words = np.full(6, 500)
    bar = fit_satire_bar(probs, y, words, 0, GENRES, 0.9)
    assert bar == min(t for t in BAR_GRID if t > 0.4)  # the lowest bar over every non-satire score
    assert macro_f1(y, g.choose(GENRES, probs, bar, words, 0))[0] == 1.0
    assert fit_satire_bar(probs[:4], y[:4], words[:4], 0, GENRES, 0.9) == 0.9  # no satire: the default


def test_clipping_bounds_one_extreme_feature() -> None:
    head = _head(2)
    head.coef = np.array([[0.0, 0.0, 1.0], [0.0, 0.0, 0.0]])
    extreme = np.array([[40.0, 0.0]])
    unclipped = g.raw_proba(head, g.design(head, extreme, np.zeros((1, 512))))
    head.clip = 3.0
    x = g.design(head, extreme, np.zeros((1, 512)))
    assert x[0, 0] == 3.0
    clipped = g.raw_proba(head, x)
    assert unclipped[0, 2] > 0.999 and clipped[0, 2] == pytest.approx(math.exp(3) / (math.exp(3) + 2))


def test_sentence_units_ignore_line_breaks() -> None:
    one_per_line = ["Port deal signed", "The council met on Monday.", "It approved the plan.", "Work starts in May."]
    one_paragraph = ["Port deal signed", "The council met on Monday. It approved the plan. Work starts in May."]
    units = sentence_units(one_per_line)
    assert units == sentence_units(one_paragraph)
    assert units == ["Port deal signed", "The council met on Monday.", "It approved the plan.", "Work starts in May."]
    long = ["Title", " ".join(f"Sentence number {i} is here." for i in range(30))]
    assert len(sentence_units(long, 10)) == 11  # the title and ten sentences, however long the text
    assert sentence_units([]) == [""]


# --- storage -----------------------------------------------------------------


def test_save_load_round_trip(tmp_path: Path) -> None:
    head = _head(4, emb=2.0)
    g.save_head(head, tmp_path)
    write_manifest(tmp_path, {})
    loaded = g.load_head(tmp_path)
    assert loaded.features == head.features and loaded.labels == head.labels
    assert np.array_equal(loaded.coef, head.coef) and loaded.prior_strength == 1.0
    assert (loaded.clip, loaded.satire_min, loaded.embedding) == (0.0, 0.0, "paragraphs")
    docs = [["Title", "The minister said the plan is good."]]
    emb = np.ones((1, 512), np.float32) / math.sqrt(512)
    assert np.allclose(g.predict_proba(loaded, docs, emb), g.predict_proba(head, docs, emb))
    head.clip, head.satire_min, head.embedding = 3.0, 0.7, "sentences"
    g.save_head(head, tmp_path)
    loaded = g.load_head(tmp_path, check_manifest=False)
    assert (loaded.clip, loaded.satire_min, loaded.embedding) == (3.0, 0.7, "sentences")


def test_loading_refuses_a_corrupt_file(tmp_path: Path) -> None:
    g.save_head(_head(), tmp_path)
    write_manifest(tmp_path, {})
    npz = tmp_path / g.GENRE_NPZ
    npz.write_bytes(npz.read_bytes()[:-20] + b"x" * 20)
    with pytest.raises(ModelError) as err:
        g.load_head(tmp_path)
    assert err.value.source == str(npz) and "SHA-256" in str(err.value)
    with pytest.raises(ModelError, match="unreadable genre arrays") as err:
        g.load_head(tmp_path, check_manifest=False)
    assert err.value.source == str(npz)


def test_loading_refuses_pickles_wrong_shapes_and_bad_json(tmp_path: Path) -> None:
    g.save_head(_head(), tmp_path)
    npz = tmp_path / g.GENRE_NPZ
    arrays = dict(np.load(npz))
    np.savez(npz, **{**arrays, "coef": np.array([{"a": 1}], dtype=object)})  # needs pickle to load
    with pytest.raises(ModelError, match="unreadable genre arrays"):
        g.load_head(tmp_path, check_manifest=False)
    np.savez(npz, **{**arrays, "coef": np.zeros((2, 3))})
    with pytest.raises(ModelError, match="coef has shape"):
        g.load_head(tmp_path, check_manifest=False)
    np.savez(npz, **arrays)
    meta = json.loads((tmp_path / g.GENRE_JSON).read_text())
    (tmp_path / g.GENRE_JSON).write_text(json.dumps({**meta, "features": ["no_such_feature", *meta["features"][1:]]}))
    with pytest.raises(ModelError, match="unknown features"):
        g.load_head(tmp_path, check_manifest=False)
    (tmp_path / g.GENRE_JSON).write_text("{not json")
    with pytest.raises(ModelError, match="unreadable genre parameters"):
        g.load_head(tmp_path, check_manifest=False)
    (tmp_path / g.GENRE_JSON).unlink()
    with pytest.raises(ModelError, match="missing"):
        g.load_head(tmp_path, check_manifest=False)


# --- training and protocols --------------------------------------------------


def _data(n: int = 90) -> GenreData:
    rng = np.random.default_rng(1)
    y = np.arange(n) % 3
    features = rng.normal(size=(n, len(g.ALL_FEATURES)))
    features[:, 0] += y * 3.0  # one informative feature
    langs = np.array(["en", "fr", "ge"])[(np.arange(n) // 3) % 3]
    ids = [str(760000000 + i if i % 2 else 700000000 + i) for i in range(n)]
    return GenreData(ids, langs, y, [["T", "a b c"]] * n, features.astype(np.float32), np.zeros((n, 512), np.float32))


def test_protocol_splits_are_disjoint_and_follow_their_rule() -> None:
    data = _data()
    lolo = list(splits("lolo", data))
    assert [name for name, _, _ in lolo] == ["en", "fr", "ge"]
    for name, train, test in lolo:
        assert set(data.languages[test]) == {name} and name not in set(data.languages[train])
    ((_, train, test),) = list(splits("newest", data))
    assert all(data.languages[i] == "en" and int(data.ids[i]) >= 760000000 for i in test)
    assert not set(train) & set(test) and len(train) + len(test) == len(data.y)
    cv = list(splits("cv", data))
    assert sorted(np.concatenate([t for _, _, t in cv]).tolist()) == list(range(len(data.y)))
    with pytest.raises(ValueError):
        list(splits("random", data))


def test_fit_head_learns_an_informative_feature_and_round_trips(tmp_path: Path) -> None:
    data = _data()
    recipe = GenreRecipe(features=g.ALL_FEATURES[:3], emb_weight=0.0, prior_strength=0.0)
    _, train, test = next(splits("lolo", data))
    head = fit_head(data, train, recipe)
    pred = scores(head, data, test).argmax(axis=1)
    assert macro_f1(data.y[test], pred)[0] > 0.8
    g.save_head(head, tmp_path)
    loaded = g.load_head(tmp_path, check_manifest=False)
    assert np.allclose(scores(loaded, data, test), scores(head, data, test))


def test_two_stage_recipe_fits_its_bar_inside_the_training_rows(tmp_path: Path) -> None:
    data = _data(120)
    data.paragraphs = [["T", " ".join(["w"] * 200)]] * len(data.y)
    _, train, test = next(splits("lolo", data))
    head = fit_head(data, train, TWO_STAGE_RECIPE)
    assert head.mode == "two-stage" and head.satire_min in BAR_GRID and head.satire_min_words == 120
    assert np.all(head.coef[:, 0] == 0.0)
    pred = g.choose(head.labels, scores(head, data, test), head.satire_min, data.words()[test], 120)
    assert macro_f1(data.y[test], pred)[0] > 0.8
    again = fit_head(data, train[data.languages[train] != "fr"], TWO_STAGE_RECIPE)  # one language: no inner folds
    assert again.satire_min == TWO_STAGE_RECIPE.satire_min
    g.save_head(head, tmp_path)
    loaded = g.load_head(tmp_path, check_manifest=False)
    assert (loaded.mode, loaded.satire_min, loaded.satire_min_words) == ("two-stage", head.satire_min, 120)
    assert np.allclose(scores(loaded, data, test), scores(head, data, test))
    data.paragraphs = [["T", "a b c"]] * len(data.y)  # every text short: satire never predicted
    data._words = None
    assert evaluate(data, "lolo", TWO_STAGE_RECIPE).folds[0].predicted[2] == 0


def test_two_stage_stages_can_read_different_inputs() -> None:
    from dataclasses import replace

    data = _data(120)
    _, train, _ = next(splits("lolo", data))
    names = g.ALL_FEATURES[:3]
    recipe = replace(TWO_STAGE_RECIPE, features=names, emb_weight=0.0, fit_bar=False, satire_min=0.5,
                     satire_features=names[1:] + (g.ALL_FEATURES[5],))
    head = fit_head(data, train, recipe)
    assert head.features == names + (g.ALL_FEATURES[5],)  # both stages' inputs, stage 1's first
    assert head.coef[0, 2] == 0.0 and head.coef[0, 1] != 0.0  # the satire stage never reads feature 0 ...
    assert head.coef[3, 1] == 0.0 and head.coef[3, 2] != 0.0  # ... nor stage 1 the satire stage's extra one
    x = np.random.default_rng(3).normal(size=(40, 2)) + np.arange(40)[:, None] % 2
    y = np.arange(40) % 3
    plain, _ = fit_two_stage(x, y, 1.0, 1.0, 1.0, 13)
    scaled, _ = fit_two_stage(x, y, 1.0, 1.0, 1.0, 13, scales=(np.ones(2), np.array([1.0, 0.5])))
    assert np.allclose(plain[:, 1], scaled[:, 1]) and not np.allclose(plain[:, 2], scaled[:, 2])
    s1, s2 = stage_scales(("a", "b"), ("a",), ("b",), 4.0, 2.0)
    assert s1.tolist() == [1.0, 0.0] + [1.0] * 512 and s2.tolist() == [0.0, 1.0] + [0.5] * 512


@pytest.mark.parametrize("width", [384, 896])
def test_heads_fit_an_embedding_of_another_width(width: int) -> None:
    """The bench's e5 rows (session 9): e5 alone (384-d) or beside USE (896-d) through the shipped recipe."""
    from dataclasses import replace

    data = _data(120)
    data.paragraphs = [["T", " ".join(["w"] * 200)]] * len(data.y)
    emb = np.random.default_rng(5).normal(size=(len(data.y), width)).astype(np.float32)
    emb[:, 0] += data.y == 1  # the embedding carries reporting
    wide = replace(data, embeddings=emb)
    _, train, test = next(splits("lolo", wide))
    head = fit_head(wide, train, TWO_STAGE_RECIPE)
    assert head.emb_dim == width and head.coef.shape == (len(TWO_STAGE_RECIPE.features) + width, 3)
    assert abs(head.coef[len(TWO_STAGE_RECIPE.features), 1]) > 0.0  # the first embedding column is read
    assert scores(head, wide, test).shape == (len(test), 3)
    with pytest.raises(ModelError, match="coef has shape"):
        replace(head, emb_dim=512)
    assert len(stage_scales(("a",), ("a",), ("a",), 4.0, 4.0, width)[1]) == 1 + width


def test_a_head_of_another_width_saves_and_loads(tmp_path: Path) -> None:
    """The width is written only when it is not USE's 512 (the shipped file's bytes stay)."""
    data = _data(120)
    emb = np.random.default_rng(5).normal(size=(len(data.y), 384)).astype(np.float32)
    from dataclasses import replace

    head = fit_head(replace(data, embeddings=emb), np.arange(len(data.y)), TWO_STAGE_RECIPE)
    g.save_head(head, tmp_path)
    loaded = g.load_head(tmp_path, check_manifest=False)
    assert loaded.emb_dim == 384 and np.allclose(loaded.coef, head.coef)
    g.save_head(fit_head(data, np.arange(len(data.y)), TWO_STAGE_RECIPE), tmp_path / "use")
    assert "emb_dim" not in json.loads((tmp_path / "use" / "genre.json").read_text())


def test_macro_f1_by_hand() -> None:
    gold, pred = np.array([0, 0, 1, 2]), np.array([0, 1, 1, 1])
    f1, per = macro_f1(gold, pred)
    assert per == pytest.approx([2 / 3, 2 / 4, 0.0]) and f1 == pytest.approx((2 / 3 + 0.5) / 3)


# --- the shipped head on the examples and seeds ---------------------------------


def _shipped_genre(texts: list[str]) -> list[Genre]:
    from spinscope.analyze.persuasion.features import doc_embeddings

    head = g.load_head(g.shipped_dir())
    docs = [[t[p.start:p.end] for p in split_paragraphs(t)] for t in texts]
    probs = g.predict_proba(head, docs, doc_embeddings(docs))
    return [g.decide(head, row, d) for row, d in zip(probs, docs, strict=True)]


def _read(path: Path) -> str:
    from spinscope.ingest import read_bytes

    (article,) = read_bytes(path.read_bytes(), path.name)
    return article.text


@pytest.mark.slow
def test_wire_example_reads_as_reporting() -> None:
    (wire,) = _shipped_genre([_read(EXAMPLES / "meridian-wire-report.html")])
    assert wire.label == "reporting"
    assert not wire.confident and "short text" in (wire.note or "")  # 90 words: flagged, not hidden


@pytest.mark.slow
@pytest.mark.xfail(strict=True, reason="known failure of the text model: the 160-word invented editorial's text alone "
                   "reads as satire (0.81 over its 0.20 bar; README, genre); its byline makes it opinion (next test)")
def test_editorial_text_alone_reads_as_opinion() -> None:
    (editorial,) = _shipped_genre([_read(EXAMPLES / "northbridge-herald-editorial.txt")])
    assert editorial.label == "opinion"


@pytest.mark.slow
def test_examples_with_an_outlet_label_read_as_labelled() -> None:
    from spinscope.analyze.pipeline import Pipeline
    from spinscope.ingest import read_bytes

    articles = [a for name in ("northbridge-herald-editorial.txt", "the-lantern-satire.jsonl", "meridian-wire-report.html")
                for a in read_bytes((EXAMPLES / name).read_bytes(), name)]
    editorial, satire, wire = Pipeline.from_names(["paragraphs", "genre"])(articles)
    assert (editorial.genre.label, editorial.genre.confident) == ("opinion", True)
    assert "byline 'Editorial Board'" in (editorial.genre.note or "") and "text alone read satire" in (editorial.genre.note or "")
    assert editorial.genre.scores["satire"] > 0.5  # the model's scores are kept as they are
    assert satire.genre.label == "satire" and "byline 'Staff Satirist'" in (satire.genre.note or "")
    assert wire.genre.label == "reporting" and "outlet" not in (wire.genre.note or "")  # "Ana Ruiz" says nothing


# Short reporting written here (wire-style, 40-70 words, three languages): never satire.
SHORT_REPORTING = [
    "Arlen council approves bus lanes\n\nThe city council of Arlen voted 7-2 on Tuesday to add bus lanes on two "
    "main roads, a spokeswoman for the transport department said.\nWork is due to start in March and will cost "
    "4.2 million euros, according to the council's budget.\nResidents can comment on the plans until 15 January.",
    "Crue de l'Ausel : deux routes coupées\n\nUne crue de l'Ausel a coupé jeudi deux routes départementales, a "
    "indiqué la préfecture dans un communiqué.\nAucun blessé n'a été signalé, selon les pompiers.\nLe niveau de la "
    "rivière devrait baisser d'ici samedi, a précisé Météo-France.",
    "Lindau beschließt Haushalt\n\nDer Stadtrat von Lindau hat am Mittwoch den Haushalt für 2026 beschlossen, "
    "teilte ein Sprecher der Stadt mit.\nDie Ausgaben steigen laut Kämmerei um drei Prozent auf 212 Millionen "
    "Euro.\nDer größte Posten bleibt die Sanierung von vier Schulen.",
]


@pytest.mark.slow
def test_short_reporting_is_never_satire() -> None:
    genres = _shipped_genre(SHORT_REPORTING)
    assert [genre.label for genre in genres] == ["reporting"] * 3
    assert all(not genre.confident for genre in genres)  # short: flagged


@pytest.mark.slow
def test_no_bundled_news_text_is_called_satire() -> None:
    from spinscope.ingest import read_bytes

    texts = {f"{path.name}:{i}": article.text for path in sorted(EXAMPLES.iterdir())
             for i, article in enumerate(read_bytes(path.read_bytes(), path.name))}
    labels = dict(zip(texts, (genre.label for genre in _shipped_genre(list(texts.values()))), strict=True))
    news = {k: v for k, v in labels.items() if "lantern" not in k and "herald-editorial" not in k}
    assert len(news) == 7 and "satire" not in news.values(), labels


@pytest.mark.slow
def test_seeds_read_right(seeds_dir: Path) -> None:
    files = sorted(seeds_dir.glob("*.txt"))
    report, editorial = _shipped_genre([files[0].read_text(encoding="utf-8"), files[1].read_text(encoding="utf-8")])
    assert report.label == "reporting"
    assert editorial.label == "opinion"


def test_text_output_shows_the_flag() -> None:
    import io

    from spinscope.model import Article
    from spinscope.render.text import write_text

    article = Article(id="a1", text="Title\n\nTwo words.")
    article.genre = Genre("opinion", {"opinion": 0.46, "reporting": 0.44, "satire": 0.1}, confident=False,
                          note="low confidence: close call (opinion 0.46 vs reporting 0.44)")
    out = io.StringIO()
    write_text([article], out, width=200)
    assert "low confidence: close call (opinion 0.46 vs reporting 0.44)" in out.getvalue()
    article.genre = Genre("opinion", {"opinion": 0.9, "reporting": 0.05, "satire": 0.05})
    out = io.StringIO()
    write_text([article], out, width=200)
    assert "low confidence" not in out.getvalue()
    article.genre = Genre("opinion", {"opinion": 0.1, "reporting": 0.1, "satire": 0.8}, confident=True,
                          note="the outlet's own label: byline 'Editorial Board'; the text alone read satire (0.80)")
    out = io.StringIO()
    write_text([article], out, width=200)
    assert "byline 'Editorial Board'; the text alone read satire (0.80)" in out.getvalue()
    assert "low confidence" not in out.getvalue()


def test_article_page_shows_the_flag(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from spinscope.serve import ServeOptions, create_app

    from .serve_support import build_store, make_article

    unsure = make_article("Council weighs a bus plan", "The council met on Tuesday to talk about buses.",
                          outlet="Arlen Post", published="2026-01-05T09:00:00+00:00")
    unsure.genre = Genre("reporting", {"opinion": 0.44, "reporting": 0.48, "satire": 0.08}, confident=False,
                         note="low confidence: short text (9 words, under 120); treat the genre as a guess")
    sure = make_article("Council passes the budget", "The council passed its budget on Wednesday.",
                        outlet="Arlen Post", published="2026-01-06T09:00:00+00:00")
    labelled = make_article("Our harbour is not for sale", "We must stop this deal now.", outlet="Arlen Post",
                            published="2026-01-07T09:00:00+00:00")
    labelled.genre = Genre("opinion", {"opinion": 0.1, "reporting": 0.1, "satire": 0.8}, confident=True,
                           note="the outlet's own label: byline 'Editorial Board'; the text alone read satire (0.80)")
    url = build_store(tmp_path / "c.db", [unsure, sure, labelled])
    with TestClient(base_url="http://127.0.0.1", app=create_app(url, ServeOptions())) as client:
        items = {i["title"]: i["id"] for i in client.get("/api/articles").json()["items"]}
        flagged = client.get(f"/articles/{items['Council weighs a bus plan']}").text
        plain = client.get(f"/articles/{items['Council passes the budget']}").text
        outlet = client.get(f"/articles/{items['Our harbour is not for sale']}").text
    assert '<span class="tag">low confidence</span>' in flagged
    assert "short text (9 words, under 120); treat the genre as a guess" in flagged
    assert "low confidence" not in plain
    assert "byline &#39;Editorial Board&#39;; the text alone read satire (0.80)" in outlet and "low confidence" not in outlet
