"""Docs that cannot drift: every command and option has help, every command a line in the
README's "Command line" table, every setting a place in the README and in docs/deploy.md."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from etl.cli.main import parser
from etl.core.settings import SETTINGS

ROOT = Path(__file__).resolve().parents[3]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DEPLOY = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")


def commands(
    built: argparse.ArgumentParser, path: tuple[str, ...] = ()
) -> list[tuple[tuple[str, ...], str | None, argparse.ArgumentParser]]:
    """Every (sub-)command: its path (`("review", "approve")`), its help and its parser."""
    found = []
    for action in built._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                found.append(((*path, name), helps.get(name), sub))
                found.extend(commands(sub, (*path, name)))
    return found


def leaves() -> list[tuple[str, ...]]:
    return [
        path
        for path, _, sub in commands(parser())
        if not any(isinstance(a, argparse._SubParsersAction) for a in sub._actions)
    ]


def table_rows() -> list[str]:
    """The commands of the README's table, as `python -m etl …` text."""
    section = README.split("## Command line", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(python -m etl [^`]*)` \|", section, flags=re.M)


def test_the_walk_finds_the_groups_and_their_sub_commands():
    found = {" ".join(p) for p in leaves()}
    assert {"init", "ingest", "review approve", "review return", "period reopen"} <= found
    assert "audit export" in found and "review" not in found


def test_every_command_and_option_has_help_text():
    missing = []
    for path, help_text, sub in commands(parser()):
        if not (help_text or "").strip():
            missing.append(" ".join(path))
        for action in sub._actions:
            if isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                continue
            if not (action.help or "").strip():
                missing.append(f"{' '.join(path)} {'/'.join(action.option_strings) or action.dest}")
    assert missing == [], "without help text: " + ", ".join(missing)


def rows_for(path: tuple[str, ...]) -> list[str]:
    named = "python -m etl " + " ".join(path)
    return [row for row in table_rows() if row == named or row.startswith(named + " ")]


@pytest.mark.parametrize("path", leaves(), ids=" ".join)
def test_every_command_has_a_line_in_the_readme(path):
    assert len(rows_for(path)) == 1, (
        f"README.md's Command line table needs one line for `python -m etl {' '.join(path)}`"
    )


def test_every_readme_line_is_a_command():
    known = {"python -m etl " + " ".join(path) for path in leaves()}
    stray = [
        row for row in table_rows() if not any(row == k or row.startswith(k + " ") for k in known)
    ]
    assert stray == []


def test_every_option_of_a_command_is_in_its_readme_line():
    missing, checked = [], 0
    for path, _, sub in commands(parser()):
        if path not in leaves():
            continue
        (row,) = rows_for(path)
        checked += 1
        for action in sub._actions:
            options = [o for o in action.option_strings if o.startswith("--")]
            if options and options[0] not in ("--help", "--db") and options[0] not in row:
                missing.append(f"{' '.join(path)} {options[0]}")
    assert checked == len(leaves())
    assert missing == [], "options missing from README.md's table: " + ", ".join(missing)


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_every_setting_is_documented_in_the_readme_and_deploy_guide(name):
    assert f"`{name}`" in README.split("## Settings", 1)[1], f"README.md: {name}"
    rows = re.findall(rf"^\| `{name}` \| ([^|]*) \|", DEPLOY, flags=re.M)
    assert len(rows) == 1, f"docs/deploy.md's settings table needs one row for {name}"
    if name != "RB_DATABASE_URL":  # its default is a path on the machine
        assert rows[0].strip().strip("`") == SETTINGS[name].default


def _streamlit_config() -> dict:
    import tomllib

    return tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_streamlits_upload_limit_is_the_apps():
    """One upload limit (issue 13 #12): Streamlit's uploader refuses what the app would."""
    default = SETTINGS["RB_MAX_UPLOAD_MB"].default
    assert _streamlit_config()["server"]["maxUploadSize"] == float(default)
    proxy = re.search(r"client_max_body_size (\d+)m;", DEPLOY)
    assert proxy and float(default) < int(proxy.group(1)) <= float(default) * 1.5


def test_local_config_accepts_only_loopback_host_names():
    assert set(_streamlit_config()["server"]["allowedHosts"]) == {"localhost", "127.0.0.1", "::1"}


def test_deploy_guide_covers_tls_private_upstreams_rate_limits_and_backups():
    for needed in (
        "ssl_certificate ", "ssl_certificate_key ", "return 301 https://",
        "Strict-Transport-Security", "limit_req_zone", "limit_req zone=", "server.allowedHosts",
        "Encrypt each dump",
    ):  # fmt: skip
        assert needed in DEPLOY, needed
    upstreams = set(re.findall(r"^\s*server (\d+\.\d+\.\d+\.\d+):(\d+);", DEPLOY, re.M))
    bound = set(
        re.findall(r"--server\.port (\d+) .*--server\.address (\d+\.\d+\.\d+\.\d+)", DEPLOY)
    )
    assert bound and {(a, p) for p, a in bound} <= upstreams
    assert "--server.address 127.0.0.1" not in DEPLOY  # a proxy on another host cannot reach it
    assert "own authentication" not in DEPLOY
