#!/usr/bin/env python3
"""Send raw bytes to host:port and print what comes back (status line, headers, body), or 'CLOSED'."""
import socket, sys

def send_raw(port, data, host="127.0.0.1", timeout=5.0):
    s = socket.create_connection((host, port), timeout=timeout)
    try:
        s.sendall(data)
        try:
            s.shutdown(socket.SHUT_WR) if False else None
        except OSError:
            pass
        chunks = []
        while True:
            try:
                c = s.recv(65536)
            except socket.timeout:
                break
            except ConnectionResetError:
                chunks.append(b"<RESET>")
                break
            if not c:
                break
            chunks.append(c)
            raw = b"".join(chunks)
            # stop once a full response is there (Content-Length known)
            head, sep, body = raw.partition(b"\r\n\r\n")
            if sep:
                cl = None
                for line in head.split(b"\r\n")[1:]:
                    k, _, v = line.partition(b":")
                    if k.strip().lower() == b"content-length":
                        try: cl = int(v.strip())
                        except ValueError: pass
                if cl is not None and len(body) >= cl:
                    break
        return b"".join(chunks)
    finally:
        s.close()

if __name__ == "__main__":
    port = int(sys.argv[1])
    data = sys.argv[2].encode("latin-1").decode("unicode_escape").encode("latin-1")
    out = send_raw(port, data)
    print(out.decode("utf-8", "replace") if out else "CLOSED without an answer")
