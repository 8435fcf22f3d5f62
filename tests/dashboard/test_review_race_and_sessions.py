"""Through AppTest: two reviewers approving one submission (the second is told, in both
languages, that it was already decided), a password change ending the account's other
sessions, a login page that says nothing about `admin`, an overlong user name refused."""

from __future__ import annotations

import logging

from builders import long_rows, make_xlsx
from streamlit.testing.v1 import AppTest

from etl.access import accounts
from etl.ingest import Upload, ingest_path
from etl.store.audit import audit_frame
from etl.store.database import make_engine

SECRET = "a-long-enough-secret"


def _person(engine, name, role):
    _, once = accounts.create_user(engine, name, role, actor="test")
    return accounts.change_password(engine, name, once, SECRET)


def _button(at, label):
    return next(b for b in at.button if b.label == label)


def test_the_second_reviewer_is_told_the_submission_was_already_decided(
    engine, signed_in, tmp_path
):
    path = make_xlsx(tmp_path / "koreksi.xlsx", long_rows(["31", "PDN", 2023, 4, 44]))
    sid = ingest_path(engine, path, Upload(user="clerk31", review="pending")).submission_id
    first = signed_in(_person(engine, "rev1", "reviewer"), "review")
    second = signed_in(_person(engine, "rev2", "reviewer"), "review")  # both see it waiting
    first.button(key="approve").click().run()
    assert f"Pengiriman {sid} disetujui." in first.success[0].value

    second.button(key="approve").click().run()
    assert not second.exception, [e.message for e in second.exception]
    refusal = second.error[0].value
    assert f"Pengiriman {sid} sudah diputuskan" in refusal and "already decided" in refusal
    assert not second.success
    assert list(audit_frame(engine, action="review_approved").actor) == ["rev1"]
    assert second.info[0].value == "Tidak ada pengiriman yang menunggu."  # the list is current


def test_a_password_change_ends_the_accounts_other_sessions(engine, signed_in):
    ani = _person(engine, "ani", "analyst")
    here, there = signed_in(ani), signed_in(ani)
    here.text_input(key="pw_old").input(SECRET)
    here.text_input(key="pw_new").input("another-long-secret")
    here.text_input(key="pw_again").input("another-long-secret")
    _button(here, "Ganti kata sandi").click().run()
    assert not here.exception and "Kata sandi diganti." in here.success[0].value

    there.run()
    assert there.title[0].value == "Masuk ke RB Monitor"
    assert "account" not in there.session_state
    assert "sesi ini berakhir" in there.info[0].value
    here.run()  # the session that changed it stays signed in
    assert here.session_state["account"].username == "ani"
    assert here.title[0].value != "Masuk ke RB Monitor"


def test_the_login_page_says_nothing_about_the_first_admins_password(
    fresh_url, password_mode, app_file
):
    at = AppTest.from_file(app_file, default_timeout=60).run()
    assert at.title[0].value == "Masuk ke RB Monitor"
    assert accounts.get_account(make_engine(fresh_url), "admin").must_change_password
    shown = " ".join(e.value for e in (*at.info, *at.warning, *at.markdown, *at.caption))
    assert "admin" not in shown and "sekali pakai" not in shown and "one-time" not in shown


def test_an_overlong_user_name_is_refused_in_both_languages(engine, signed_in):
    boss = accounts.create_user(engine, "boss", "admin", actor="test")[0]
    at = signed_in(boss, "users")
    at.text_input(key="new_username").input("x" * 130).run()
    at.button(key="create_user").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert "terlalu panjang" in at.error[0].value and "too long" in at.error[0].value
    assert [a.username for a in accounts.list_users(engine)] == ["boss"]


def test_the_app_never_writes_the_first_admins_password_to_its_output(
    fresh_url, password_mode, app_file, monkeypatch, capsys, caplog
):
    # The server's stdout is often a log (systemd, docker): the app, unlike `etl init` on the
    # operator's terminal, names only how to get a password.
    monkeypatch.setattr(accounts, "one_time_password", lambda: "Known-Secret-4711")
    caplog.set_level(logging.DEBUG)
    at = AppTest.from_file(app_file, default_timeout=60).run()
    assert at.title[0].value == "Masuk ke RB Monitor"
    assert accounts.get_account(make_engine(fresh_url), "admin") is not None
    out, err = capsys.readouterr()
    assert "Known-Secret-4711" not in out + err + caplog.text
    assert "python -m etl user reset-password admin" in out
