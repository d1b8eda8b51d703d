#!/usr/bin/env python3
"""Reliability suite: the service under overload, large uploads, SIGTERM and a long steady load, each
against a fresh service started from target/cnnserve.jar on a loopback port. Prints a Markdown table
of what each scenario measured against the targets of issue 19:

- overload: 500 concurrent clients (hey) on a model with a 4-deep queue. Share answered 429, the 5xx
  count, the 429s' median latency, and /actuator/health/liveness polled every 50 ms on fresh
  connections throughout (its slowest answer). Target: 0 5xx, liveness under 1 s.
- memory: 24 concurrent uploads of a 4096x4096 JPEG to a 28x28 model. The process's peak resident
  memory (VmHWM, reset just before) over its resident memory before the uploads, and the 5xx count.
  Target: growth under 2 GB, 0 5xx (503 from the decode budget is a clear answer, not a failure).
- sigterm: 8 clients on kept-alive connections, SIGTERM after a few seconds. Each request ends
  answered (200 or 503), refused at connect (the port closed: never accepted), or cut (reset or
  closed without an answer). Target: 0 cut.
- soak: a steady rate for --soak-minutes (default 10), on a fixed 1 GB heap touched at start (so
  that heap growth does not hide or fake a leak). Resident memory one minute in against the end.
  Target: growth under 5%.

    python3 bench/reliability.py [--scenarios overload,memory,sigterm,soak] [--soak-minutes 10]

Needs `hey` (apt-get install hey), a JDK (for the test image) and a built jar
(./mvnw -q package -DskipTests). Linux only (reads /proc).
"""
import argparse
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

from service import free_port

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "cnnserve.jar")
MB = 1024 * 1024


def repository(model, **batching):
    """A scratch repository holding a copy of one shipped model, its batching settings replaced."""
    root = tempfile.mkdtemp(prefix="cnnserve-reliability-")
    target = os.path.join(root, model)
    shutil.copytree(os.path.join(ROOT, "models", model), target,
                    ignore=shutil.ignore_patterns("validations"))
    path = os.path.join(target, "model.yaml")
    with open(path) as f:
        text = f.read()
    for key, value in batching.items():
        text, n = re.subn(rf"^(\s*){key}: .*$", rf"\g<1>{key}: {value}", text, flags=re.M)
        if n == 0:
            sys.exit(f"{model}/model.yaml has no '{key}' to set")
    with open(path, "w") as f:
        f.write(text)
    return root


class Service:
    def __init__(self, repo, model, *extra, jvm=()):
        self.port = free_port()
        self.repo = repo
        self.log = open(os.path.join(repo, "service.log"), "w")
        self.proc = subprocess.Popen(
            ["java", *jvm, "-jar", JAR, f"--server.port={self.port}", "--server.address=127.0.0.1",
             f"--cnnserve.registry.repository={repo}", f"--cnnserve.registry.models={model}",
             "--cnnserve.validation.run-at-load=false", *extra],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT)
        deadline = time.time() + 300
        while time.time() < deadline:
            try:
                status, _ = request("GET", self.port, "/actuator/health/readiness")
                if status == 200:
                    return
            except OSError:
                pass
            if self.proc.poll() is not None:
                sys.exit(f"service exited; see {self.log.name}")
            time.sleep(0.5)
        self.stop()
        sys.exit("service did not become ready in 300 s")

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def resident(self, field="VmRSS"):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return int(re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.M).group(1)) * 1024

    def reset_peak(self):
        with open(f"/proc/{self.proc.pid}/clear_refs", "w") as f:
            f.write("5")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            self.proc.wait(timeout=120)
        self.log.close()
        shutil.rmtree(self.repo, ignore_errors=True)


def request(method, port, path, body=None, content_type=None, timeout=30):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        headers = {"Content-Type": content_type} if content_type else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def hey(url, image, content_type, concurrency, seconds, rate=None):
    """Per-request rows from hey's CSV output: (status, seconds)."""
    command = ["hey", "-z", f"{seconds}s", "-t", "60", "-c", str(concurrency), "-m", "POST",
               "-T", content_type, "-D", image, "-o", "csv"]
    if rate:
        command += ["-q", str(rate)]
    out = subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout
    rows = []
    for line in out.splitlines()[1:]:
        fields = line.split(",")
        if len(fields) >= 8 and fields[6].isdigit():
            rows.append((int(fields[6]), float(fields[0])))
    return rows


def quantile(values, q):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else float("nan")


def big_jpeg(directory, side=4096):
    """A 4096x4096 JPEG of smooth gradients and noise, written by a JDK single-file program."""
    path = os.path.join(directory, f"big-{side}.jpg")
    source = os.path.join(directory, "BigJpeg.java")
    with open(source, "w") as f:
        f.write("""
import java.awt.image.BufferedImage; import java.io.File; import java.util.Random; import javax.imageio.ImageIO;
public class BigJpeg { public static void main(String[] a) throws Exception {
  int n = Integer.parseInt(a[0]); BufferedImage im = new BufferedImage(n, n, BufferedImage.TYPE_INT_RGB);
  Random r = new Random(1);
  for (int y = 0; y < n; y++) for (int x = 0; x < n; x++)
    im.setRGB(x, y, ((x * 255 / n) << 16) | ((y * 255 / n) << 8) | r.nextInt(64));
  ImageIO.write(im, "jpg", new File(a[1])); } }
""")
    subprocess.run(["java", source, str(side), path], check=True)
    return path


def overload(rows_out):
    repo = repository("resnet50", max_batch_size=8, max_queue_size=4)
    service = Service(repo, "resnet50")
    image = os.path.join(ROOT, "examples", "colour-shapes.jpg")
    try:
        hey(service.url("/v1/models/resnet50/classify"), image, "image/jpeg", 4, 10)  # warm the path
        liveness, stop = [], threading.Event()

        def poll():
            while not stop.is_set():
                start = time.perf_counter()
                try:
                    status, _ = request("GET", service.port, "/actuator/health/liveness", timeout=10)
                except OSError:
                    status = 0
                liveness.append((status, time.perf_counter() - start))
                time.sleep(0.05)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        rows = hey(service.url("/v1/models/resnet50/classify"), image, "image/jpeg", 500, 30)
        stop.set()
        poller.join()
        refused = [s for c, s in rows if c == 429]
        server_errors = sum(1 for c, _ in rows if c >= 500)
        live_ok = sum(1 for c, _ in liveness if c == 200)
        slowest = max(s for _, s in liveness)
        rows_out.append(("overload: 500 clients, queue of 4 (resnet50)",
                         f"{len(rows)} requests: {sum(1 for c, _ in rows if c == 200)} x 200, "
                         f"{len(refused)} x 429 ({100 * len(refused) / max(1, len(rows)):.1f}%), "
                         f"429 median {1000 * quantile(refused, 0.5):.0f} ms; "
                         f"liveness {live_ok}/{len(liveness)} UP, slowest {1000 * slowest:.0f} ms",
                         f"5xx: {server_errors}", server_errors == 0 and slowest < 1.0 and live_ok == len(liveness)))
    finally:
        service.stop()


def memory(rows_out, scratch):
    image = big_jpeg(scratch)
    repo = repository("lenet5-fashion")
    service = Service(repo, "lenet5-fashion")
    url = "/v1/models/lenet5-fashion/classify"
    try:
        with open(image, "rb") as f:
            body = f.read()
        for _ in range(3):  # the decoder's and the JIT's first-use costs belong to the baseline
            request("POST", service.port, url, body, "image/jpeg", timeout=120)
        time.sleep(2)
        before = service.resident()
        service.reset_peak()
        statuses = []
        lock = threading.Lock()

        def upload():
            try:
                status, _ = request("POST", service.port, url, body, "image/jpeg", timeout=120)
            except OSError:
                status = 0
            with lock:
                statuses.append(status)

        threads = [threading.Thread(target=upload) for _ in range(24)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        growth = service.resident("VmHWM") - before
        failed = sum(1 for s in statuses if s >= 500 and s != 503 or s == 0)
        counts = {s: statuses.count(s) for s in sorted(set(statuses))}
        rows_out.append(("memory: 24 concurrent 4096x4096 JPEG uploads (lenet5-fashion)",
                         f"resident {before / MB:.0f} MB before, peak growth {growth / MB:.0f} MB; answers {counts}",
                         f"5xx other than 503: {failed}", growth < 2048 * MB and failed == 0))
    finally:
        service.stop()


def sigterm(rows_out):
    repo = repository("lenet5-fashion")
    service = Service(repo, "lenet5-fashion")
    with open(os.path.join(ROOT, "examples", "ankle-boot.png"), "rb") as f:
        body = f.read()
    outcomes = {"answered 200": 0, "answered 503": 0, "answered other": 0, "refused at connect": 0, "cut": 0}
    cuts = []
    lock = threading.Lock()
    done = threading.Event()

    def client():
        connection, used = None, 0
        while not done.is_set():
            if connection is None:
                used = 0
                connection = http.client.HTTPConnection("127.0.0.1", service.port, timeout=90)
                try:
                    connection.connect()
                except ConnectionRefusedError:
                    with lock:
                        outcomes["refused at connect"] += 1
                    return  # the port is closed: the service is gone
            stage = "sending"
            try:
                connection.request("POST", "/v1/models/lenet5-fashion/classify", body=body,
                                   headers={"Content-Type": "image/png"})
                stage = "awaiting the answer"
                response = connection.getresponse()
                response.read()
                used += 1
                key = {200: "answered 200", 503: "answered 503"}.get(response.status, "answered other")
                with lock:
                    outcomes[key] += 1
                if response.will_close:
                    connection.close()
                    connection = None
            except (ConnectionError, http.client.HTTPException, OSError) as e:
                with lock:
                    outcomes["cut"] += 1
                    cuts.append(f"{type(e).__name__} while {stage} on a {'new' if used == 0 else 'kept-alive'} connection")
                connection.close()
                connection = None

    threads = [threading.Thread(target=client) for _ in range(8)]
    for t in threads:
        t.start()
    time.sleep(5)
    started = time.time()
    service.proc.send_signal(signal.SIGTERM)
    service.proc.wait(timeout=120)
    stopped = time.time() - started
    done.set()
    for t in threads:
        t.join()
    service.stop()
    rows_out.append(("SIGTERM under load: 8 kept-alive clients (lenet5-fashion)",
                     ", ".join(f"{k}: {v}" for k, v in outcomes.items()) + f"; exited {stopped:.1f} s after SIGTERM"
                     + (f"; cut by {sorted(set(cuts))}" if cuts else ""),
                     f"cut: {outcomes['cut']}", outcomes["cut"] == 0))


def soak(rows_out, minutes):
    repo = repository("lenet5-fashion")
    # A heap of fixed size, touched at start: resident memory then grows only by what the process
    # keeps off the heap (native buffers, ONNX Runtime's arenas, threads, metaspace), not by the
    # JVM lazily growing its heap towards a quarter of the machine's memory.
    service = Service(repo, "lenet5-fashion", jvm=("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch"))
    image = os.path.join(ROOT, "examples", "ankle-boot.png")
    url = service.url("/v1/models/lenet5-fashion/classify")
    try:
        samples = []
        stop = threading.Event()

        def sample():
            while not stop.is_set():
                samples.append((time.time(), service.resident()))
                time.sleep(1)

        sampler = threading.Thread(target=sample, daemon=True)
        started = time.time()
        sampler.start()
        # 4 workers at 50 requests/s each: a steady 200 requests/s
        rows = hey(url, image, "image/png", 4, int(minutes * 60), rate=50)
        stop.set()
        sampler.join()
        warm = [r for t, r in samples if t - started >= 60][:5]
        after_warm_up = sorted(warm)[len(warm) // 2]
        end = sorted(r for _, r in samples[-5:])[2]
        growth = (end - after_warm_up) / after_warm_up
        errors = sum(1 for c, _ in rows if c != 200)
        rows_out.append((f"soak: {minutes:g} min at 200 requests/s (lenet5-fashion, 1 GB heap)",
                         f"{len(rows)} requests, {errors} not 200; resident {after_warm_up / MB:.0f} MB after 1 min, "
                         f"{end / MB:.0f} MB at the end, peak {max(r for _, r in samples) / MB:.0f} MB",
                         f"growth {100 * growth:+.1f}%", growth < 0.05 and errors == 0))
    finally:
        service.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scenarios", default="overload,memory,sigterm,soak")
    parser.add_argument("--soak-minutes", type=float, default=10)
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit("build the jar first: ./mvnw -q package -DskipTests")
    if shutil.which("hey") is None:
        sys.exit("hey is missing: apt-get install hey")
    cpu = re.search(r"^model name\s*:\s*(.*)$", open("/proc/cpuinfo").read(), re.M)
    flags = open("/proc/cpuinfo").read()
    print(f"# cnnserve reliability suite, {os.cpu_count()} CPUs ({cpu.group(1) if cpu else 'unknown'}"
          f"{', AVX-512' if 'avx512f' in flags else ''}), {time.strftime('%Y-%m-%d %H:%M %Z')}")
    print()
    rows = []
    scratch = tempfile.mkdtemp(prefix="cnnserve-reliability-images-")
    try:
        for scenario in args.scenarios.split(","):
            if scenario == "overload":
                overload(rows)
            elif scenario == "memory":
                memory(rows, scratch)
            elif scenario == "sigterm":
                sigterm(rows)
            elif scenario == "soak":
                soak(rows, args.soak_minutes)
            else:
                sys.exit(f"unknown scenario '{scenario}'")
            print(f"- {rows[-1][0]}: {rows[-1][1]}", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print("| scenario | measured | against the target | met |")
    print("|---|---|---|---|")
    for name, measured, figure, met in rows:
        print(f"| {name} | {measured} | {figure} | {'yes' if met else 'no'} |")
    return 0 if all(r[3] for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
