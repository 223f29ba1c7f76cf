"""The wire of a webhook delivery, against real sockets on loopback: one deadline for the
whole exchange, a cap on what is read, only global addresses, and the POST goes to the
address that was checked (DNS rebinding), with the URL's name for Host, SNI and the
certificate."""

from __future__ import annotations

import datetime as dt
import re
import socket
import ssl
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from celery.exceptions import Retry

from scheduling.models import WebhookDelivery
from scheduling.services import run_create, webhook_subscription_create
from scheduling.services.webhooks import delivery_send, url_refusal
from scheduling.tasks import webhook_deliver_task

pytestmark = pytest.mark.django_db

NAME = "hooks.example.test"
# A self-signed certificate (with its key) for NAME, valid until 2126.
PEM = Path(__file__).with_name("webhook_tls.pem")

Answer = Callable[[socket.socket, threading.Event], None]


def ok(conn: socket.socket, stopped: threading.Event) -> None:
    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")


class Trickle:
    """The answer one byte at a time, ``every`` seconds apart, then hang up."""

    def __init__(self, answer: bytes, every: float):
        self.answer, self.every = answer, every

    def __call__(self, conn: socket.socket, stopped: threading.Event) -> None:
        for byte in self.answer:
            conn.sendall(bytes([byte]))
            if stopped.wait(self.every):
                return


class Endless:
    """A head, then filler until the client hangs up (or 256 MiB, so a test always ends)."""

    def __init__(self, head: bytes, filler: bytes):
        self.head, self.chunk, self.sent = head, filler * 65536, 0

    def __call__(self, conn: socket.socket, stopped: threading.Event) -> None:
        conn.sendall(self.head)
        while not stopped.is_set() and self.sent < 256 * 2**20:
            conn.sendall(self.chunk)
            self.sent += len(self.chunk)


class Peer:
    """A TCP (or TLS) server on a loopback address: it reads each request whole, keeps its
    head, and lets ``answer`` write the response."""

    def __init__(self, answer: Answer, *, host: str = "127.0.0.1", port: int = 0,
                 tls: ssl.SSLContext | None = None):
        self.answer, self.tls = answer, tls
        self.heads: list[bytes] = []
        self.server_names: list[str | None] = []
        if tls is not None:
            tls.sni_callback = lambda _sock, name, _ctx: self.server_names.append(name)
        self.listener = socket.create_server((host, port))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            try:
                conn.settimeout(5)
                if self.tls is not None:
                    conn = self.tls.wrap_socket(conn, server_side=True)
                self.heads.append(_read_request(conn))
                self.answer(conn, self.stopped)
            except OSError:
                pass  # the client hung up (or failed the TLS handshake)
            finally:
                conn.close()

    def close(self) -> None:
        self.stopped.set()
        self.thread.join(10)
        self.listener.close()


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    length = re.search(rb"(?i)\r\ncontent-length: *(\d+)", head)
    while length and len(body) < int(length[1]):
        body += conn.recv(65536)
    return head


@pytest.fixture
def peers(settings) -> Iterator[Callable[..., Peer]]:
    settings.WEBHOOKS_ALLOW_PRIVATE = True
    made: list[Peer] = []

    def make(answer: Answer, **kwargs: object) -> Peer:
        made.append(Peer(answer, **kwargs))  # type: ignore[arg-type]
        return made[-1]

    yield make
    for peer in made:
        peer.close()


@pytest.fixture
def dns(monkeypatch) -> Callable[..., None]:
    """Make NAME (and others) resolve to the given addresses, one answer per lookup; the
    last answer repeats. Other names resolve as usual."""
    real = socket.getaddrinfo

    def install(answers: dict[str, list[list[str]]]) -> None:
        def resolve(host: str, port: object, *args: object, **kwargs: object) -> list:
            if host not in answers:
                return real(host, port, *args, **kwargs)  # type: ignore[arg-type]
            queue = answers[host]
            addresses = queue.pop(0) if len(queue) > 1 else queue[0]
            return [(socket.AF_INET6 if ":" in a else socket.AF_INET, socket.SOCK_STREAM, 6,
                     "", (a, port)) for a in addresses]

        monkeypatch.setattr(socket, "getaddrinfo", resolve)

    return install


def a_delivery(coach, athlete, url: str) -> int:
    webhook_subscription_create(owner=coach, url=url, events=["session.logged"])
    run_create(actor=athlete.user, athlete=athlete, date=dt.date(2026, 11, 25))
    return WebhookDelivery.objects.get().pk


def outcome(delivery_id: int) -> str:
    """What the task made of one attempt: delivered, retry later, or refused for good."""
    try:
        delivered = webhook_deliver_task.apply(args=[delivery_id]).get()
    except Retry:
        return "retry"
    return "delivered" if delivered else "refused"


@pytest.mark.parametrize("trickle", [
    pytest.param(Trickle(b"HTTP/", every=2), id="a byte every 2 s for 10 s"),
    # no pause reaches the deadline: only a deadline for the whole answer ends it
    pytest.param(Trickle(b"HTTP/1.1 200 OK\r\n\r\n", every=0.5), id="a byte every 0.5 s"),
])
def test_a_receiver_that_trickles_is_cut_at_the_deadline_and_retried(coach, athlete, peers,
                                                                     settings, trickle):
    settings.WEBHOOKS_DEADLINE_S = 1
    peer = peers(trickle)
    delivery_id = a_delivery(coach, athlete, f"http://127.0.0.1:{peer.port}/hook")
    started = time.monotonic()
    with pytest.raises(Retry, match="Retry in 30s"):
        webhook_deliver_task.apply(args=[delivery_id])
    assert time.monotonic() - started < 5  # the receiver trickles for 9.5 s or more
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 1)
    assert "timed out" in delivery.last_error


@pytest.mark.parametrize(("head", "filler", "expected"), [
    pytest.param(b"HTTP/1.1 200 OK\r\nContent-Length: 1099511627776\r\n\r\n", b"a",
                 "delivered", id="an endless body"),
    pytest.param(b"HTTP/1.1 200 OK\r\nX-Pad: ", b"a", "delivered", id="an endless header"),
    pytest.param(b"HTTP/1.1 200 ", b"K", "retry", id="an endless status line"),
])
def test_an_endless_answer_is_read_only_up_to_the_cap(coach, athlete, peers, settings,
                                                      head, filler, expected):
    settings.WEBHOOKS_DEADLINE_S = 5
    answer = Endless(head, filler)
    peer = peers(answer)
    delivery_id = a_delivery(coach, athlete, f"http://127.0.0.1:{peer.port}/hook")
    assert outcome(delivery_id) == expected
    peer.close()  # the receiver stops once the client hung up, long before 256 MiB
    assert answer.sent < 32 * 2**20


@pytest.mark.parametrize(("cap", "expected"), [(1024, "retry"), (8192, "delivered")])
def test_nothing_past_the_cap_is_read(coach, athlete, peers, settings, cap, expected):
    settings.WEBHOOKS_RESPONSE_MAX_BYTES = cap
    peer = peers(lambda conn, _: conn.sendall(
        b"HTTP/1.1 200 " + b"K" * 3000 + b"\r\nContent-Length: 0\r\n\r\n"))
    assert outcome(a_delivery(coach, athlete, f"http://127.0.0.1:{peer.port}/hook")) == expected


def test_a_name_that_resolves_elsewhere_later_is_posted_to_the_checked_address(
        coach, athlete, peers, dns):
    checked = peers(ok)
    rebound = peers(ok, host="127.0.0.2", port=checked.port)
    # the subscription, then the delivery's check; any later lookup says 127.0.0.2
    dns({NAME: [["127.0.0.1"], ["127.0.0.1"], ["127.0.0.2"]]})
    delivery_id = a_delivery(coach, athlete, f"http://{NAME}:{checked.port}/hook")
    assert outcome(delivery_id) == "delivered"
    assert (len(checked.heads), rebound.heads) == (1, [])
    assert f"\r\nHost: {NAME}:{checked.port}\r\n".encode() in checked.heads[0]


@pytest.mark.parametrize(("name", "expected"), [
    (NAME, "delivered"),
    ("other.example.test", "retry"),  # the certificate is not for this name
])
def test_https_goes_to_the_checked_address_and_verifies_the_name(
        coach, athlete, peers, dns, monkeypatch, name, expected):
    monkeypatch.setenv("SSL_CERT_FILE", str(PEM))  # trust the test certificate
    server = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server.load_cert_chain(PEM)
    checked = peers(ok, tls=server)
    dns({name: [["127.0.0.1"], ["127.0.0.1"], ["127.0.0.2"]]})
    assert outcome(a_delivery(coach, athlete, f"https://{name}:{checked.port}/hook")) == expected
    assert checked.server_names == [name]  # SNI: the URL's name, not the address


def test_a_name_that_turns_private_before_the_delivery_is_refused(coach, athlete, dns,
                                                                   monkeypatch):
    dns({NAME: [["93.184.216.34"], ["93.184.216.34", "10.0.0.8"]]})
    delivery_id = a_delivery(coach, athlete, f"https://{NAME}/hook")

    def no_connection(*args: object, **kwargs: object) -> None:
        raise AssertionError("a refused delivery must not connect")

    monkeypatch.setattr(socket, "create_connection", no_connection)
    assert delivery_send(delivery_id=delivery_id) is False
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and "address" in delivery.last_error


NOT_GLOBAL = [
    ("loopback", "127.0.0.1"),
    ("private", "10.0.0.8"),
    ("this host", "0.0.0.0"),  # noqa: S104 (an address refused, not bound)
    ("this network", "0.1.2.3"),
    ("shared address space (carrier-grade NAT)", "100.64.0.1"),
    ("a cloud metadata address in the shared space", "100.100.100.200"),
    ("IETF protocol assignments", "192.0.0.1"),
    ("an IETF assignment is_global lets through", "192.0.0.9"),
    ("documentation", "192.0.2.1"),
    ("benchmarking", "198.18.0.1"),
    ("IPv4 link-local", "169.254.169.254"),
    ("IPv4 multicast", "224.0.1.1"),
    ("IPv4 multicast is_global lets through", "233.252.0.1"),
    ("reserved", "240.0.0.1"),
    ("broadcast", "255.255.255.255"),
    ("IPv6 unspecified", "[::]"),
    ("IPv6 loopback", "[::1]"),
    ("IPv4-mapped loopback", "[::ffff:127.0.0.1]"),
    ("IPv4-mapped shared space", "[::ffff:100.100.100.200]"),
    ("IPv4-compatible loopback", "[::127.0.0.1]"),
    ("NAT64 of loopback", "[64:ff9b::127.0.0.1]"),
    ("NAT64 of the metadata address", "[64:ff9b::100.100.100.200]"),
    ("local-use NAT64", "[64:ff9b:1::1]"),
    ("6to4", "[2002::1]"),
    ("6to4 of a public address", "[2002:5db8:d822::1]"),
    ("Teredo", "[2001::1]"),
    ("IPv6 unique local", "[fd00::1]"),
    ("IPv6 link-local", "[fe80::1]"),
    ("IPv6 site-local", "[fec0::1]"),
    ("IPv6 multicast", "[ff0e::1]"),
]


@pytest.mark.parametrize("host", [h for _, h in NOT_GLOBAL], ids=[n for n, _ in NOT_GLOBAL])
def test_an_address_that_is_not_global_is_refused(host):
    assert url_refusal(f"https://{host}/hook") is not None


@pytest.mark.parametrize("host", [
    "93.184.216.34", "[2606:2800:220:1:248:1893:25c8:1946]",
    "[::ffff:93.184.216.34]", "[64:ff9b::93.184.216.34]",
])
def test_a_global_address_is_accepted(host):
    assert url_refusal(f"https://{host}/hook") is None
