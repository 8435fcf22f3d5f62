"""A private PostgreSQL server that a test may stop and start (the shared one stays up)."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time

import pytest


class PrivatePostgres:
    def __init__(self, folder: str, port: int):
        self.folder, self.port = folder, port
        self.bin = sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1]
        self.url = f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"

    def _as_postgres(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        command = ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else list(args)
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=check)

    def init(self) -> None:
        self._as_postgres(
            f"{self.bin}/initdb", "-D", f"{self.folder}/data", "-A", "trust", "-U", "postgres"
        )

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._as_postgres(
            f"{self.bin}/pg_ctl", "-D", f"{self.folder}/data", "-o", options, "-l",
            f"{self.folder}/log", "-w", "start",
        )  # fmt: skip

    def stop(self) -> None:
        """An abrupt stop, as when the database server goes away."""
        self._as_postgres(
            f"{self.bin}/pg_ctl",
            "-D",
            f"{self.folder}/data",
            "-m",
            "immediate",
            "-w",
            "stop",
            check=False,
        )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def private_postgres():
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb") or (
        os.geteuid() == 0 and not shutil.which("runuser")
    ):
        message = "PostgreSQL server binaries (initdb, pg_ctl) are not installed"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    # Not under pytest's tmp folder: that one is private to root and the server runs as postgres.
    folder = tempfile.mkdtemp(prefix="rb-pg-")
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
    server = PrivatePostgres(folder, _free_port())
    try:
        server.init()
        server.start()
        yield server
    finally:
        server.stop()
        time.sleep(0.2)
        shutil.rmtree(folder, ignore_errors=True)
