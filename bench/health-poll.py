"""Prints the milliseconds from T0 (seconds since the epoch) to the first 200 from GET /health on 127.0.0.1:PORT.

    python3 bench/health-poll.py PORT T0

One long-lived poller (every 10 ms) rather than a process per probe, which would steal the CPU it measures.
Gives up after 30 s, exiting non-zero. Used by coldstart.sh and coldstart-ab.sh.
"""
import http.client
import sys
import time

port, t0 = int(sys.argv[1]), float(sys.argv[2])
while time.time() - t0 < 30:
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        connection.request("GET", "/health")
        if connection.getresponse().status == 200:
            print(int((time.time() - t0) * 1000))
            sys.exit(0)
    except OSError:
        pass
    time.sleep(0.01)
sys.exit("no 200 from /health within 30 s")
