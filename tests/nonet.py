"""Run a briefcheck command with the network blocked, recording any attempt.

    python tests/nonet.py LOG check brief.md

Every way out of the machine (connect, DNS lookups, create_connection) raises
and is written to LOG. Local socket pairs stay possible: asyncio uses one to
wake its own event loop, and that never leaves the process.
"""

from __future__ import annotations

import socket
import sys


def install(log_path: str) -> None:
    """Make every outbound network call raise, and log it to ``log_path``."""

    def blocked(what):
        def refuse(*args, **kwargs):
            with open(log_path, "a", encoding="utf-8") as log:
                log.write(f"{what} {args}\n")
            raise OSError(f"briefcheck test: network blocked ({what})")

        return refuse

    socket.socket.connect = blocked("socket.connect")
    socket.socket.connect_ex = blocked("socket.connect_ex")
    socket.socket.sendto = blocked("socket.sendto")
    socket.create_connection = blocked("create_connection")
    socket.getaddrinfo = blocked("getaddrinfo")
    socket.gethostbyname = blocked("gethostbyname")


if __name__ == "__main__":
    install(sys.argv.pop(1))

    from briefcheck.cli import main

    sys.argv[0] = "briefcheck"
    main()
