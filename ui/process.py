"""The server process tuned for a class: small messages sent at once, and short garbage collections.

TCP_NODELAY on the server's connections.

Streamlit 1.67's server binds its listening socket with ``socket.socket(family)``, so the sockets
it accepts have ``proto == 0``, and asyncio sets TCP_NODELAY only where ``proto == IPPROTO_TCP``.
With Nagle's algorithm left on, every rerun's small trailing messages wait for the browser's
delayed ACK: measured here, a stepper position sync took 47 ms instead of 8, and Windows
browsers delay an ACK up to 200 ms. asyncio asks ``base_events._set_nodelay`` for every new
transport, so making it see proto 0 as TCP fixes each connection accepted afterwards; the ones
already open (the process's first learner) are found once among the live transports.
tests/test_process.py fails the day Python or Streamlit change this.

Long-lived objects out of the garbage collector's way: with 30 learners, each full collection
(generation 2) walked the ~140,000 objects that imports leave (Streamlit, Plotly, pandas) and held
the GIL for 60-146 ms, stalling every learner's click; 7 of them in a 50-s class. gc.freeze()
moves what exists into a permanent generation those collections skip.
"""
import asyncio
import asyncio.base_events
import gc
import socket
import sys

_asyncio_nodelay = asyncio.base_events._set_nodelay


def _set_nodelay(sock: socket.socket) -> None:
    if sock.family in (socket.AF_INET, socket.AF_INET6) and sock.type == socket.SOCK_STREAM and sock.proto == 0:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # proto 0 on a stream socket is TCP
    else:
        _asyncio_nodelay(sock)


def send_small_messages_at_once() -> None:
    """Once per process (the first page run); a later call changes nothing."""
    if asyncio.base_events._set_nodelay is _set_nodelay:
        return
    asyncio.base_events._set_nodelay = _set_nodelay
    for transport in [obj for obj in gc.get_objects() if isinstance(obj, asyncio.Transport)]:
        sock = transport.get_extra_info("socket")
        if sock is not None and not transport.is_closing():
            _set_nodelay(sock)


_modules_frozen = 0  # len(sys.modules) at the last freeze


def freeze_what_imports_left() -> None:
    """Each page's first run imports what it needs; called after a page's imports, this freezes
    whatever they left the first time (once per newly imported set: a handful of times a process)."""
    global _modules_frozen
    if len(sys.modules) > _modules_frozen:
        _modules_frozen = len(sys.modules)
        gc.freeze()
