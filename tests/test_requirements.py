"""Runtime and development requirements apart (issue 17): `requirements.txt` carries what the
app and the command line import, `requirements-dev.txt` adds the test tools on top of it, and
nothing outside tests/ imports a test tool."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Package name on PyPI → the module it is imported as.
DEV_TOOLS = {
    "pytest": "pytest", "hypothesis": "hypothesis", "ruff": "ruff", "playwright": "playwright",
    "xlwt": "xlwt", "odfpy": "odf", "aiosmtpd": "aiosmtpd", "oidc-provider-mock": "oidc_provider_mock",
}  # fmt: skip


def _names(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [re.split(r"[<>=\[ ;]", line, maxsplit=1)[0].lower() for line in lines
            if line.strip() and not line.startswith(("#", "-r"))]  # fmt: skip


def test_the_runtime_carries_no_test_tool_and_dev_adds_them():
    runtime = _names(ROOT / "requirements.txt")
    assert not set(runtime) & set(DEV_TOOLS)
    dev = ROOT / "requirements-dev.txt"
    assert "-r requirements.txt" in dev.read_text(encoding="utf-8").splitlines()
    assert set(DEV_TOOLS) <= set(_names(dev))


def test_no_module_outside_the_tests_imports_a_test_tool():
    found = []
    for path in ROOT.rglob("*.py"):
        relative = path.relative_to(ROOT)
        # The benchmarks run with the development requirements (`make bench` installs them):
        # the browser benchmark drives Chromium through Playwright, as the tests do.
        if relative.parts[0] in ("tests", "bench", ".venv") or "site-packages" in relative.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found += [f"{relative}: {n}" for n in names if n.split(".")[0] in DEV_TOOLS.values()]
    assert found == []
