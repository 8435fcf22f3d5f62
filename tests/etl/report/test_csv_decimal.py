"""A ';' CSV is for Excel set to Indonesian: its numbers carry ',' as the decimal mark."""

from __future__ import annotations

import pandas as pd

from etl.report.export import frame_csv


def test_semicolon_csv_writes_a_decimal_comma_and_comma_csv_a_point():
    frame = pd.DataFrame({"indicator_code": ["IRB"], "value": [81.25], "progress_ratio": [0.875]})
    assert frame_csv(frame, ";").decode("utf-8-sig").splitlines()[1] == "IRB;81,25;0,875"
    assert frame_csv(frame, ",").decode("utf-8-sig").splitlines()[1] == "IRB,81.25,0.875"
