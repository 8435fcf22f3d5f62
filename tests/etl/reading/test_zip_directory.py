"""Issue 11, "the zip directory parsed once": reading an .xlsx or .ods opens its archive once
(the sniff, the pre-scan and the part-name repair share it), and the archive is not kept after
the read."""

from __future__ import annotations

import zipfile

import pytest
from builders import long_rows, make_ods, make_xlsx

from etl.reading import zip_directory
from etl.reading.read import read_workbook

ROWS = long_rows(["31", "PDN", 2024, 1, 12.5])


@pytest.fixture
def openings(monkeypatch):
    """How often Python's zipfile parsed a directory for reading."""
    real, seen = zipfile.ZipFile.__init__, []

    def counted(self, file, mode="r", *args, **kwargs):
        if mode == "r":
            seen.append(file)
        real(self, file, mode, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "__init__", counted)
    return seen


@pytest.mark.parametrize("make", [make_xlsx, make_ods], ids=["xlsx", "ods"])
def test_a_workbook_is_opened_once_per_read(tmp_path, openings, make):
    path = make(tmp_path / f"laporan.{'xlsx' if make is make_xlsx else 'ods'}", ROWS)
    book = read_workbook(path.name, path.read_bytes())
    assert book.sheets[0].data_rows(), "the file was read"
    assert len(openings) == 1
    assert zip_directory._opened.get() is None, "nothing kept after the read"


def test_outside_a_read_every_call_parses_afresh(tmp_path, openings):
    data = make_xlsx(tmp_path / "a.xlsx", ROWS).read_bytes()
    assert zip_directory.open_zip(data) is not zip_directory.open_zip(data)
    with zip_directory.once_per_read():
        assert zip_directory.open_zip(data) is zip_directory.open_zip(data)
    assert len(openings) == 3


def test_a_damaged_directory_raises_to_every_caller(tmp_path):
    with zip_directory.once_per_read():
        for _ in range(2):
            with pytest.raises(zipfile.BadZipFile):
                zip_directory.open_zip(b"PK\x03\x04 not a zip at all")
