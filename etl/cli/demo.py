"""`python -m etl demo`: seeded, clearly labelled demo submissions, through the real ingest."""

from __future__ import annotations

from pathlib import Path

from etl.cli.common import EXIT_OK, EXIT_REJECTED, command, ready_engine
from etl.cli.ingest import print_result
from etl.core.states import REJECTED


def register(subparsers) -> None:
    p = command(
        subparsers, "demo", run, "load seeded, clearly labelled demo submissions (2020-2025)"
    )
    p.add_argument("--seed", type=int, default=2024, help="random seed (default: 2024)")
    p.add_argument("--out", type=Path, help="keep the generated workbooks in this folder")


def run(args) -> int:
    from etl.demo.observations import load_demo

    results = load_demo(ready_engine(args), seed=args.seed, keep=args.out)
    rejected = [r for r in results if r.status == REJECTED]
    for result in rejected:
        print_result(result)
    print(f"Demo: {len(results)} berkas / files, {len(rejected)} ditolak / rejected")
    return EXIT_REJECTED if rejected else EXIT_OK
