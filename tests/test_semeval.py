"""The SemEval-layout loader, on a tiny folder written here and on ../shared when present."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from spinscope.errors import DataError
from spinscope.semeval import load_semeval

_OPINION = [
    "This reckless plan is a disgrace and everyone knows it!",
    "Why should we trust these so-called experts again?",
    "Only a fool would believe the minister now.",
    "We must act before it is too late.",
]
_REPORT = [
    "The council approved the budget on Tuesday, officials said.",
    "According to the agency, 42 people attended the meeting.",
    "The company reported revenue of 3.1 million dollars.",
    "Police said the road would reopen on Friday.",
]
_LABELS = ["Loaded_Language", "Doubt", "Name_Calling-Labeling", "Appeal_to_Time"]


def write_tiny_semeval(root: Path, n_articles: int = 12, languages: tuple[str, ...] = ("en", "fr")) -> Path:
    """Write a SemEval-layout folder of invented articles (opinion sentences carry
    technique spans; reporting sentences carry none)."""
    rng = random.Random(7)
    for lang in languages:
        folder = root / lang
        for n in (1, 2, 3):
            (folder / f"train-articles-subtask-{n}").mkdir(parents=True)
        (folder / "train-labels-subtask-3-spans").mkdir()
        genres, frames, paragraphs = [], [], []
        for i in range(n_articles):
            art_id = f"{9000 + i}"
            genre = "opinion" if i % 3 else "reporting"
            pool = _OPINION if genre == "opinion" else _REPORT
            lines = [f"Title number {i}", ""]
            for _ in range(4):
                lines.append(" ".join(rng.sample(pool, 2)))
            text = "\n".join(lines) + "\n"
            for n in (1, 2, 3):
                (folder / f"train-articles-subtask-{n}" / f"article{art_id}.txt").write_text(text, encoding="utf-8")
            genres.append(f"{art_id}\t{genre}")
            frames.append(f"{art_id}\t{'Political,Morality' if genre == 'opinion' else 'Economic'}")
            spans = []
            offset = 0
            for number, line in enumerate(text.split("\n"), start=1):
                labs: list[str] = []
                for j, sentence in enumerate(_OPINION):
                    at = line.find(sentence)
                    if at >= 0:
                        spans.append(f"{art_id}\t{_LABELS[j]}\t{offset + at}\t{offset + at + 8}")
                        labs.append(_LABELS[j])
                if line.strip():
                    paragraphs.append(f"{art_id}\t{number}\t{','.join(sorted(set(labs)))}")
                offset += len(line) + 1
            (folder / "train-labels-subtask-3-spans" / f"article{art_id}-labels-subtask-3.txt").write_text(
                "\n".join(spans) + "\n", encoding="utf-8"
            )
        (folder / "train-labels-subtask-1.txt").write_text("\n".join(genres) + "\n", encoding="utf-8")
        (folder / "train-labels-subtask-2.txt").write_text("\n".join(frames) + "\n", encoding="utf-8")
        (folder / "train-labels-subtask-3.txt").write_text("\n".join(paragraphs) + "\n", encoding="utf-8")
    return root


def test_tiny_folder_loads(tmp_path: Path) -> None:
    data = load_semeval(write_tiny_semeval(tmp_path, n_articles=3))
    assert data.languages == ["en", "fr"]
    en = data.language("en")
    assert [a.id for a in en] == ["9000", "9001", "9002"]
    first = en[0]
    assert first.genre == "reporting" and first.frames == ["Economic"]
    assert first.paragraph_labels is not None and set(first.paragraph_labels) == {1, 3, 4, 5, 6}
    second = en[1]
    assert second.spans, "opinion articles carry spans"
    for span in second.spans:
        assert 0 <= span.start < span.end <= len(second.text)


def test_one_language_folder(tmp_path: Path) -> None:
    write_tiny_semeval(tmp_path, n_articles=2, languages=("en",))
    data = load_semeval(tmp_path / "en")
    assert len(data.articles) == 2 and data.languages == ["en"]


def test_language_filter_and_errors(tmp_path: Path) -> None:
    write_tiny_semeval(tmp_path, n_articles=2)
    assert load_semeval(tmp_path, ["fr"]).languages == ["fr"]
    with pytest.raises(DataError):
        load_semeval(tmp_path / "nope")
    (tmp_path / "empty").mkdir()
    with pytest.raises(DataError):
        load_semeval(tmp_path / "empty")


@pytest.mark.shared
def test_shared_english_counts(semeval_dir: Path) -> None:
    en = load_semeval(semeval_dir / "en").articles
    assert len(en) == 453  # union of the three subtask folders
    assert sum(1 for a in en if a.paragraph_labels is not None) == 446
    genres = [a.genre for a in en if a.genre]
    assert (genres.count("opinion"), genres.count("reporting"), genres.count("satire")) == (382, 41, 10)


@pytest.mark.shared
def test_shared_span_units_reproduce_paragraph_labels(semeval_dir: Path) -> None:
    """Units labelled by overlapping spans give back the paragraph labels."""
    from spinscope.catalog import TECHNIQUES
    from spinscope.training.data import technique_units

    en = [a for a in load_semeval(semeval_dir / "en").articles if a.spans][:60]
    names = list(TECHNIQUES)
    data = technique_units(en, names)
    union: dict[tuple[int, int], set[str]] = {}
    for i, (a, p) in enumerate(zip(data.units.article, data.units.paragraph, strict=True)):
        union.setdefault((a, p), set()).update(names[j] for j in data.y[i].nonzero()[0])
    agree = total = 0
    for a, art in enumerate(en):
        for pid, labels in (art.paragraph_labels or {}).items():
            total += 1
            agree += union.get((a, pid), set()) == set(labels)
    assert agree / total > 0.97


def _st3_keys(path: Path, languages: list[str]) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """(id, line) rows of `--format semeval-st3` for every article file vs the rows of the
    templates and gold label files (some non-English templates leave out a title line
    that the gold file labels)."""
    import io

    from spinscope.ingest import read
    from spinscope.model import split_paragraphs
    from spinscope.render.semeval import write_semeval

    expected: set[tuple[str, str]] = set()
    written: set[tuple[str, str]] = set()
    for lang in languages:
        folder = path / lang
        for name in ("train-labels-subtask-3.template", "train-labels-subtask-3.txt"):
            for row in (folder / name).read_text(encoding="utf-8").splitlines():
                parts = row.split("\t")
                if len(parts) >= 2:
                    expected.add((parts[0], parts[1]))
        for file in sorted((folder / "train-articles-subtask-3").glob("article*.txt")):
            buf = io.StringIO()
            articles = read(str(file))
            for article in articles:
                article.id = file.stem.removeprefix("article")
                article.paragraphs = split_paragraphs(article.text)
            write_semeval(articles, 3, buf)
            written |= {tuple(line.split("\t")[:2]) for line in buf.getvalue().splitlines()}  # type: ignore[misc]
    return expected, written


def test_st3_rows_keep_trailing_boilerplate_lines(tmp_path: Path) -> None:
    """Lines the reader drops as boilerplate still get a (label-less) row."""
    from spinscope.ingest import read
    from spinscope.model import Label, split_paragraphs
    from spinscope.render.semeval import st3_rows

    file = tmp_path / "article1.txt"
    file.write_text("A title\n\nFirst paragraph of the story.\n\nSecond one, quite long.\n\nRelated Articles:\n"
                    "Permanent web link to this article\n", encoding="utf-8")
    (article,) = read(str(file))
    assert "Related" not in article.text
    article.paragraphs = split_paragraphs(article.text)
    article.paragraphs[1].techniques = [Label("Doubt", 0.9)]
    assert st3_rows(article) == [(1, []), (3, ["Doubt"]), (5, []), (7, []), (8, [])]


@pytest.mark.slow
def test_st3_rows_match_every_training_template(semeval_dir: Path) -> None:
    languages = sorted(p.name for p in semeval_dir.iterdir() if (p / "train-labels-subtask-3.template").is_file())
    expected, written = _st3_keys(semeval_dir, languages)
    assert len(expected) > 10000
    assert expected - written == set(), f"{len(expected - written)} template rows missing"
    assert written - expected == set(), f"{len(written - expected)} extra rows"
