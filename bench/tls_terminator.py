"""A TLS terminator for the bench/ scripts: a CA the script generates with
openssl, a server certificate for 127.0.0.1, and a threaded proxy that
decrypts each connection and passes it to a plain-HTTP backend (the demo).
Standard library and the openssl command only."""

import socket
import ssl
import subprocess
import threading
from pathlib import Path


def make_ca(directory):
    """Write ca.pem, server.pem and server.key under `directory` (P-256,
    like a typical inspecting proxy's CA); return the CA's path."""
    d = Path(directory)
    run = lambda *args: subprocess.run(args, cwd=d, check=True, capture_output=True)
    run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ca.key")
    run("openssl", "req", "-x509", "-new", "-key", "ca.key", "-sha256", "-days", "2",
        "-subj", "/O=chime-prefs bench/CN=chime-prefs bench CA",
        "-addext", "basicConstraints=critical,CA:TRUE",
        "-addext", "keyUsage=critical,keyCertSign,cRLSign", "-out", "ca.pem")
    run("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "server.ec")
    run("openssl", "pkcs8", "-topk8", "-nocrypt", "-in", "server.ec", "-out", "server.key")
    run("openssl", "req", "-new", "-key", "server.key", "-subj", "/CN=127.0.0.1", "-out", "server.csr")
    (d / "ext.cnf").write_text(
        "basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n"
        "extendedKeyUsage=serverAuth\nsubjectAltName=IP:127.0.0.1,DNS:localhost\n")
    run("openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-sha256", "-extfile", "ext.cnf", "-out", "server.pem")
    return d / "ca.pem"


class Terminator:
    """TLS on 127.0.0.1:PORT in front of `backend` (host, port). Counts the
    TCP connections it accepts."""

    def __init__(self, directory, backend):
        d = Path(directory)
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(d / "server.pem", d / "server.key")
        self.backend = backend
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.url = f"https://127.0.0.1:{self.port}"
        self.accepts = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            self.accepts += 1
            threading.Thread(target=self._handle, args=(sock,), daemon=True).start()

    def _handle(self, sock):
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        try:
            tls = self.context.wrap_socket(sock, server_side=True)
            plain = socket.create_connection(self.backend)
            plain.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except (OSError, ssl.SSLError):
            sock.close()
            return
        threading.Thread(target=_pump, args=(plain, tls), daemon=True).start()
        _pump(tls, plain)

    def close(self):
        self.listener.close()


def _pump(src, dst):
    try:
        while True:
            data = src.recv(65536)
            if not data:
                break
            dst.sendall(data)
    except (OSError, ssl.SSLError):
        pass
    for s in (src, dst):
        try:
            s.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class Latency:
    """A TCP relay on 127.0.0.1 in front of `backend` (host, port) that
    delays every chunk by half of `rtt_ms` in each direction, and the first
    chunk a client sends by one more round trip, standing in for the TCP
    handshake (loopback connects at once). Bytes keep their order."""

    def __init__(self, backend, rtt_ms):
        self.backend = backend
        self.one_way = rtt_ms / 2000.0
        self.listener = socket.create_server(("127.0.0.1", 0), backlog=128)
        self.port = self.listener.getsockname()[1]
        self.accepts = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        while True:
            try:
                sock, _ = self.listener.accept()
            except OSError:
                return
            self.accepts += 1
            threading.Thread(target=self._handle, args=(sock,), daemon=True).start()

    def _handle(self, client):
        try:
            server = socket.create_connection(self.backend)
        except OSError:
            client.close()
            return
        for s in (client, server):
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=self._relay, args=(server, client, 0.0), daemon=True).start()
        self._relay(client, server, 2 * self.one_way)

    def _relay(self, src, dst, first_extra):
        import queue
        import time
        q = queue.Queue()

        def sender():
            while True:
                due, data = q.get()
                if data is None:
                    break
                delay = due - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                try:
                    dst.sendall(data)
                except OSError:
                    break
            try:
                dst.shutdown(socket.SHUT_WR)
            except OSError:
                pass

        threading.Thread(target=sender, daemon=True).start()
        extra = first_extra
        while True:
            try:
                data = src.recv(65536)
            except OSError:
                data = b""
            due = time.perf_counter() + self.one_way + extra
            extra = 0.0
            q.put((due, data or None))
            if not data:
                break

    def close(self):
        self.listener.close()
