"""A throwaway PostgreSQL 15 server for the tests.

``PostgresServer().start()`` runs initdb and pg_ctl from the Debian server
binaries (/usr/lib/postgresql/15/bin, or $MARSAD_PG_BIN) in a temporary
directory, listening on 127.0.0.1 at a free port only, and ``stop()`` stops it
and removes the directory. PostgreSQL refuses to run as root: as root the server
runs as the ``postgres`` user (created when missing) through ``runuser``.
``available()`` says why it cannot run (``None`` when it can).
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

def _pg_bin() -> Path:
    """$MARSAD_PG_BIN, else the newest Debian server in /usr/lib/postgresql/*/bin."""
    if os.environ.get("MARSAD_PG_BIN"):
        return Path(os.environ["MARSAD_PG_BIN"])
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
                   if p.parent.parent.name.isdigit() else 0)
    return found[-1].parent if found else Path("/usr/lib/postgresql/15/bin")


PG_BIN = _pg_bin()
RUN_AS = "postgres"
#: runuser lives in /usr/sbin, which a minimal PATH (cron, env -i) leaves out.
RUNUSER = shutil.which("runuser") or shutil.which("runuser", path="/usr/sbin:/sbin")


def available() -> str | None:
    """None when a server can be started, else the reason it cannot."""
    for tool in ("initdb", "pg_ctl", "postgres"):
        if not (PG_BIN / tool).exists():
            return f"PostgreSQL server binaries not found in {PG_BIN} (apt-get install postgresql; CI installs them)"
    if os.geteuid() == 0 and not RUNUSER:
        return "running as root and runuser is missing: cannot start PostgreSQL as a normal user"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    def __init__(self) -> None:
        self.dir: Path | None = None
        self.port = 0
        self.user = "marsad"
        self._as_root = os.geteuid() == 0

    def _cmd(self, *args: str) -> list[str]:
        return [RUNUSER, "-u", RUN_AS, "--", *args] if self._as_root else list(args)

    def _ensure_user(self) -> None:
        try:
            pwd.getpwnam(RUN_AS)
        except KeyError:
            subprocess.run([shutil.which("useradd") or shutil.which("useradd", path="/usr/sbin:/sbin") or "useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", RUN_AS],
                           check=True, capture_output=True)

    def start(self) -> "PostgresServer":
        self.dir = Path(tempfile.mkdtemp(prefix="marsad-pg-"))
        data = self.dir / "data"
        if self._as_root:
            self._ensure_user()
            pw = pwd.getpwnam(RUN_AS)
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        self.port = _free_port()
        subprocess.run(self._cmd(str(PG_BIN / "initdb"), "-D", str(data), "-U", self.user, "--auth=trust",
                                 "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"),
                       check=True, capture_output=True)
        opts = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.dir} -c fsync=off -c full_page_writes=off"
        subprocess.run(self._cmd(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "log"), "-o", opts,
                                 "-w", "-t", "60", "start"), check=True, capture_output=True)
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        return self

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/{db}"

    def create_db(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        if self.dir is None:
            return
        subprocess.run(self._cmd(str(PG_BIN / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop"),
                       capture_output=True)
        shutil.rmtree(self.dir, ignore_errors=True)
        self.dir = None
