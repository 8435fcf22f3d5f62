"""The house of etl/ (ARCHITECTURE.md): arrows between its packages point one way, no module
imports another in a circle, and every module imports on its own in a fresh interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

from processes import project_env

ROOT = Path(__file__).resolve().parents[2]
ETL = ROOT / "etl"

# What each room may import besides itself (and indicators/, which everything may use).
BELOW_INGEST = {"checks", "reading", "store", "core"}
ALLOWED = {
    "core": set(),
    "reading": {"core"},
    "checks": {"reading", "core"},
    "store": {"core"},
    "access": {"store", "core"},
    "report": {"store", "core"},
    "ingest": BELOW_INGEST,
    "bootstrap": {"ingest"} | BELOW_INGEST,
    "demo": {"ingest"} | BELOW_INGEST,
    "cli": {"demo", "bootstrap", "ingest", "access", "report"} | BELOW_INGEST,
    "__main__": {"cli"},
}


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(ETL.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = path.relative_to(ROOT).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def room(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def imports(module: str, path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    known = modules()
    return {name for name in found if name in known and name != module}


def test_every_arrow_between_rooms_points_down():
    wrong = []
    for module, path in modules().items():
        here = room(module)
        for target in imports(module, path):
            there = room(target)
            if here is None or there is None or there == here:
                continue
            if there not in ALLOWED[here]:
                wrong.append(f"{module} → {target}")
    assert wrong == [], "imports against the house's arrows:\n" + "\n".join(sorted(wrong))


def test_package_init_files_import_nothing():
    # An __init__ that imports its modules turns every `from etl.x import y` into an arrow to all
    # of them, and hides circles.
    busy = [
        str(p.relative_to(ROOT))
        for p in ETL.rglob("__init__.py")
        if "migrations" not in p.parts and p.read_text(encoding="utf-8").strip()
    ]
    assert busy == []


def test_no_import_circle():
    graph = {m: imports(m, p) for m, p in modules().items()}
    circles, state = [], {}

    def visit(node, trail):
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                circles.append(" → ".join([*trail[trail.index(nxt) :], nxt]))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = "done"

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    assert circles == []


def _import_alone(module: str, folder: Path) -> tuple[str, str]:
    done = subprocess.run(
        [sys.executable, "-c", f"import importlib; importlib.import_module({module!r})"],
        cwd=folder,
        env=project_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    return module, done.stderr.strip().splitlines()[-1] if done.returncode else ""


def test_every_module_imports_alone_in_a_fresh_interpreter(tmp_path):
    alone = partial(_import_alone, folder=tmp_path)
    with ThreadPoolExecutor(max_workers=4) as pool:
        failures = [f"{m}: {e}" for m, e in pool.map(alone, modules()) if e]
    assert failures == []


def test_the_readme_layout_names_every_module():
    # The README's layout section is the newcomer's map: every package and module is on it.
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme.split("## Layout", 1)[1].split("\n## ", 1)[0]
    words = set(layout.replace(",", " ").replace("(", " ").replace(")", " ").split())
    missing = [
        module
        for module in modules()
        if module != "etl"
        and module.rsplit(".", 1)[-1] not in words
        and module.rsplit(".", 1)[-1] + ".py" not in words
        and module.rsplit(".", 1)[-1] + "/" not in words
    ]
    assert missing == [], f"README's layout does not name: {missing}"
