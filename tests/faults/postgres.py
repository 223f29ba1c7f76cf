"""PostgreSQL that goes away: a TCP proxy in front of it that a test cuts and restores.

``proxied_database()`` points the test's database settings at the proxy (every thread's
connection shares them: the test's, a live server's, an in-thread worker's), so
``proxy.cut()`` is an outage for all of them: every connection is closed under its feet and a
new one is refused, as when the server stops; ``proxy.restore()`` brings it back. A test
module makes it a fixture (with ``postgres`` and ``transactional_db``: the test's writes must
be committed for other connections to see them).
"""

from __future__ import annotations

import contextlib
import socket
import threading
from collections.abc import Iterator

from django.db import connection


class TcpProxy:
    """Forwards 127.0.0.1:<port> (a free port) to ``target``."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self._lock = threading.Lock()
        self._listener: socket.socket | None = None
        self._open: set[socket.socket] = set()
        self.restore()

    def restore(self) -> None:
        """Accept connections again (on the same port)."""
        with self._lock:
            if self._listener is not None:
                return
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(64)
            self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        """Close every connection and the port: new connections are refused."""
        with self._lock:
            listener, self._listener = self._listener, None
            sockets, self._open = self._open, set()
        for sock in ([listener] if listener else []) + list(sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)  # wakes the accept() or recv() on it
            sock.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # cut
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            upstream.settimeout(None)
            with self._lock:
                if self._listener is not listener:  # cut meanwhile
                    client.close()
                    upstream.close()
                    return
                self._open |= {client, upstream}
            for src, dst in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(src, dst), daemon=True).start()

    def _pump(self, src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for sock in (src, dst):  # one side ended: end the other too
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@contextlib.contextmanager
def proxied_database() -> Iterator[TcpProxy]:
    """The test database behind a proxy the test can cut; restored when done (before the
    database is flushed after the test)."""
    settings = connection.settings_dict
    before = settings["HOST"], settings["PORT"]
    proxy = TcpProxy((before[0] or "127.0.0.1", int(before[1] or 5432)))
    connection.close()
    settings.update(HOST="127.0.0.1", PORT=str(proxy.port))
    try:
        yield proxy
    finally:
        proxy.restore()
        connection.close()
        settings.update(HOST=before[0], PORT=before[1])
        proxy.cut()
