"""The command line as a whole: every subcommand is registered, documented and answers --help."""

import importlib
import pkgutil
from pathlib import Path

import pytest

from spinscope.cli import COMMANDS, build_parser, main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _command_modules() -> set[str]:
    """Modules of the cli package that implement a subcommand (``add_parser`` and ``run``)."""
    import spinscope.cli as package

    found = set()
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"spinscope.cli.{info.name}")
        if callable(getattr(module, "add_parser", None)) and callable(getattr(module, "run", None)):
            found.add(info.name)
    return found


def test_every_command_is_registered():
    """The parser's subcommands are exactly the command modules on disk (not COMMANDS itself)."""
    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    modules = _command_modules()
    assert len(modules) >= 6
    assert set(choices) == modules


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_and_is_in_the_readme(command, capsys):
    with pytest.raises(SystemExit) as info:
        main([command, "--help"])
    assert info.value.code == 0
    assert f"usage: spinscope {command}" in capsys.readouterr().out
    assert f"spinscope {command}" in README


def test_version(capsys):
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("spinscope ")


def test_one_error_format(tmp_path, capsys):
    """A failed input of analyze/ingest and a failed command print the same way."""
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["analyze", str(empty), "--quiet", "--analyzers", "paragraphs"]) == 1
    analyze_err = capsys.readouterr().err.strip().splitlines()
    assert main(["ingest", str(empty), "--db", str(tmp_path / "c.db"), "--quiet", "--analyzers", "paragraphs"]) == 1
    ingest_err = [line for line in capsys.readouterr().err.strip().splitlines() if "empty.txt" in line]
    assert main(["export", "--db", "mysql://x@y/z", "--format", "csv"]) == 2
    export_err = capsys.readouterr().err.strip().splitlines()
    for lines in (analyze_err, ingest_err, export_err):
        assert lines and all(line.startswith("spinscope: error: ") for line in lines), lines
    assert "empty.txt" in analyze_err[0] and "empty.txt" in ingest_err[0]


def test_export_voice_is_checked_by_the_query(tmp_path, capsys):
    """The voice is validated once, by SearchQuery, for the CLI as for the web."""
    code = main(["export", "--db", str(tmp_path / "c.db"), "--format", "jsonl", "--voice", "narrator"])
    assert code == 2
    assert "unknown voice 'narrator'" in capsys.readouterr().err
