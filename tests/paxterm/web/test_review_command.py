"""paxterm review as a user starts it: a real process on a free port, loopback only, stopped by Ctrl-C."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from paxterm.cli import app

REPOSITORY = Path(__file__).resolve().parents[3]
runner = CliRunner()


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on `port`, from Linux's /proc/net/tcp{,6}."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                if len(address) == 8:
                    found.add(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
                else:
                    found.add(address)
    return found


def request(url: str, method: str = "GET", body: dict | None = None, token: str | None = None) -> int:
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data=data, method=method, headers=headers),
                                    timeout=10) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def reviewed_corpus(review_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(review_template, target)
    return target


@pytest.mark.skipif(sys.platform != "linux", reason="reads Linux's table of listening sockets")
@pytest.mark.parametrize(("host", "listening", "open_reads"), [
    (None, {"127.0.0.1"}, True),  # the default: this machine only, reads open to it
    ("0.0.0.0", {"0.0.0.0"}, False),  # other machines let in: then reads need the token too
], ids=["default loopback", "--host 0.0.0.0"])
def test_review_listens_where_asked_refuses_writes_without_the_token_and_stops_on_ctrl_c(reviewed_corpus, host,
                                                                                        listening, open_reads):
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    command = [sys.executable, "-m", "paxterm", "review", str(reviewed_corpus), "--port", "0", "--no-browser"]
    process = subprocess.Popen(command + (["--host", host] if host else []), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, env=environment)
    try:
        lines = []
        for line in process.stdout:
            lines.append(line)
            if line.startswith("Open "):
                break
        url = lines[-1].split()[1]
        assert url.startswith("http://127.0.0.1:") and "/?token=" in url
        base, token = url.split("/?token=")
        port = int(base.rsplit(":", 1)[1])
        assert listening_addresses(port) == listening
        assert request(f"{base}/api/pairs") == (200 if open_reads else 401)
        assert request(f"{base}/api/pairs", token=token) == 200
        assert request(f"{base}/api/terms/T0001", "PATCH", {"status": "rejected"}) == 401
        assert request(f"{base}/api/terms/T0001", "PATCH", {"status": "rejected"}, token="guess") == 403
        process.send_signal(signal.SIGINT)
        _, errors = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert process.returncode == 0, errors
    assert "Stopped" in errors and "Traceback" not in errors


def test_a_port_in_use_is_one_error_line(reviewed_corpus):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = runner.invoke(app, ["review", str(reviewed_corpus), "--port", str(port), "--no-browser"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: port {port} is in use")


def test_review_without_a_project_says_how_to_make_one(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["review", str(tmp_path / "nothing"), "--no-browser"])
    assert result.exit_code == 1
    assert result.output.startswith("Error:") and "Traceback" not in result.output
