"""Accounts, roles, review of agencies' uploads, period locks and the audit trail."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from builders import long_rows, make_xlsx

from etl.access import accounts, review
from etl.access.roles import ROLES, can
from etl.cli.main import main
from etl.ingest import Upload, ingest_bytes, ingest_path
from etl.report.template import template_workbook
from etl.store import periods, queries
from etl.store.audit import audit_frame
from etl.store.catalogue import load_catalogue


# --- roles -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (
            "admin",
            {
                "view_all",
                "view_own",
                "export",
                "upload",
                "review",
                "manage_users",
                "audit",
                "unlock",
            },
        ),
        ("reviewer", {"view_all", "export", "review"}),
        ("analyst", {"view_all", "export"}),
        ("agency", {"view_own", "upload"}),
        (None, set()),
        ("superuser", set()),
    ],
)
def test_roles_deny_by_default(role, allowed):
    from etl.access.roles import PERMISSIONS

    assert {p for p in PERMISSIONS if can(role, p)} == allowed


# --- accounts --------------------------------------------------------------------------------
def test_first_admin_gets_a_one_time_password_once(engine):
    password = accounts.ensure_first_admin(engine)
    assert password and len(password) >= 12
    assert accounts.ensure_first_admin(engine) is None
    admin = accounts.authenticate(engine, "admin", password)
    assert admin.role == "admin" and admin.must_change_password
    changed = accounts.change_password(engine, "admin", password, "a-much-longer-secret")
    assert not changed.must_change_password
    with pytest.raises(accounts.AuthError):
        accounts.authenticate(engine, "admin", password)


def test_wrong_passwords_lock_the_account(engine, monkeypatch):
    monkeypatch.setenv("RB_LOGIN_ATTEMPTS", "3")
    _, password = accounts.create_user(engine, "clerk", "agency", agency="31", actor="admin")
    for _ in range(3):
        with pytest.raises(accounts.AuthError) as wrong:
            accounts.authenticate(engine, "clerk", "salah")
        assert wrong.value.code == "invalid_credentials"
    with pytest.raises(accounts.AuthError) as locked:
        accounts.authenticate(engine, "clerk", password)  # even the right password now
    assert locked.value.code == "account_locked" and "admin" in locked.value.message_en
    new = accounts.reset_password(engine, "clerk", actor="admin")
    assert accounts.authenticate(engine, "clerk", new).username == "clerk"
    actions = list(audit_frame(engine, actor="clerk").action)
    assert actions.count("login_failed") == 3 and "login_refused" in actions and "login" in actions


def test_unknown_user_and_disabled_account(engine):
    with pytest.raises(accounts.AuthError) as unknown:
        accounts.authenticate(engine, "nobody", "x")
    assert unknown.value.code == "invalid_credentials"  # no hint that the user does not exist
    _, password = accounts.create_user(engine, "gone", "analyst", actor="admin")
    accounts.disable_user(engine, "gone", actor="admin")
    with pytest.raises(accounts.AuthError) as disabled:
        accounts.authenticate(engine, "gone", password)
    assert disabled.value.code == "account_disabled"


def test_account_changes_are_audited_without_secrets(engine):
    accounts.create_user(engine, "ana", "analyst", actor="admin")
    accounts.set_role(engine, "ana", "reviewer", actor="admin")
    frame = audit_frame(engine, actor="admin")
    change = frame[frame.action == "user_set_role"].iloc[0]
    assert change.before["role"] == "analyst" and change.after["role"] == "reviewer"
    assert "password_hash" not in str(frame.to_dict())


def test_agency_accounts_see_their_agency_and_optionally_regencies(engine):
    catalogue = load_catalogue(engine)
    plain, _ = accounts.create_user(engine, "jkt", "agency", agency="31", actor="admin")
    wide, _ = accounts.create_user(
        engine, "jkt2", "agency", agency="31", include_children=True, actor="admin"
    )
    analyst, _ = accounts.create_user(engine, "ana", "analyst", actor="admin")
    assert accounts.allowed_agencies(catalogue, plain) == {"31"}
    assert accounts.allowed_agencies(catalogue, wide) == {
        "31",
        "31.01",
        "31.71",
        "31.72",
        "31.73",
        "31.74",
        "31.75",
    }
    assert accounts.allowed_agencies(catalogue, analyst) is None
    with pytest.raises(accounts.AuthError):
        accounts.create_user(engine, "x", "agency", actor="admin")  # an agency account needs one


def test_oidc_accounts_take_the_role_claim_or_none(engine):
    first = accounts.oidc_account(
        engine, subject="sub-1", email="a@go.id", name="A", claim_role=None
    )
    assert first.role is None  # nothing until an admin grants a role
    accounts.set_role(engine, "a@go.id", "analyst", actor="admin")
    assert (
        accounts.oidc_account(engine, subject="sub-1", email="a@go.id", name="A").role == "analyst"
    )
    claimed = accounts.oidc_account(
        engine, subject="sub-2", email="b@go.id", name="B", claim_role="agency", claim_agency="32"
    )
    assert (claimed.role, claimed.agency) == ("agency", "32")


def test_user_command_line(db_url, capsys):
    assert main(["user", "add", "op", "--role", "reviewer", "--db", db_url]) == 0
    assert "one-time password for op" in capsys.readouterr().out
    assert main(["user", "list", "--db", db_url]) == 0
    assert "reviewer" in capsys.readouterr().out
    assert main(["user", "add", "op", "--role", "reviewer", "--db", db_url]) == 1
    assert "already exists" in capsys.readouterr().err


# --- review ------------------------------------------------------------------------------------
def _agency_upload(engine, tmp_path, name, rows, user="clerk31"):
    return ingest_path(
        engine, make_xlsx(tmp_path / name, long_rows(*rows)),
        Upload(user=user, review="pending", allowed_agencies=frozenset({"31"})),
    )  # fmt: skip


def current_value(engine, pending=False):
    frame = queries.current_observations(
        engine, queries.Filters(agency="31", indicator="PDN", year=2023, include_pending=pending)
    )
    return None if frame.empty else float(frame.value.iloc[0])


def test_approved_data_is_official_pending_data_only_on_request(engine, tmp_path):
    ingest_path(engine, make_xlsx(tmp_path / "resmi.xlsx", long_rows(["31", "PDN", 2023, 4, 40])))
    result = _agency_upload(engine, tmp_path, "koreksi.xlsx", [["31", "PDN", 2023, 4, 44]])
    assert result.status == "accepted" and result.rows.updated == 1
    assert current_value(engine) == 40 and current_value(engine, pending=True) == 44
    waiting = review.pending_submissions(engine)
    assert list(waiting.id) == [result.submission_id] and waiting.agencies.iloc[0] == "31"
    assert review.approve(engine, result.submission_id, actor="reviewer1") == 1
    assert current_value(engine) == 44
    history = queries.history(engine, "31", "PDN")
    assert list(history.value) == [40.0, 44.0] and history.superseded_at.notna().sum() == 1
    assert review.pending_submissions(engine).empty


def test_returned_data_never_becomes_official_and_the_agency_sees_why(engine, tmp_path):
    result = _agency_upload(engine, tmp_path, "salah.xlsx", [["31", "PDN", 2023, 4, 99]])
    with pytest.raises(review.ReviewError):
        review.return_submission(engine, result.submission_id, actor="rev", comment=" ")
    review.return_submission(
        engine, result.submission_id, actor="rev", comment="Nilai PDN tidak wajar"
    )
    assert current_value(engine) is None and current_value(engine, pending=True) is None
    seen = review.submissions_for(engine, ["31"])
    assert (
        seen.review_status.iloc[0] == "returned"
        and seen.review_comment.iloc[0] == "Nilai PDN tidak wajar"
    )
    with pytest.raises(review.ReviewError):
        review.approve(engine, result.submission_id, actor="rev")
    # The same file sent again is a new submission to review, not "unchanged".
    again = _agency_upload(engine, tmp_path, "salah.xlsx", [["31", "PDN", 2023, 4, 99]])
    assert again.status == "accepted" and again.submission_id != result.submission_id
    assert set(audit_frame(engine, actor="rev").action) == {"review_returned"}


def test_agency_user_cannot_send_another_agencys_rows(engine, tmp_path):
    result = _agency_upload(
        engine, tmp_path, "lain.xlsx", [["31", "PDN", 2023, 4, 40], ["32", "PDN", 2023, 4, 40]]
    )
    assert result.status == "rejected" and [i.code for i in result.issues] == ["agency_not_allowed"]
    assert review.pending_submissions(engine).empty


# --- period locks ------------------------------------------------------------------------------
def test_an_expired_period_is_locked_until_an_admin_reopens_it(engine, tmp_path):
    assert periods.lock_date(2023, 4) == dt.date(2024, 2, 15)  # 31 Dec + 45 days, then locked
    path = make_xlsx(tmp_path / "telat.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    upload = Upload(user="clerk31", review="pending", enforce_locks=True)
    late = ingest_path(engine, path, upload)
    assert late.status == "rejected"
    issue = late.issues[0]
    assert (issue.code, issue.cell) == ("period_locked", "E4") and "2023 TW4" in issue.message_id
    periods.reopen(engine, "31", 2023, 4, reason="Server pemda rusak", actor="admin")
    assert ingest_path(engine, path, upload).status == "accepted"
    assert periods.is_locked(engine, "32", 2023, 4)  # reopened for one agency only
    assert periods.reopened(engine).reason.iloc[0] == "Server pemda rusak"
    # Operators and reviewers are not bound by the lock.
    assert (
        ingest_path(
            engine, make_xlsx(tmp_path / "op.xlsx", long_rows(["32", "PDN", 2023, 4, 41]))
        ).status
        == "accepted"
    )


# --- the agency template ----------------------------------------------------------------------
def test_template_filled_in_and_sent_back_ingests_without_edits(engine):
    data = template_workbook(engine, "31", 2024, 4)
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Petunjuk", "Data", "Rencana Aksi", "Target"]
    sheet = book["Data"]
    assert sheet.protection.sheet and (sheet["A2"].value, sheet["B2"].value) == (
        "Kode Instansi",
        "31",
    )
    rows = {r[0].value: r for r in sheet.iter_rows(min_row=8) if r[0].value}
    assert set(rows) == {i.code for i in load_catalogue(engine).indicators_for_type("PROV")}
    # Only the province's own targets: the national SPBE target 2.60 is not Jakarta's (issue 12,
    # `national_target=reference`), and no target of its own is known.
    assert rows["SPBE"][3].value == "-" and rows["SAKIP"][3].value == "-"
    assert rows["SPBE"][4].protection.locked is False and rows["SPBE"][0].protection.locked is True
    assert any("E" in str(v.sqref) for v in sheet.data_validations.dataValidation)
    rows["SPBE"][4].value = 2.75
    rows["PDN"][4].value = 47.5
    buffer = io.BytesIO()
    book.save(buffer)
    result = ingest_bytes(engine, "templat_31.xlsx", buffer.getvalue(), Upload(user="clerk31"))
    assert result.status == "accepted", result.issues
    assert (result.rows.inserted, result.issues) == (2, [])
    frame = queries.current_observations(engine, queries.Filters(agency="31", year=2024, quarter=4))
    assert dict(zip(frame.indicator_code, frame.value)) == {"SPBE": 2.75, "PDN": 47.5}
    assert frame.target.isna().all()  # the reference target is shown, never stored


def test_roles_constant_lists_the_four_roles():
    assert ROLES == ("admin", "reviewer", "analyst", "agency")


def test_catalogue_changes_are_audited_with_before_and_after(engine, tmp_path):
    import shutil

    from etl.store.catalogue import reference_dir, refresh_reference

    folder = tmp_path / "rb"
    shutil.copytree(reference_dir(), folder)
    targets = (folder / "targets.csv").read_text(encoding="utf-8")
    (folder / "targets.csv").write_text(
        targets.replace(
            "RB-2020-2024,SPBE,ID,2024,target,2.60", "RB-2020-2024,SPBE,ID,2024,target,2.70"
        ),
        encoding="utf-8",
    )
    assert refresh_reference(engine, folder, actor="admin")["target"] == 1
    change = audit_frame(engine, action="catalogue_change", actor="admin").iloc[0]
    assert change.entity == "target:RB-2020-2024/SPBE/ID/2024/target"
    assert (change.before, change.after) == ({"value": 2.6}, {"value": 2.7})
    assert refresh_reference(engine, folder, actor="admin")["target"] == 0  # idempotent


def test_an_agencys_action_plan_waits_for_review_too(engine, tmp_path):
    from etl.store.action_plans import current_actions

    header = ["tema", "permasalahan", "rencana_aksi", "indikator_output", "satuan_output",
              "target_tw1", "target_tw2", "target_tw3", "target_tw4", "anggaran"]  # fmt: skip
    row = ["KEMISKINAN", "Data tidak padu", "Verifikasi DTKS", "Dokumen DTKS", "Dokumen",
           "1 Dokumen", "1 Dokumen", "1 Dokumen", "1 Dokumen", "Rp 1.000.000"]  # fmt: skip
    sheet = [["RENCANA AKSI"], ["Kode Instansi", "31"], ["Tahun", 2024], [], header, row]
    path = make_xlsx(tmp_path / "renaksi.xlsx", sheet, sheet="Rencana Aksi")
    result = ingest_path(engine, path, Upload(user="clerk31", review="pending"))
    assert result.status == "accepted", result.issues
    official = queries.Filters(agency="31", year=2024)
    assert current_actions(engine, official).empty
    waiting = current_actions(engine, queries.Filters(agency="31", year=2024, include_pending=True))
    assert list(waiting.action) == ["Verifikasi DTKS"] and list(waiting.review) == ["pending"]
    review.approve(engine, result.submission_id, actor="reviewer1")
    assert list(current_actions(engine, official).review) == ["approved"]


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        # TW3 ends 30 Sep; with 45 days it is locked from 15 Nov (lock_date): on 10 Oct it is
        # still the one to report, on 2 Dec the quarter in progress (TW4) is.
        (dt.date(2026, 10, 10), (2026, 3)),
        (dt.date(2026, 12, 2), (2026, 4)),
        # TW4 2026 ends 31 Dec: on 20 Jan 2027 it is open (locked from 15 Feb).
        (dt.date(2027, 1, 20), (2026, 4)),
    ],
)
def test_the_template_offers_the_period_the_agency_still_has_to_report(engine, today, expected):
    assert periods.period_to_report(engine, "31", today) == expected


def test_a_reopened_period_is_offered_again(engine):
    periods.reopen(engine, "31", 2026, 3, reason="Banjir", actor="admin", days=100000)
    assert periods.period_to_report(engine, "31", dt.date(2026, 12, 2)) == (2026, 3)
    assert periods.period_to_report(engine, "32", dt.date(2026, 12, 2)) == (2026, 4)


@pytest.mark.parametrize(
    ("zone", "locked"),
    # 14 Nov 2026 17:30 UTC is 15 Nov 00:30 in Jakarta (the lock day of TW3) but still 14 Nov
    # 12:30 in New York: the period locks by the reporters' calendar, not the server's.
    [("Asia/Jakarta", True), ("America/New_York", False)],
)
def test_a_period_locks_at_midnight_in_the_apps_time_zone(engine, monkeypatch, zone, locked):
    from etl.core import clock

    monkeypatch.setenv("RB_TIMEZONE", zone)
    moment = dt.datetime(2026, 11, 14, 17, 30, tzinfo=dt.UTC)
    today = clock.today(moment)
    assert today == (dt.date(2026, 11, 15) if locked else dt.date(2026, 11, 14))
    assert periods.lock_date(2026, 3) == dt.date(2026, 11, 15)
    assert periods.is_locked(engine, "31", 2026, 3, today) is locked
