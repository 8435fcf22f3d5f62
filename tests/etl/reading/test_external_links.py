"""Issue 13 #11: a workbook whose formulas read other workbooks or DDE sources (cmd|...) is read
by its cached values, never by following the link, and the clerk is told so."""

from __future__ import annotations

import io
import zipfile

from builders import long_rows, make_xlsx

from etl.ingest import Upload, ingest_path

DDE_LINK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<ddeLink ddeService="cmd" ddeTopic="/c calc"><ddeItems><ddeItem name="A0"/></ddeItems>'
    b"</ddeLink></externalLink>"
)


def _with_part(path, name: str, content: bytes):
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, content)
    path.write_bytes(out.getvalue())
    return path


def test_linked_workbook_is_read_by_cached_values_with_a_warning(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "tautan.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    _with_part(path, "xl/externalLinks/externalLink1.xml", DDE_LINK)
    result = ingest_path(sqlite_engine, path, Upload())
    assert result.status == "accepted", result.issues
    warning = [i for i in result.issues if i.code == "external_links"]
    assert len(warning) == 1 and warning[0].severity == "warning"
    assert "tidak pernah diikuti" in warning[0].message_id
    assert "never followed" in warning[0].message_en


def test_a_workbook_without_links_carries_no_such_warning(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "biasa.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    result = ingest_path(sqlite_engine, path, Upload())
    assert "external_links" not in {i.code for i in result.issues}
