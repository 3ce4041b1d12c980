"""The server's connections send small messages at once (ui/process.py): a socket bound the way
Streamlit binds its own, served by asyncio, accepts connections with TCP_NODELAY set."""
import asyncio
import asyncio.base_events
import socket
import threading

import pytest
from streamlit.web.server.starlette.starlette_server import _bind_socket

from conftest import free_port
from ui import process as transport


def run(main):
    """asyncio.run(main()) in a thread of its own: Playwright's sync API keeps a loop running in this one."""
    result = {}
    thread = threading.Thread(target=lambda: result.update(value=asyncio.run(main())))
    thread.start()
    thread.join(60)
    return result["value"]


def accepted_nodelay() -> int:
    """Serve Streamlit's own kind of listening socket with asyncio, connect once, and read
    TCP_NODELAY on the server's side of the connection."""
    async def main() -> int:
        accepted = asyncio.get_running_loop().create_future()

        def on_connect(reader, writer):
            accepted.set_result(writer.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(on_connect, sock=_bind_socket("127.0.0.1", free_port(), 8))
        async with server:
            _, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
            flag = await asyncio.wait_for(accepted, 10)
            writer.close()
        return flag
    return run(main)


@pytest.fixture
def without_the_fix(monkeypatch):
    monkeypatch.setattr(asyncio.base_events, "_set_nodelay", transport._asyncio_nodelay)


def test_streamlit_binds_a_socket_asyncio_leaves_nagle_on(without_the_fix):
    """Why the fix exists; this fails the day Streamlit or Python set TCP_NODELAY themselves, and
    ui/process.py can drop it."""
    assert _bind_socket("127.0.0.1", free_port(), 8).proto == 0
    assert accepted_nodelay() == 0


def test_with_the_fix_every_accepted_connection_sends_at_once(without_the_fix):
    transport.send_small_messages_at_once()
    transport.send_small_messages_at_once()  # idempotent
    assert accepted_nodelay() == 1


def test_connections_already_open_are_fixed_too(without_the_fix):
    async def main() -> int:
        accepted = asyncio.get_running_loop().create_future()
        server = await asyncio.start_server(lambda reader, writer: accepted.set_result(writer),
                                            sock=_bind_socket("127.0.0.1", free_port(), 8))
        async with server:
            _, client = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
            writer = await asyncio.wait_for(accepted, 10)
            sock = writer.get_extra_info("socket")
            before = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            transport.send_small_messages_at_once()
            after = sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
            writer.close()
            client.close()
        return before, after
    assert run(main) == (0, 1)
