"""The wire of a webhook delivery: which addresses may receive one, and a POST that cannot hold
a worker.

A receiver is chosen by its user, so it may be hostile: it may resolve to an address inside our
network (now, or only after it was checked: DNS rebinding), answer one byte at a time, or answer
without end. So the URL's name is resolved once per delivery, every address it resolves to must
be global, and the socket connects to a checked address while the request keeps the name (in
Host, and over https in SNI and the certificate check). One deadline covers the connection, the
TLS handshake, the request and the answer, and only the status line is read, within a cap.
"""

from __future__ import annotations

import http.client
import io
import ipaddress
import re
import socket
import ssl
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

Address = ipaddress.IPv4Address | ipaddress.IPv6Address

# Networks is_global lets through (or that Python versions disagree on) but we refuse.
_REFUSED = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8",       # "this network": 0.0.0.0 reaches the host itself
    "100.64.0.0/10",   # shared address space (carrier-grade NAT, cloud metadata 100.100.100.200)
    "192.0.0.0/24",    # IETF protocol assignments (is_global allows 192.0.0.9 and .10)
    "2001::/32",       # Teredo: tunnels to an IPv4 address
    "2002::/16",       # 6to4: tunnels to an IPv4 address through a relay
    "64:ff9b:1::/48",  # local-use NAT64
))
# The well-known NAT64 prefix carries an IPv4 address in its last 32 bits, which decides.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_STATUS = re.compile(rb"HTTP/1\.[01] ([1-5]\d\d)[ \r\n]")
_HEADER = re.compile(rb"([^\r\n]*)\r?\n")


class DeliveryError(Exception):
    """A delivery that did not get a 2xx (or no answer in time); the task retries it."""


class Refused(Exception):
    """A URL that may not receive webhooks; the message says why."""


@dataclass(frozen=True)
class Target:
    """A URL resolved and checked for one delivery: connect to ``addresses`` only."""

    scheme: str
    host: str
    port: int
    path: str
    addresses: tuple[str, ...]


def address_refused(address: Address) -> bool:
    """True unless the address is global: reachable on the internet and not ours."""
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return address_refused(address.ipv4_mapped)
        if address in _NAT64:
            return address_refused(ipaddress.IPv4Address(int(address) & 0xFFFF_FFFF))
        if address.is_site_local:
            return True
    return (not address.is_global or address.is_multicast or address.is_reserved
            or address.is_link_local or address.is_loopback or address.is_unspecified
            or any(address in network for network in _REFUSED))


def resolve(url: str, *, allow_private: bool) -> Target:
    """Parse the URL and resolve its host once; raises Refused unless every address it
    resolves to is global (any address when ``allow_private``: tests run on loopback)."""
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise Refused("Use an http or https URL.")
    try:
        port = parts.port
    except ValueError:  # ":99999"
        port = 0
    if port == 0:
        raise Refused("Use a port from 1 to 65535.")
    port = port or (443 if parts.scheme == "https" else 80)
    try:
        infos = socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError):
        raise Refused("The host does not resolve.") from None
    addresses = []
    for *_, sockaddr in infos:
        address = ipaddress.ip_address(sockaddr[0])  # an IPv6 one keeps its %scope
        if not allow_private and address_refused(address):
            # which address is not said: that would tell anyone what our DNS knows
            raise Refused("The host resolves to an address that is not public: only global "
                          "addresses can receive webhooks.")
        addresses.append(str(getattr(address, "ipv4_mapped", None) or address))
    path = parts.path or "/"
    return Target(scheme=parts.scheme, host=parts.hostname, port=port,
                  path=f"{path}?{parts.query}" if parts.query else path,
                  addresses=tuple(dict.fromkeys(addresses)))


def post(target: Target, *, body: bytes, headers: dict[str, str], deadline_s: float,
         max_bytes: int) -> int:
    """POST ``body`` to the target and return the answer's status code. Raises DeliveryError
    when there is no answer within ``deadline_s`` in all, or none in its first ``max_bytes``."""
    deadline = time.monotonic() + deadline_s
    connection = _PinnedConnection(target, deadline=deadline, max_bytes=max_bytes)
    try:
        connection.request("POST", target.path, body=body,
                           headers={**headers, "Connection": "close"})
        return connection.status()
    # OSError: refused, reset, TimeoutError, SSLError; the others: http.client's own checks
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise DeliveryError(str(exc) or type(exc).__name__) from exc
    finally:
        connection.close()


class _PinnedConnection(http.client.HTTPConnection):
    """An HTTP(S) connection to a checked address, in the name of the URL's host: http.client
    writes the request (Host from the name); connecting and reading are ours."""

    def __init__(self, target: Target, *, deadline: float, max_bytes: int):
        super().__init__(target.host, target.port)
        self.target, self.deadline, self.max_bytes = target, deadline, max_bytes

    def remaining(self) -> float:
        left = self.deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("timed out: the receiver took longer than the deadline")
        return left

    def connect(self) -> None:
        errors: list[OSError] = []
        for address in self.target.addresses:
            try:
                sock = socket.create_connection((address, self.port), self.remaining())
                break
            except OSError as exc:  # as create_connection does: the next address
                errors.append(exc)
        else:
            raise errors[-1] if errors else OSError("no address to connect to")
        if self.target.scheme == "https":
            sock.settimeout(self.remaining())  # the handshake as a whole
            try:
                sock = ssl.create_default_context().wrap_socket(
                    sock, server_hostname=self.target.host)
            except BaseException:
                sock.close()
                raise
        self.wire = sock
        self.sock = _DeadlineSocket(sock, self)

    def status(self) -> int:
        """The status of the first final answer; the rest (headers, body) is not read."""
        capped = _CappedReader(self.wire, self)
        reader = io.BufferedReader(capped)

        def expect(pattern: re.Pattern[bytes]) -> bytes:
            line = reader.readline(self.max_bytes)
            match = pattern.match(line)
            if match is not None and line.endswith(b"\n"):
                return match[1]
            if capped.read_so_far >= self.max_bytes and not line.endswith(b"\n"):
                raise DeliveryError(f"no answer in the first {self.max_bytes} bytes")
            if not line.endswith(b"\n"):
                raise DeliveryError("the receiver hung up before it answered")
            raise DeliveryError(f"not an HTTP answer: {line[:80]!r}")

        while True:
            code = int(expect(_STATUS))
            if code >= 200:
                return code
            while expect(_HEADER):
                pass  # an interim answer (100 Continue): skip its headers to the blank line


class _DeadlineSocket:
    """The connected socket, as http.client sends on it: each send ends by the deadline."""

    def __init__(self, sock: socket.socket, connection: _PinnedConnection):
        self.sock, self.connection = sock, connection

    def sendall(self, data: Any) -> None:
        view = memoryview(data)
        while view:  # send by send (a TLS socket's sendall times each record apart)
            self.sock.settimeout(self.connection.remaining())
            view = view[self.sock.send(view):]

    def close(self) -> None:
        self.sock.close()


class _CappedReader(io.RawIOBase):
    """Reads the answer: each read ends by the deadline, and the whole stops at the cap."""

    def __init__(self, sock: socket.socket, connection: _PinnedConnection):
        self.sock, self.connection, self.read_so_far = sock, connection, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        room = self.connection.max_bytes - self.read_so_far
        if room <= 0:
            return 0
        self.sock.settimeout(self.connection.remaining())
        count = self.sock.recv_into(memoryview(buffer)[:room])
        self.read_so_far += count
        return count
