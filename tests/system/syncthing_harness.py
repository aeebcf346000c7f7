"""Two real Syncthing instances on 127.0.0.1 sharing one folder, for tests.

Stdlib only. Nothing here ever contacts an address other than 127.0.0.1:
global/local discovery, relays, NAT traversal, usage and crash reporting and
auto-upgrades are all switched off in the generated config. Instance "a" knows
"b" by a static ``tcp://127.0.0.1:<port>`` address and is the only one that
dials; "b" listens on 127.0.0.1 and accepts (see ``_config_xml`` for why).

Usage::

    with SyncPair(tmp_path) as pair:
        (pair.a_folder / "family.json").write_text("{}")
        pair.sync()
        assert (pair.b_folder / "family.json").exists()

        pair.pause()            # the two computers are "apart"
        ...                     # edit both sides
        pair.resume()
        pair.sync()             # conflicts resolved the Syncthing way

Written against Syncthing v1.19 (Debian ``/usr/bin/syncthing``), which has the
``syncthing generate`` / ``syncthing serve`` sub-commands.
"""

from __future__ import annotations

import contextlib
import functools
import glob
import json
import os
import secrets
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from io import BufferedWriter
from pathlib import Path
from types import TracebackType
from typing import Any
from xml.sax.saxutils import escape, quoteattr

__all__ = [
    "SyncPair",
    "SyncTimeoutError",
    "SyncthingError",
    "faketime_env",
    "find_libfaketime",
    "folder_snapshot",
]

LOCALHOST = "127.0.0.1"

# Names Syncthing keeps in a folder root that are not user data.
_INTERNAL_NAMES = frozenset({".stfolder", ".stversions", ".stignore"})


class SyncthingError(RuntimeError):
    """Something went wrong driving the Syncthing instances."""


class SyncTimeoutError(SyncthingError, TimeoutError):
    """A bounded wait ran out; the message carries both instances' log tails."""


def _free_ports(count: int) -> list[int]:
    """Return ``count`` distinct free TCP ports on 127.0.0.1.

    All sockets are held open until every port is chosen, so the ports are
    distinct; they are released before Syncthing binds them (a tiny race that
    is acceptable for tests).
    """
    socks: list[socket.socket] = []
    try:
        for _ in range(count):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.bind((LOCALHOST, 0))
            socks.append(s)
        return [int(s.getsockname()[1]) for s in socks]
    finally:
        for s in socks:
            s.close()


def folder_snapshot(folder: Path) -> dict[str, bytes | None]:
    """Relative path -> file bytes (``None`` for directories) of user data.

    Skips Syncthing's own marker/versions directories and in-flight temp files
    (``.syncthing.*.tmp``).
    """
    snap: dict[str, bytes | None] = {}
    if not folder.is_dir():
        return snap
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if rel.parts[0] in _INTERNAL_NAMES:
            continue
        if path.name.startswith(".syncthing.") and path.name.endswith(".tmp"):
            continue
        if path.is_symlink():
            snap[rel.as_posix()] = str(path.readlink()).encode()
        elif path.is_dir():
            snap[rel.as_posix()] = None
        else:
            try:
                snap[rel.as_posix()] = path.read_bytes()
            except FileNotFoundError:  # vanished mid-walk (e.g. being renamed)
                snap[rel.as_posix()] = b"\0<vanished>"
    return snap


@dataclass
class _Instance:
    """One Syncthing process: its home, ports, API key and log."""

    name: str
    home: Path
    folder: Path
    gui_port: int
    listen_port: int
    api_key: str = field(default_factory=lambda: secrets.token_urlsafe(24))
    device_id: str = ""
    log_path: Path = field(default_factory=Path)
    proc: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://{LOCALHOST}:{self.gui_port}"

    def request(
        self,
        method: str,
        path: str,
        params: dict[str, str] | None = None,
        timeout: float = 10.0,
    ) -> Any:
        """Call the REST API; return the decoded JSON (or ``None`` if empty)."""
        url = self.base_url + path
        if params:
            url += "?" + urllib.parse.urlencode(params)
        # The URL is always http://127.0.0.1:<port>/rest/..., built above.
        req = urllib.request.Request(  # noqa: S310 - fixed http://127.0.0.1 URL
            url, method=method, headers={"X-API-Key": self.api_key}
        )
        with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - 127.0.0.1 only
            body = resp.read()
        if not body.strip():
            return None
        return json.loads(body)

    def log_tail(self, lines: int = 40) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError as exc:
            return f"<no log: {exc}>"
        return "\n".join(text.splitlines()[-lines:])


def _config_xml(
    me: _Instance,
    peer: _Instance,
    folder_id: str,
    rescan_interval_s: int,
    fs_watcher: bool,
    dial: bool,
) -> str:
    """A complete config.xml for ``me``; Syncthing fills in anything omitted."""

    def device(inst: _Instance, address: str) -> str:
        return (
            f"    <device id={quoteattr(inst.device_id)} name={quoteattr(inst.name)}"
            ' compression="metadata" introducer="false"'
            ' skipIntroductionRemovals="false" introducedBy="">\n'
            f"        <address>{escape(address)}</address>\n"
            "        <paused>false</paused>\n"
            "        <autoAcceptFolders>false</autoAcceptFolders>\n"
            "    </device>\n"
        )

    watcher = "true" if fs_watcher else "false"
    # Only "a" dials: Syncthing 1.19 mishandles two simultaneous connections
    # between the same pair (both sides dialling at once after a resume hung
    # for the 20 s Hello timeout and then stalled index exchange). "b" has no
    # address for "a" (discovery is off, so "dynamic" resolves to nothing) and
    # simply accepts a's connection.
    peer_address = f"tcp://{LOCALHOST}:{peer.listen_port}" if dial else "dynamic"
    return (
        '<configuration version="36">\n'
        f"    <folder id={quoteattr(folder_id)} label={quoteattr(folder_id)}"
        f' path={quoteattr(str(me.folder))} type="sendreceive"'
        f' rescanIntervalS="{rescan_interval_s}" fsWatcherEnabled="{watcher}"'
        ' fsWatcherDelayS="1" ignorePerms="false" autoNormalize="true">\n'
        "        <filesystemType>basic</filesystemType>\n"
        f'        <device id={quoteattr(me.device_id)} introducedBy=""></device>\n'
        f'        <device id={quoteattr(peer.device_id)} introducedBy=""></device>\n'
        '        <minDiskFree unit="%">0</minDiskFree>\n'
        "        <versioning></versioning>\n"
        "        <order>alphabetic</order>\n"
        "        <maxConflicts>10</maxConflicts>\n"
        "        <paused>false</paused>\n"
        "        <markerName>.stfolder</markerName>\n"
        "    </folder>\n"
        + device(me, "dynamic")
        + device(peer, peer_address)
        + '    <gui enabled="true" tls="false" debugging="false">\n'
        f"        <address>{LOCALHOST}:{me.gui_port}</address>\n"
        f"        <apikey>{escape(me.api_key)}</apikey>\n"
        "        <theme>default</theme>\n"
        "    </gui>\n"
        "    <options>\n"
        f"        <listenAddress>tcp://{LOCALHOST}:{me.listen_port}</listenAddress>\n"
        "        <globalAnnounceEnabled>false</globalAnnounceEnabled>\n"
        "        <localAnnounceEnabled>false</localAnnounceEnabled>\n"
        "        <relaysEnabled>false</relaysEnabled>\n"
        "        <natEnabled>false</natEnabled>\n"
        "        <reconnectionIntervalS>1</reconnectionIntervalS>\n"
        "        <startBrowser>false</startBrowser>\n"
        "        <urAccepted>-1</urAccepted>\n"
        "        <urSeen>3</urSeen>\n"
        "        <autoUpgradeIntervalH>0</autoUpgradeIntervalH>\n"
        "        <crashReportingEnabled>false</crashReportingEnabled>\n"
        "        <announceLANAddresses>false</announceLANAddresses>\n"
        "        <setLowPriority>false</setLowPriority>\n"
        "        <restartOnWakeup>false</restartOnWakeup>\n"
        '        <minHomeDiskFree unit="%">0</minHomeDiskFree>\n'
        "    </options>\n"
        "</configuration>\n"
    )


class SyncPair:
    """Two Syncthing instances ("a" and "b") syncing ``folder_id`` over loopback.

    ``a_folder`` / ``b_folder`` are the two copies of the shared folder.
    Everything (homes, databases, logs, folders) lives under ``root``.
    """

    def __init__(
        self,
        root: Path,
        folder_id: str = "bondcoach",
        *,
        syncthing: str | None = None,
        rescan_interval_s: int = 60,
        fs_watcher: bool = True,
        start_timeout: float = 30.0,
        remove_on_exit: bool = False,
    ) -> None:
        self.root = Path(root).resolve()
        self.folder_id = folder_id
        exe = syncthing or shutil.which("syncthing")
        if exe is None:
            raise SyncthingError("syncthing executable not found on PATH")
        self.syncthing = exe
        self.rescan_interval_s = rescan_interval_s
        self.fs_watcher = fs_watcher
        self.start_timeout = start_timeout
        self.remove_on_exit = remove_on_exit
        self.paused = False
        self.a_folder = self.root / "a" / "folder"
        self.b_folder = self.root / "b" / "folder"
        self._a: _Instance | None = None
        self._b: _Instance | None = None
        self._logs: list[BufferedWriter] = []

    # ------------------------------------------------------------------ setup
    @property
    def a(self) -> _Instance:
        if self._a is None:
            raise SyncthingError("SyncPair not started (use it as a context manager)")
        return self._a

    @property
    def b(self) -> _Instance:
        if self._b is None:
            raise SyncthingError("SyncPair not started (use it as a context manager)")
        return self._b

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        # No time faking, tracing or proxies for Syncthing itself; never run
        # as a "monitored" child of another Syncthing.
        for key in (
            "LD_PRELOAD",
            "FAKETIME",
            "STTRACE",
            "STMONITORED",
            "all_proxy",
            "ALL_PROXY",
            "http_proxy",
            "HTTP_PROXY",
            "https_proxy",
            "HTTPS_PROXY",
        ):
            env.pop(key, None)
        # STHASHING picks the SHA-256 implementation up front, which skips the
        # ~0.5 s hashing benchmark at every start.
        env.update(STNODEFAULTFOLDER="1", STNOUPGRADE="1", STNORESTART="1", STHASHING="minio")
        return env

    def _generate(self, inst: _Instance) -> None:
        inst.home.mkdir(parents=True, exist_ok=True)
        env = self._env()
        subprocess.run(
            [
                self.syncthing,
                "generate",
                f"--home={inst.home}",
                "--no-default-folder",
                "--skip-port-probing",
            ],
            check=True,
            capture_output=True,
            env=env,
            timeout=60,
        )
        out = subprocess.run(
            [self.syncthing, "serve", f"--home={inst.home}", "--device-id"],
            check=True,
            capture_output=True,
            env=env,
            timeout=60,
            text=True,
        ).stdout.strip()
        if len(out.replace("-", "")) != 56:
            raise SyncthingError(f"unexpected device id from syncthing: {out!r}")
        inst.device_id = out

    def _start(self, inst: _Instance) -> None:
        inst.log_path = self.root / f"syncthing-{inst.name}.log"
        log = inst.log_path.open("ab")
        self._logs.append(log)
        inst.proc = subprocess.Popen(
            [
                self.syncthing,
                "serve",
                f"--home={inst.home}",
                "--no-browser",
                "--no-restart",
                "--no-upgrade",
                "--logflags=3",
                "--logfile=-",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=self._env(),
            start_new_session=True,
        )

    def __enter__(self) -> SyncPair:
        self.root.mkdir(parents=True, exist_ok=True)
        gui_a, gui_b, listen_a, listen_b = _free_ports(4)
        self._a = _Instance("a", self.root / "a" / "home", self.a_folder, gui_a, listen_a)
        self._b = _Instance("b", self.root / "b" / "home", self.b_folder, gui_b, listen_b)
        try:
            for inst in (self.a, self.b):
                self._generate(inst)
                inst.folder.mkdir(parents=True, exist_ok=True)
                (inst.folder / ".stfolder").mkdir(exist_ok=True)
            for me, peer, dial in ((self.a, self.b, True), (self.b, self.a, False)):
                (me.home / "config.xml").write_text(
                    _config_xml(
                        me,
                        peer,
                        self.folder_id,
                        self.rescan_interval_s,
                        self.fs_watcher,
                        dial,
                    )
                )
            deadline = time.monotonic() + self.start_timeout
            # b (the listening side) first: when a's first dial fails, Syncthing
            # only retries ~5 s later, so wait until b's listener is up.
            for inst in (self.b, self.a):
                self._start(inst)
                self._wait(
                    deadline,
                    f"REST API and listener of {inst.name} to come up",
                    functools.partial(self._ready, inst),
                )
            self._wait_connected(deadline)
        except BaseException:
            self._stop_all()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._stop_all()
        if self.remove_on_exit:
            shutil.rmtree(self.root, ignore_errors=True)

    # ------------------------------------------------------------- internals
    def logs_tail(self, lines: int = 40) -> str:
        parts = []
        for inst in (self._a, self._b):
            if inst is not None:
                parts.append(
                    f"----- syncthing {inst.name} ({inst.log_path}) -----\n" + inst.log_tail(lines)
                )
        return "\n".join(parts)

    def _check_alive(self) -> None:
        for inst in (self._a, self._b):
            if inst is not None and inst.proc is not None:
                rc = inst.proc.poll()
                if rc is not None:
                    raise SyncthingError(
                        f"syncthing {inst.name} exited with code {rc}\n" + self.logs_tail()
                    )

    def _wait(
        self, deadline: float, what: str, cond: Callable[[], bool], interval: float = 0.1
    ) -> None:
        """Poll ``cond()`` until truthy or ``deadline`` (monotonic) passes."""
        last_err: BaseException | None = None
        while True:
            self._check_alive()
            try:
                if cond():
                    return
                last_err = None
            except (OSError, ValueError, KeyError, TypeError) as exc:
                last_err = exc
            if time.monotonic() >= deadline:
                extra = f" (last error: {last_err!r})" if last_err else ""
                raise SyncTimeoutError(f"timed out waiting for {what}{extra}\n{self.logs_tail()}")
            time.sleep(interval)

    @staticmethod
    def _pings(inst: _Instance) -> bool:
        try:
            return bool(inst.request("GET", "/rest/system/ping", timeout=2) == {"ping": "pong"})
        except (OSError, ValueError):
            return False

    def _ready(self, inst: _Instance) -> bool:
        """REST answers and the BEP listener reports itself up without error."""
        if not self._pings(inst):
            return False
        status = inst.request("GET", "/rest/system/status")
        services: dict[str, Any] = status.get("connectionServiceStatus") or {}
        listener: dict[str, Any] = services.get(f"tcp://{LOCALHOST}:{inst.listen_port}") or {}
        return bool(listener.get("lanAddresses")) and not listener.get("error")

    def _connected(self, me: _Instance, peer: _Instance) -> bool:
        conns = me.request("GET", "/rest/system/connections")["connections"]
        info = conns.get(peer.device_id) or {}
        return bool(info.get("connected")) and not info.get("paused", False)

    def _wait_connected(self, deadline: float) -> None:
        self._wait(
            deadline,
            "the two devices to connect",
            lambda: self._connected(self.a, self.b) and self._connected(self.b, self.a),
        )

    def _stop_all(self) -> None:
        insts = [i for i in (self._a, self._b) if i is not None and i.proc is not None]
        for inst in insts:
            if inst.proc is not None and inst.proc.poll() is None:
                with contextlib.suppress(OSError, ValueError):
                    inst.request("POST", "/rest/system/shutdown", timeout=2)
        for inst in insts:
            proc = inst.proc
            if proc is None:
                continue
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.terminate()
                try:
                    proc.wait(timeout=5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait(timeout=5)
            inst.proc = None
        for log in self._logs:
            log.close()
        self._logs.clear()

    # ------------------------------------------------------------ public API
    def pause(self) -> None:
        """Disconnect the two devices ("apart"); each side keeps scanning locally."""
        for me, peer in ((self.a, self.b), (self.b, self.a)):
            me.request("POST", "/rest/system/pause", {"device": peer.device_id})
        self.paused = True
        deadline = time.monotonic() + 15
        self._wait(
            deadline,
            "the devices to disconnect",
            lambda: (
                not self._raw_connected(self.a, self.b) and not self._raw_connected(self.b, self.a)
            ),
        )

    def _raw_connected(self, me: _Instance, peer: _Instance) -> bool:
        conns = me.request("GET", "/rest/system/connections")["connections"]
        return bool((conns.get(peer.device_id) or {}).get("connected"))

    def resume(self, timeout: float = 30.0) -> None:
        """Reconnect the devices (does not wait for the data to sync: call sync())."""
        # b (the accepting side) first, so a's dial is never refused.
        for me, peer in ((self.b, self.a), (self.a, self.b)):
            me.request("POST", "/rest/system/resume", {"device": peer.device_id})
        self.paused = False
        self._wait_connected(time.monotonic() + timeout)

    def scan(self, timeout: float = 60.0) -> None:
        """Rescan the folder on both sides now (each call returns when its scan is done)."""
        for inst in (self.a, self.b):
            inst.request(
                "POST", "/rest/db/scan", {"folder": self.folder_id}, timeout=max(timeout, 1.0)
            )

    def status(self, side: str) -> dict[str, Any]:
        """``/rest/db/status`` of the folder on side ``"a"`` or ``"b"``."""
        if side not in ("a", "b"):
            raise ValueError(f"side must be 'a' or 'b', not {side!r}")
        inst = self.a if side == "a" else self.b
        result: dict[str, Any] = inst.request("GET", "/rest/db/status", {"folder": self.folder_id})
        return result

    def _side_settled(self, me: _Instance, peer: _Instance) -> tuple[int, ...] | None:
        """A fingerprint of ``me``'s view if it looks settled, else ``None``."""
        st = me.request("GET", "/rest/db/status", {"folder": self.folder_id})
        if st.get("state") != "idle" or st.get("error"):
            return None
        for key in (
            "needFiles",
            "needDirectories",
            "needSymlinks",
            "needDeletes",
            "needBytes",
            "pullErrors",
        ):
            if st.get(key, 0) != 0:
                return None
        for a, b in (
            ("globalFiles", "localFiles"),
            ("globalDirectories", "localDirectories"),
            ("globalSymlinks", "localSymlinks"),
            ("globalBytes", "localBytes"),
        ):
            # (not globalDeleted/localDeleted: a file created and deleted on one
            # side while apart stays a deleted global entry the other side never
            # records locally, so those counts legitimately differ.)
            if st.get(a) != st.get(b):
                return None
        # What ``me`` believes the peer still needs.
        comp = me.request(
            "GET",
            "/rest/db/completion",
            {"folder": self.folder_id, "device": peer.device_id},
        )
        if (
            comp.get("completion") != 100
            or comp.get("needItems", 0)
            or comp.get("needDeletes", 0)
            or comp.get("needBytes", 0)
        ):
            return None
        return (
            int(st["sequence"]),
            int(st["globalFiles"]),
            int(st["globalDirectories"]),
            int(st["globalDeleted"]),
            int(st["globalBytes"]),
        )

    def _settled(self) -> tuple[int, ...] | None:
        if not (self._connected(self.a, self.b) and self._connected(self.b, self.a)):
            return None
        fa = self._side_settled(self.a, self.b)
        fb = self._side_settled(self.b, self.a)
        if fa is None or fb is None:
            return None
        # Same global view on both sides (counts/bytes, not local sequences).
        if fa[1:] != fb[1:]:
            return None
        # The ground truth: both copies hold the same files with the same bytes.
        if folder_snapshot(self.a_folder) != folder_snapshot(self.b_folder):
            return None
        return fa + fb

    def sync(self, timeout: float = 60.0) -> None:
        """Bring both copies into agreement, or raise SyncTimeoutError with logs.

        Rounds of: rescan both sides, then wait until both are connected, idle,
        need nothing, believe the peer needs nothing, agree on the global state
        and hold byte-identical user files. Done when a further rescan changes
        nothing (so e.g. conflict copies created while pulling are synced too).
        """
        if self.paused:
            raise SyncthingError("sync() while paused: call resume() first")
        deadline = time.monotonic() + timeout
        previous: tuple[int, ...] | None = None
        while True:
            self._check_alive()
            try:
                self.scan(timeout=deadline - time.monotonic())
            except urllib.error.HTTPError as exc:
                # 500 while e.g. the folder is still starting up: retry.
                if time.monotonic() >= deadline:
                    raise SyncTimeoutError(f"scan kept failing: {exc}\n{self.logs_tail()}") from exc
                time.sleep(0.2)
                continue
            fingerprint: list[tuple[int, ...]] = []

            def settled(fp: list[tuple[int, ...]] = fingerprint) -> bool:
                got = self._settled()
                if got is None:
                    return False
                fp.append(got)
                return True

            self._wait(deadline, f"folder {self.folder_id!r} to sync", settled)
            if fingerprint[-1] == previous:
                return
            previous = fingerprint[-1]


def find_libfaketime() -> Path | None:
    """Path of libfaketime.so.1 (Debian: /usr/lib/<multiarch>/faketime/), if any."""
    patterns = (
        "/usr/lib/*/faketime/libfaketime.so.1",
        "/usr/lib/faketime/libfaketime.so.1",
        "/usr/local/lib/faketime/libfaketime.so.1",
        "/usr/lib64/faketime/libfaketime.so.1",
    )
    for pattern in patterns:
        hits = sorted(glob.glob(pattern))
        if hits:
            return Path(hits[0])
    return None


def faketime_env(offset_minutes: int) -> dict[str, str]:
    """Env vars that run a child process ``offset_minutes`` in the future (or past).

    Merge into a copy of ``os.environ`` for ``subprocess.run(..., env=...)``,
    e.g. ``faketime_env(10)`` -> ``{"LD_PRELOAD": ".../libfaketime.so.1",
    "FAKETIME": "+10m"}``. Only dynamically linked programs are affected (Python
    yes; Go binaries such as Syncthing no).
    """
    lib = find_libfaketime()
    if lib is None:
        raise FileNotFoundError("libfaketime.so.1 not found (apt-get install faketime)")
    return {
        "LD_PRELOAD": str(lib),
        "FAKETIME": f"{offset_minutes:+d}m",
    }
