"""`python -m etl demo`: seeded, clearly labelled demo submissions, through the real ingest;
skipped when the same seed and files are already loaded (etl.demo.fingerprint)."""

from __future__ import annotations

import sys
from pathlib import Path

from etl.cli.common import EXIT_OK, EXIT_REJECTED, command, ready_engine
from etl.cli.ingest import print_result
from etl.core.states import ACCEPTED, REJECTED

SKIPPED = (
    "Data demo sudah dimuat (seed dan berkas sama): dilewati / Demo data already loaded (same "
    "seed and files): skipped (--force: muat ulang / reload)"
)


def register(subparsers) -> None:
    p = command(
        subparsers, "demo", run, "load seeded, clearly labelled demo submissions (2020-2025)"
    )
    p.add_argument("--seed", type=int, default=2024, help="random seed (default: 2024)")
    p.add_argument("--out", type=Path, help="keep the generated workbooks in this folder")
    p.add_argument(
        "--force",
        action="store_true",
        help="load even when the same seed and files are already loaded (without it, and "
        "without --out, such a run is skipped)",
    )


def run(args) -> int:
    from etl.cli.progress import Counter
    from etl.demo.load import is_loaded, load_demo

    found = ready_engine(args)
    # --out asks for the workbooks: they are only written by a load.
    if not (args.force or args.out) and is_loaded(found, args.seed):
        print(SKIPPED)
        return EXIT_OK
    bar: Counter | None = None

    def notify(step: str, done: int, total: int) -> None:
        nonlocal bar
        if step == "rebuild":
            if bar is not None:
                bar.close()
            print("Demo: menghitung ulang status / recomputing the statuses …", file=sys.stderr, flush=True)  # fmt: skip
            return
        if bar is None:
            bar = Counter("Demo: berkas dimuat / files loaded", total, "berkas / files")
        bar.update(done)

    print(f"Demo: memuat / loading (seed {args.seed}) …", file=sys.stderr, flush=True)
    results = load_demo(found, seed=args.seed, keep=args.out, notify=notify)
    rejected = [r for r in results if r.status == REJECTED]
    for result in rejected:
        print_result(result)
    stored = sum(1 for r in results if r.status == ACCEPTED)
    print(
        f"Demo: {len(results)} berkas / files ({stored} disimpan / stored), "
        f"{len(rejected)} ditolak / rejected"
    )
    return EXIT_REJECTED if rejected else EXIT_OK
