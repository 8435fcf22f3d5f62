"""The upload flow through AppTest: template round trip, dry run, confirm and receipt, review,
another agency's rows, a locked period and its reopening, the issue list download."""

from __future__ import annotations

import pytest

from etl.access import accounts
from etl.core import clock
from etl.report.template import template_workbook
from etl.store import queries

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture
def people(engine):
    def make(name, role, agency=None):
        return accounts.create_user(engine, name, role, agency=agency, actor="test")[0]

    return {
        "agency": make("kemenpan", "agency", "KL.KEMENPANRB"),
        "reviewer": make("rev", "reviewer"),
        "admin": make("boss", "admin"),
    }


@pytest.fixture
def open_periods(monkeypatch):
    monkeypatch.setenv("RB_LOCK_DAYS", "100000")


def _uploads(engine) -> int:
    return int((queries.submissions(engine).source == "upload").sum())


def _official(engine):
    return queries.current_observations(engine, queries.Filters(agency="KL.KEMENPANRB"))


def _frame(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _send(at, name, content):
    at.file_uploader[0].set_value((name, content, XLSX)).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _read(shown) -> float:
    """A number as the table shows it: the reader's text ("77,50") where the column has gaps
    (shown "–", ui.views.show_table), else the number itself."""
    return float(str(shown).replace(".", "").replace(",", ".")) if isinstance(shown, str) else shown


def _button(at, key):
    return at.button(key=key)


def test_template_round_trip_dry_run_confirm_review_and_agency_page(
    engine, people, open_periods, signed_in, fill_template
):
    filled = fill_template(
        template_workbook(engine, "KL.KEMENPANRB", 2026, 3), {"IRB": 77.5, "SPBE": 3.9}
    )
    at = signed_in(people["agency"], "upload", tagency="KL.KEMENPANRB", tyear="2026", tquarter="3")
    assert at.get("download_button")[0].label == "Unduh templat (XLSX)"
    _send(at, "templat.xlsx", filled)
    assert "siap disimpan" in at.success[0].value
    changes = _frame(at, "Nilai baru")
    assert sorted(changes["Indikator"]) == ["IRB", "SPBE"]
    assert set(changes["Jenis"]) == {"baru"}
    assert _uploads(engine) == 0  # the dry run stored nothing

    _button(at, "confirm_upload").click().run()
    assert not at.exception
    sent = queries.submissions(engine).query("source == 'upload'").reset_index()
    assert len(sent) == 1
    receipt = next(s.value for s in at.success if "SHA-256" in s.value)
    assert f"Pengiriman {int(sent.id[0])}" in receipt and sent.sha256[0] in receipt
    assert any("menunggu tinjauan" in c.value for c in at.caption)
    assert list(_frame(at, "Status tinjauan")["Status tinjauan"]) == ["menunggu tinjauan"]
    # Awaiting review: not in the official view yet.
    assert _official(engine).empty

    rev = signed_in(people["reviewer"], "review")
    assert list(_frame(rev, "agencies").agencies) == ["KL.KEMENPANRB"]
    queued = _frame(rev, "Peringatan")  # the queue with its context (issue 17)
    assert sorted(queued["Nilai baru"]) == ["3,90", "77,50"]
    assert queued["Indikator"].str.startswith(("IRB · ", "SPBE · ")).all()
    rev.button(key="approve").click().run()
    assert "disetujui" in rev.success[0].value
    assert rev.info[0].value == "Tidak ada pengiriman yang menunggu."

    page = signed_in(people["agency"], "agency", year="2026", quarter="3")
    assert page.title[0].value.startswith("Kementerian Pendayagunaan Aparatur Negara")
    card = _frame(page, "target_used").set_index("indicator")
    assert _read(card.loc["Indeks Reformasi Birokrasi", "value"]) == 77.5


def test_returned_submission_shows_the_reviewers_comment_to_the_agency(
    engine, people, open_periods, signed_in, fill_template
):
    filled = fill_template(template_workbook(engine, "KL.KEMENPANRB", 2026, 2), {"IRB": 70})
    at = _send(signed_in(people["agency"], "upload"), "tw2.xlsx", filled)
    _button(at, "confirm_upload").click().run()
    rev = signed_in(people["reviewer"], "review")
    rev.button(key="return").click().run()
    assert "Tulis komentar" in rev.error[0].value  # a return needs a comment
    rev.text_area[0].input("Lampirkan bukti IRB").run()
    rev.button(key="return").click().run()
    assert "dikembalikan" in rev.success[0].value
    mine = _frame(signed_in(people["agency"], "upload"), "Komentar peninjau")
    assert list(mine["Komentar peninjau"]) == ["Lampirkan bukti IRB"]
    assert list(mine["Status tinjauan"]) == ["dikembalikan"]


def test_agency_cannot_send_another_agencys_rows(
    engine, people, open_periods, signed_in, fill_template
):
    other = fill_template(template_workbook(engine, "KL.KEMENKEU", 2026, 3), {"IRB": 80})
    at = _send(signed_in(people["agency"], "upload"), "kemenkeu.xlsx", other)
    assert any("ditolak, tidak ada yang disimpan" in e.value for e in at.error)
    issues = _frame(at, "Pesan (English)")
    assert "KL.KEMENKEU" in " ".join(issues["Pesan (English)"])
    assert all(c for c in issues["Sel"])
    assert not [b for b in at.button if b.key == "confirm_upload"]
    assert at.get("download_button")[-1].label == "Unduh daftar masalah (XLSX)"
    assert _uploads(engine) == 0
    # The template offers the account's own agency only.
    assert at.selectbox(key="url_tagency").options == ["KL.KEMENPANRB · " + _name(engine)]


def _name(engine):
    from etl.store.catalogue import load_catalogue

    return load_catalogue(engine).agencies["KL.KEMENPANRB"].name


def test_locked_period_is_refused_until_an_admin_reopens_it(
    engine, people, signed_in, fill_template
):
    late = fill_template(template_workbook(engine, "KL.KEMENPANRB", 2025, 1), {"IRB": 71})
    at = _send(signed_in(people["agency"], "upload"), "late.xlsx", late)
    issues = _frame(at, "Kode")
    assert "period_locked" in set(issues["Kode"])
    assert _uploads(engine) == 0

    admin = signed_in(people["admin"], "users")
    admin.selectbox(key="lock_agency").set_value("KL.KEMENPANRB")
    admin.selectbox(key="lock_year").set_value(2025)
    admin.selectbox(key="lock_quarter").set_value(1).run()
    admin.button(key="reopen").click().run()
    assert "Tulis alasannya." in admin.error[0].value
    admin.text_input(key="lock_reason").input("Surat keterlambatan 12/2025").run()
    admin.button(key="reopen").click().run()
    assert "dibuka kembali" in admin.success[0].value

    again = _send(signed_in(people["agency"], "upload"), "late.xlsx", late)
    assert "siap disimpan" in again.success[0].value
    again.button(key="confirm_upload").click().run()
    assert _uploads(engine) == 1


def test_admin_upload_is_official_at_once_and_the_switch_shows_pending_values(
    engine, people, open_periods, signed_in, fill_template
):
    official = fill_template(template_workbook(engine, "KL.KEMENPANRB", 2026, 3), {"IRB": 75})
    admin = _send(signed_in(people["admin"], "upload"), "admin.xlsx", official)
    admin.button(key="confirm_upload").click().run()
    assert not _official(engine).empty
    newer = fill_template(template_workbook(engine, "KL.KEMENPANRB", 2026, 3), {"IRB": 79})
    agency = _send(signed_in(people["agency"], "upload"), "agency.xlsx", newer)
    changes = _frame(agency, "Nilai baru")
    assert list(changes["Jenis"]) == ["diubah"] and list(changes["Nilai lama"]) == [75]
    agency.button(key="confirm_upload").click().run()

    page = signed_in(people["admin"], "agency", agency="KL.KEMENPANRB", year="2026", quarter="3")
    card = _frame(page, "target_used").set_index("indicator")
    assert _read(card.loc["Indeks Reformasi Birokrasi", "value"]) == 75  # approved only
    page.toggle(key="url_pending").set_value(True).run()
    card = _frame(page, "target_used").set_index("indicator")
    assert _read(card.loc["Indeks Reformasi Birokrasi", "value"]) == 79
    assert page.query_params["pending"] in ("1", ["1"])


def test_rad_action_plan_takes_agency_and_theme_from_the_form(engine, people, signed_in, tmp_path):
    from builders import RAD_MERGED, make_xlsx, rad_rows

    from etl.store.action_plans import current_actions

    # Title says the year (2024); nothing in the file says the agency or the theme.
    rad = make_xlsx(
        tmp_path / "RAD.xlsx", rad_rows(indicator="Penurunan angka kemiskinan"), sheet="RAD",
        merged=RAD_MERGED,
    ).read_bytes()  # fmt: skip
    at = _send(signed_in(people["admin"], "upload"), "RAD.xlsx", rad)
    assert "action_missing_context" in " ".join(str(v) for v in _frame(at, "Kode").Kode)
    at.selectbox(key="form_agency").set_value("31.71")
    at.selectbox(key="form_theme").set_value("KEMISKINAN").run()
    assert not at.exception and "siap disimpan" in at.success[0].value
    at.button(key="confirm_upload").click().run()
    stored = current_actions(engine, queries.Filters(agency="31.71", year=2024))
    assert len(stored) == 2 and set(stored.theme) == {"KEMISKINAN"}


class _Counting:
    """The reading of uploads (worker process included) as etl.ingest calls it, counted."""

    def __init__(self, real):
        self.real, self.opened = real, 0

    def __call__(self, *args, **kwargs):
        self.opened += 1
        return self.real(*args, **kwargs)


def test_a_confirmed_upload_is_read_once_and_confirm_only_commits(
    engine, people, open_periods, signed_in, fill_template, monkeypatch
):
    # The dry run reads, scans and validates the file; confirm stores exactly what was checked
    # (planned again against what is current), without reading the workbook a second time.
    from etl import ingest

    counting = _Counting(ingest.read_upload)
    monkeypatch.setattr(ingest, "read_upload", counting)
    filled = fill_template(template_workbook(engine, "KL.KEMENPANRB", 2026, 3), {"IRB": 71.0})
    at = _send(signed_in(people["agency"], "upload"), "tw3.xlsx", filled)
    assert counting.opened == 1
    assert _uploads(engine) == 0
    _button(at, "confirm_upload").click().run()
    assert not at.exception
    assert counting.opened == 1, "confirm read the file again"
    assert _uploads(engine) == 1


def test_the_template_starts_at_the_period_to_report_and_warns_of_a_locked_one(
    engine, people, signed_in
):

    from etl.store import periods

    due = periods.period_to_report(engine, "KL.KEMENPANRB", clock.today())
    at = signed_in(people["agency"], "upload")
    assert (at.selectbox(key="url_tyear").value, at.selectbox(key="url_tquarter").value) == due
    assert not at.warning
    # Three years back is long locked: said before anyone fills the template in.
    at.selectbox(key="url_tyear").set_value(due[0] - 3).run()
    assert any("sudah dikunci" in w.value for w in at.warning)


def test_an_ended_ministry_is_not_offered_after_its_cabinet(engine, people, signed_in):
    at = signed_in(people["admin"], "upload", tyear="2025", tquarter="1")
    offered = at.selectbox(key="url_tagency").options
    assert not any(o.startswith("KL.KEMENKOPOLHUKAM ") for o in offered)
    assert any(o.startswith("KL.KEMENKOPOLKAM ") for o in offered)
    at = signed_in(people["admin"], "upload", tyear="2024", tquarter="3")
    assert any(o.startswith("KL.KEMENKOPOLHUKAM ") for o in at.selectbox(key="url_tagency").options)


def test_a_database_without_demo_values_shows_no_demo_notice(engine, people, signed_in):
    at = signed_in(people["admin"], "overview")
    assert not any("DATA DEMO" in w.value for w in at.warning)


def test_a_damaged_file_shows_the_readers_detail_beside_the_messages(engine, people, signed_in):
    # Issue 14: the reader's English text is not inside either message, but a helper can see it.
    at = _send(signed_in(people["agency"], "upload"), "rusak.xlsx", b"PK\x03\x04" + bytes(300))
    table = _frame(at, "Kode")
    (issue,) = table.to_dict("records")
    assert issue["Kode"] == "corrupt_file"
    detail = issue["Rincian teknis (dari pembaca berkas)"]
    assert detail and detail not in issue["Pesan (Bahasa Indonesia)"]
    assert detail not in issue["Pesan (English)"]
