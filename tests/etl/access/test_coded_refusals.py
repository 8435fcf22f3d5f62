"""Accounts' and reviews' refusals come from the one message table, with a code, its parameters
and both languages; and the small account rules of issue 13 (#10, #11)."""

from __future__ import annotations

import pytest
from builders import long_rows, make_xlsx

from etl.access import accounts, review
from etl.core import messages
from etl.core.issues import CodedError
from etl.ingest import Upload, ingest_path
from etl.store.audit import audit_frame

ACCESS_CODES = {
    "invalid_credentials", "account_locked", "account_disabled", "weak_password",
    "password_reused", "username_too_long", "unknown_user", "user_exists", "bad_role",
    "agency_required", "review_unknown", "review_already_decided", "review_conflict",
    "review_comment_required",
}  # fmt: skip


def test_every_access_code_is_in_the_one_table_in_both_languages():
    assert set(messages.MESSAGES) >= ACCESS_CODES
    for code in ACCESS_CODES:
        text = messages.MESSAGES[code]
        assert text.severity == "error" and text.id and text.en and text.id != text.en


def test_refusals_carry_code_parameters_and_both_texts():
    error = accounts.AuthError("unknown_user", user="budi")
    assert isinstance(error, CodedError)
    assert (error.code, error.params) == ("unknown_user", {"user": "budi"})
    assert error.message_id == "Pengguna budi tidak ada."
    assert error.message_en == "There is no user budi." == str(error)
    assert error.bilingual() == "Pengguna budi tidak ada. / There is no user budi."
    assert error.issue.code == "unknown_user"
    # Still a ValueError for callers (the CLI) that catch that.
    refused = review.ReviewError("review_comment_required")
    assert isinstance(refused, ValueError) and isinstance(refused, CodedError)


def _pending(engine, tmp_path, value=44):
    path = make_xlsx(tmp_path / f"k{value}.xlsx", long_rows(["31", "PDN", 2023, 4, value]))
    result = ingest_path(engine, path, Upload(user="clerk31", review="pending"))
    assert result.status == "accepted", result.issues
    return result.submission_id


def test_a_decided_submission_is_refused_with_the_already_decided_code(engine, tmp_path):
    sid = _pending(engine, tmp_path)
    review.approve(engine, sid, actor="rev1")
    for decide in (
        lambda: review.approve(engine, sid, actor="rev2"),
        lambda: review.return_submission(engine, sid, actor="rev2", comment="salah"),
    ):
        with pytest.raises(review.ReviewError) as refused:
            decide()
        assert refused.value.code == "review_already_decided"
        assert refused.value.params["submission"] == sid
        assert "disetujui" in refused.value.message_id and "approved" in refused.value.message_en
    assert list(audit_frame(engine, action="review_approved").actor) == ["rev1"]
    assert audit_frame(engine, actor="rev2").empty  # the loser changed nothing
    with pytest.raises(review.ReviewError) as unknown:
        review.approve(engine, 999_999, actor="rev1")
    assert unknown.value.code == "review_unknown"
    with pytest.raises(review.ReviewError) as empty:
        review.return_submission(engine, _pending(engine, tmp_path, 45), actor="rev", comment=" ")
    assert empty.value.code == "review_comment_required"


def test_a_wrong_password_on_a_disabled_account_says_only_wrong_password(engine):
    _, password = accounts.create_user(engine, "gone", "analyst", actor="admin")
    accounts.disable_user(engine, "gone", actor="admin")
    with pytest.raises(accounts.AuthError) as wrong:
        accounts.authenticate(engine, "gone", "not-the-password")
    assert wrong.value.code == "invalid_credentials"
    with pytest.raises(accounts.AuthError) as right:
        accounts.authenticate(engine, "gone", password)
    assert right.value.code == "account_disabled"  # told only to whoever knows the password


def test_the_new_password_may_not_be_the_one_time_password(engine):
    _, once = accounts.create_user(engine, "ani", "analyst", actor="admin")
    with pytest.raises(accounts.AuthError) as same:
        accounts.change_password(engine, "ani", once, once)
    assert same.value.code == "password_reused"
    assert accounts.get_account(engine, "ani").must_change_password


def test_a_password_change_or_reset_gives_the_account_a_new_session_stamp(engine):
    made, once = accounts.create_user(engine, "ani", "analyst", actor="admin")
    assert made.stamp and accounts.authenticate(engine, "ani", once).stamp == made.stamp
    changed = accounts.change_password(engine, "ani", once, "a-long-new-secret")
    assert changed.stamp not in ("", made.stamp)
    assert accounts.get_account(engine, "ani").stamp == changed.stamp
    accounts.reset_password(engine, "ani", actor="admin")
    assert accounts.get_account(engine, "ani").stamp not in (made.stamp, changed.stamp)


def test_an_overlong_user_name_is_a_coded_refusal_on_both_backends(engine):
    long_name = "u" * 121
    for attempt in (
        lambda: accounts.create_user(engine, long_name, "analyst", actor="admin"),
        lambda: accounts.authenticate(engine, long_name, "whatever"),
        lambda: accounts.oidc_account(engine, subject="s-long", email=long_name, name="X"),
    ):
        with pytest.raises(accounts.AuthError) as refused:
            attempt()
        assert refused.value.code == "username_too_long"
        assert "121" in refused.value.message_en and "121" in refused.value.message_id
    assert accounts.list_users(engine) == []
    # The longest allowed name fits the account and its audit rows on PostgreSQL too.
    longest = "u" * accounts.MAX_USERNAME
    _, once = accounts.create_user(engine, longest, "analyst", actor="admin")
    assert accounts.authenticate(engine, longest, once).username == longest
