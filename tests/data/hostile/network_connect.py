# expect: exit=0
# Tries every way to the test's listener; reports failures and exits 0 so that only the
# listener's view decides.
import os, socket
port = int(os.environ["LISTEN_PORT"])
for host in ("127.0.0.1", "localhost", "::1"):
    try:
        socket.create_connection((host, port), timeout=1).sendall(b"hello")
        print("connected", host)
    except OSError as e:
        print("blocked", host, e)
