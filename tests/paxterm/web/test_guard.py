"""The review app's guard: which hosts are loopback, and the Host header a request names."""

from __future__ import annotations

import pytest

from paxterm.web.guard import _host, bearer_token, is_loopback, new_token


@pytest.mark.parametrize(("host", "loopback"), [
    ("127.0.0.1", True), ("127.0.0.2", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("::", False), ("192.168.1.20", False), ("review.example.org", False),
])
def test_loopback_addresses(host, loopback):
    assert is_loopback(host) is loopback


@pytest.mark.parametrize(("header", "host"), [
    (b"127.0.0.1:8765", "127.0.0.1"), (b"LOCALHOST:8765", "localhost"), (b"[::1]:8765", "[::1]"),
    (b"evil.example", "evil.example"),
])
def test_the_host_a_request_names_without_its_port(header, host):
    assert _host({"headers": [(b"host", header)]}) == host


@pytest.mark.parametrize(("header", "token"), [
    (b"Bearer abc", "abc"), (b"bearer  abc ", "abc"), (b"Basic abc", None),
])
def test_only_a_bearer_token_counts(header, token):
    assert bearer_token({"headers": [(b"authorization", header)]}) == token


def test_tokens_are_long_and_new_each_time():
    first, second = new_token(), new_token()
    assert first != second and len(first) >= 40
