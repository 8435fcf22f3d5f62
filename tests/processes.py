"""Child processes for the tests, started from any folder: the project is found through
PYTHONPATH, never through the working directory (a test that passes only from the checkout's
root would hide a command that does not)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def project_env(**extra: str) -> dict[str, str]:
    """The environment with the project on PYTHONPATH (ahead of anything already there)."""
    paths = [str(ROOT), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths), **extra}


def run_etl(*args: str, cwd: Path, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    """`python -m etl ARGS…` in the folder `cwd` (a test's tmp_path), output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "etl", *args],
        cwd=cwd, env=project_env(), capture_output=True, text=True, timeout=timeout, **kwargs,
    )  # fmt: skip
