"""A ';' CSV is for Excel set to Indonesian: its numbers carry ',' as the decimal mark."""

from __future__ import annotations

import csv
import io

import pandas as pd

from etl.report.export import frame_csv


def test_semicolon_csv_writes_a_decimal_comma_and_comma_csv_a_point():
    frame = pd.DataFrame({"indicator_code": ["IRB"], "value": [81.25], "progress_ratio": [0.875]})
    assert frame_csv(frame, ";").decode("utf-8-sig").splitlines()[1] == "IRB;81,25;0,875"
    assert frame_csv(frame, ",").decode("utf-8-sig").splitlines()[1] == "IRB,81.25,0.875"


def test_semicolon_csv_keeps_number_like_codes_as_text_for_excel():
    # Regency 11.10 would open in Excel as the number 11,1 (Indonesian Excel: 1110); the ';'
    # file is Excel's, so its codes are ="11.10". The ',' file stays plain for other tools.
    frame = pd.DataFrame(
        {"agency_code": ["11.10", "KL.BPS"], "action_code": ["3201", "=1+1"], "value": [1.5, 2.0]}
    )
    text = frame_csv(frame, ";").decode("utf-8-sig")
    semicolon = list(csv.reader(io.StringIO(text), delimiter=";"))[1:]
    assert semicolon == [['="11.10"', '="3201"', "1,5"], ["KL.BPS", "'=1+1", "2,0"]]
    comma = frame_csv(frame, ",").decode("utf-8-sig").splitlines()[1:]
    assert comma == ["11.10,3201,1.5", "KL.BPS,'=1+1,2.0"]
