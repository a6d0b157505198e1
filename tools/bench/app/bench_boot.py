#!/usr/bin/env python3
"""Boot to first frame of the packaged kiosk: process start -> READY=1 on a notify socket.

Extracts build/kiosk_<version>_amd64.deb (tools/dev package) into a temporary root, then starts
its /usr/bin/kiosk N times (headless, demo mode on simulators, a fresh state dir each time) with
NOTIFY_SOCKET pointing at a unix datagram socket this script reads, and times spawn -> READY=1.
usage: tools/bench/app/bench_boot.py [DEB] [RUNS]
"""
import glob, os, socket, statistics, subprocess, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
debs = sorted(glob.glob(os.path.join(root, "build", "kiosk_*_amd64.deb")))
deb = sys.argv[1] if len(sys.argv) > 1 else (debs[-1] if debs else None)
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
if not deb:
    sys.exit("bench_boot: no package; run tools/dev package first")

with tempfile.TemporaryDirectory(prefix="bench-boot-") as tmp:
    subprocess.run(["dpkg-deb", "-x", deb, tmp + "/root"], check=True)
    kiosk = tmp + "/root/usr/bin/kiosk"
    with open(tmp + "/t.ks", "w") as f:
        f.write("live 0.2\n")
    demo = ["--set", "kiosk.mode=demo", "--set", "printer.driver=sim", "--set", "idcard.driver=sim",
            "--set", "scanner.driver=sim", "--set", "platform.url=http://127.0.0.1:8480"]
    times = []
    for i in range(runs):
        sock_path = f"{tmp}/notify-{i}.sock"
        s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        s.bind(sock_path)
        s.settimeout(10)
        env = dict(os.environ, NOTIFY_SOCKET=sock_path)
        t0 = time.monotonic()
        p = subprocess.Popen([kiosk, "--headless", "--state-dir", f"{tmp}/state-{i}", "--script", tmp + "/t.ks",
                              "--log-level", "off"] + demo, env=env)
        while True:
            msg = s.recv(4096).decode()
            if "READY=1" in msg.split("\n"):
                times.append((time.monotonic() - t0) * 1000)
                break
        p.wait()
        s.close()
    times.sort()
    q = lambda x: times[min(len(times) - 1, int(x * (len(times) - 1) + 0.5))]
    print(f"packaged kiosk, process start -> READY=1 (headless, software renderer), n={len(times)}: "
          f"median {statistics.median(times):.1f} ms, min {times[0]:.1f}, p90 {q(0.9):.1f}, max {times[-1]:.1f}")
