"""The review page as a reviewer works through a queue (issue 17): the filters narrow it,
several submissions are approved or returned with one button (each decided and audited as a
single one, stored statuses in step), a return needs its reason, and "Semua pengiriman" lists
every submission with its origin (the app, the command line, the demo), a page at a time."""

from __future__ import annotations

import pytest
from builders import long_rows, make_xlsx

from etl import ingest
from etl.access import accounts, review
from etl.cli.main import main
from etl.ingest import Upload
from etl.report.assessment_check import differences
from etl.store.audit import audit_frame
from etl.store.queries import Filters, current_observations
from ui import submission_list

HEADER = ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai", "keterangan",
          "tautan_bukti"]  # fmt: skip
PANRB, KEMENKEU = "KL.KEMENPANRB", "KL.KEMENKEU"


def _load(engine, tmp_path, name, rows, upload):
    path = make_xlsx(tmp_path / name, long_rows(*rows, header=HEADER))
    checked = ingest.check(engine, name, path.read_bytes(), upload)
    assert checked.accepted, [i.code for i in checked.result.issues]
    return ingest.commit(engine, checked).submission_id


def _clerk(agency: str) -> Upload:
    return Upload(
        user=f"clerk_{agency}", source="upload", review="pending", enforce_locks=False,
        may_change_national=False, allowed_agencies=frozenset({agency}),
    )  # fmt: skip


@pytest.fixture
def two_waiting(engine, tmp_path):
    """Official PDN quarters of both agencies, then one file of each waiting: PANRB's value
    far off its history (an outlier warning), KEMENKEU's in line with a correction of TW4."""
    for agency in (PANRB, KEMENKEU):
        history = [[agency, "PDN", 2024, q, 40 + q, "", ""] for q in (1, 2, 3, 4)]
        _load(engine, tmp_path, f"resmi_{agency}.xlsx", history, Upload(user="admin"))
    panrb = _load(engine, tmp_path, "panrb.xlsx", [[PANRB, "PDN", 2025, 1, 95, "e-katalog", ""]],
                  _clerk(PANRB))  # fmt: skip
    rows = [[KEMENKEU, "PDN", 2024, 4, 44.5, "koreksi", ""], [KEMENKEU, "PDN", 2025, 1, 45, "", ""]]
    kemenkeu = _load(engine, tmp_path, "kemenkeu.xlsx", rows, _clerk(KEMENKEU))
    return panrb, kemenkeu


@pytest.fixture
def reviewer(engine, signed_in):
    account = accounts.create_user(engine, "rev", "reviewer", actor="test")[0]
    return lambda **params: signed_in(account, "review", **params)


def _frame(at, column):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def _official(engine, agency):
    frame = current_observations(engine, Filters(agency=agency, indicator="PDN", year=2025))
    return list(frame.value)


def test_both_chosen_are_approved_each_audited_and_the_statuses_follow(
    engine, two_waiting, reviewer
):
    panrb, kemenkeu = two_waiting
    at = reviewer()
    assert at.multiselect(key="url_rsub").value == [panrb]  # the oldest, as before
    assert at.multiselect(key="url_rsub").placeholder == "Pilih pengiriman"  # not Streamlit's
    at.multiselect(key="url_rsub").set_value([panrb, kemenkeu]).run()
    values = _frame(at, "Pengiriman")  # several chosen: each value says its submission
    assert sorted(values["Pengiriman"]) == [panrb, kemenkeu, kemenkeu]
    assert at.button(key="approve").label == "Setujui 2 pengiriman"
    at.text_area(key="review_comment").input("sesuai bukti").run()
    at.button(key="approve").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.success[0].value == f"2 pengiriman disetujui: {panrb}, {kemenkeu}."
    assert review.pending_submissions(engine).empty
    assert _official(engine, PANRB) == [95] and _official(engine, KEMENKEU) == [45]
    audit = audit_frame(engine, action="review_approved")
    assert sorted(audit.entity) == [f"submission:{panrb}", f"submission:{kemenkeu}"]
    assert set(audit.actor) == {"rev"}
    assert differences(engine) == (0, [])  # the stored statuses moved with both approvals
    assert at.info[0].value == "Tidak ada pengiriman yang menunggu."


def test_a_return_of_several_needs_its_reason_then_returns_each(engine, two_waiting, reviewer):
    panrb, kemenkeu = two_waiting
    at = reviewer(lang="en")
    at.multiselect(key="url_rsub").set_value([panrb, kemenkeu]).run()
    at.button(key="return").click().run()
    assert len(at.error) == 1 and "comment" in at.error[0].value.lower()  # said once
    assert len(review.pending_submissions(engine)) == 2  # nothing decided
    assert audit_frame(engine, action="review_returned").empty

    at.text_area(key="review_comment").input("Lampirkan bukti PDN").run()
    at.button(key="return").click().run()
    assert at.success[0].value == f"2 submissions returned: {panrb}, {kemenkeu}."
    audit = audit_frame(engine, action="review_returned")
    assert sorted(audit.entity) == [f"submission:{panrb}", f"submission:{kemenkeu}"]
    seen = review.submissions_for(engine, [PANRB, KEMENKEU]).set_index("id").loc[[panrb, kemenkeu]]
    assert set(seen.review_status) == {"returned"}
    assert set(seen.review_comment) == {"Lampirkan bukti PDN"}
    assert _official(engine, PANRB) == [] and _official(engine, KEMENKEU) == []


def test_one_already_decided_is_told_and_the_other_still_approved(engine, two_waiting, reviewer):
    panrb, kemenkeu = two_waiting
    at = reviewer()
    at.multiselect(key="url_rsub").set_value([panrb, kemenkeu]).run()
    review.approve(engine, panrb, actor="rev2")  # another reviewer, meanwhile
    at.button(key="approve").click().run()
    assert not at.exception
    assert f"Pengiriman {panrb} sudah diputuskan" in at.error[0].value
    assert at.success[0].value == f"Pengiriman {kemenkeu} disetujui."
    assert sorted(audit_frame(engine, action="review_approved").actor) == ["rev", "rev2"]


def test_the_filters_narrow_the_queue(engine, two_waiting, reviewer):
    panrb, kemenkeu = two_waiting
    at = reviewer()
    assert any("2 dari 2 pengiriman" in c.value for c in at.caption)
    at.selectbox(key="url_ragency").set_value(KEMENKEU).run()
    assert list(_frame(at, "warned").id) == [kemenkeu]
    assert at.multiselect(key="url_rsub").options == [f"{kemenkeu} · kemenkeu.xlsx"]
    at.selectbox(key="url_ragency").set_value("all").run()
    at.toggle(key="url_rwarned").set_value(True).run()  # only PANRB's value is far off
    waiting = _frame(at, "warned")
    assert list(waiting.id) == [panrb] and list(waiting.warned) == [1]
    at.selectbox(key="url_rperiod").set_value("2024-4").run()  # PANRB sent no TW4 value
    assert any("Tidak ada pengiriman menunggu yang sesuai" in i.value for i in at.info)
    assert at.button(key="approve").disabled
    at.toggle(key="url_rwarned").set_value(False).run()
    assert list(_frame(at, "warned").id) == [kemenkeu]
    at.multiselect(key="url_rsub").set_value([kemenkeu]).run()
    shown = _frame(at, "Peringatan")  # the chosen submission's values in that quarter only
    assert list(shown["Periode"]) == ["TW4 2024"] and list(shown["Nilai lama"]) == ["44,00"]
    assert any("1 dari 2 nilai" in c.value for c in at.caption)


def test_all_submissions_show_their_origin_a_page_at_a_time(
    engine, two_waiting, reviewer, tmp_path, monkeypatch, fresh_url
):
    rows = long_rows(["KL.KEMENKEU", "PDN", 2023, 4, 44], header=HEADER[:5])
    assert main(["ingest", str(make_xlsx(tmp_path / "cli.xlsx", rows)), "--db", fresh_url]) == 0
    demo = Upload(user="demo", source="demo")
    _load(engine, tmp_path, "DEMO_x.xlsx", [["KL.BPS", "PDN", 2024, 1, 55, "", ""]], demo)
    at = reviewer()
    assert not any("Belum ada pengiriman" in c.value for c in at.caption)
    every = _frame(at, "source")
    # two official loads, two waiting, the command line's, the demo's, `etl init`'s national
    assert len(every) == 7
    assert set(every.source) == {"unggahan", "baris perintah", "data demo", "data rujukan nasional"}
    assert every.loc[every.file_name == "cli.xlsx", "uploaded_by"].item() == "cli"
    assert "–" in set(every.reviewed_at) and "None" not in every.to_string()

    monkeypatch.setattr(submission_list, "PAGE", 4)
    at.run()
    assert any(c.value.startswith("Pengiriman 1–4 dari 7") for c in at.caption)
    at.selectbox(key="url_rpage").set_value(2).run()
    assert len(_frame(at, "source")) == 3
    at.selectbox(key="url_rorigin").set_value("cli").run()
    assert list(_frame(at, "source").file_name) == ["cli.xlsx"]


def test_the_demo_database_lists_its_submissions(app, open_page, demo_url):
    """The demo's files (source demo, none waiting) were missing from "Semua pengiriman",
    which said "Belum ada pengiriman" while the list read only the app's uploads."""
    from etl.store.database import make_engine

    engine = make_engine(demo_url)
    total = len(review.submissions_for(engine, None, origins=review.ORIGINS))
    engine.dispose()
    at = open_page(app, "review")
    assert at.info[0].value == "Tidak ada pengiriman yang menunggu."
    assert not any("Belum ada pengiriman" in c.value for c in at.caption)
    assert any(c.value == f"Pengiriman 1–50 dari {total}, terbaru dahulu." for c in at.caption)
    every = _frame(at, "source")
    assert len(every) == 50 and set(every.source) == {"data demo"} and total > 200
