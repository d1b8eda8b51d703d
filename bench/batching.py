#!/usr/bin/env python3
"""Dynamic batching benchmark: the service over HTTP under a real load generator (hey), against the
raw engine (the replica the service runs, native or DL4J) on the same model at the same batch
sizes, in the same minutes on one machine.

For each model and batch policy it starts the service on a loopback port with only that model,
drives it with `hey` at each concurrency, reads the mean batch size the batcher formed from
/actuator/prometheus, and compares the service's images/s (200 answers only) with the raw engine's
images/s at that batch size (measured by `java -jar target/cnnserve.jar bench engine --on-demand`,
interpolated between the batch sizes it measured). The two are measured in alternating short rounds
(raw, service, raw, service, ...), so that a drift of the machine hits both; the raw figure is the
median of the rounds. The service cannot beat the engine it runs: a service/raw ratio above 1.00 is
measurement noise and is printed as such, never as a target met. Prints a Markdown table.

    python3 bench/batching.py [--models lenet5-fashion,resnet50] [--seconds 15] [--rounds 3]

Needs `hey` (apt-get install hey) and a built jar (./mvnw -q package -DskipTests).
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from service import batch_stats, free_port, start_service

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "cnnserve.jar")
IMAGES = {"lenet5-fashion": ("examples/ankle-boot.png", "image/png"),
          "resnet50": ("examples/colour-shapes.jpg", "image/jpeg")}
# (label, max_batch_size, max_queue_delay in ms): "max32/5ms" batches up to 32 images, waiting at most 5 ms
POLICIES = {"lenet5-fashion": [("max1", 1, 0), ("max32/5ms", 32, 5), ("max32/0ms", 32, 0)],
            "resnet50": [("max1", 1, 0), ("max8/10ms", 8, 10), ("max8/0ms", 8, 0)]}
CONCURRENCY = {"lenet5-fashion": [1, 4, 16, 32], "resnet50": [1, 16]}
# ResNet-50 runs about one forward pass a second here: it needs longer windows to count.
SECONDS_FACTOR = {"lenet5-fashion": 1, "resnet50": 3}


def repository_with_policy(model, max_batch, delay_ms):
    root = tempfile.mkdtemp(prefix="cnnserve-bench-")
    target = os.path.join(root, model)
    shutil.copytree(os.path.join(ROOT, "models", model), target)
    path = os.path.join(target, "model.yaml")
    with open(path) as f:
        text = f.read()
    text = re.sub(r"max_batch_size: \d+", f"max_batch_size: {max_batch}", text)
    text = re.sub(r"max_queue_delay: \w+", f"max_queue_delay: {delay_ms}ms", text)
    with open(path, "w") as f:
        f.write(text)
    return root


def hey(url, image, content_type, concurrency, seconds):
    # -t: a ResNet-50 request can wait many forward passes in the queue at high concurrency.
    out = subprocess.run(["hey", "-z", f"{seconds}s", "-t", "120", "-c", str(concurrency), "-m", "POST", "-T", content_type,
                          "-D", os.path.join(ROOT, image), url], capture_output=True, text=True, check=True).stdout
    total = float(re.search(r"Total:\s+([\d.]+) secs", out).group(1))
    def pct(p):
        m = re.search(rf"{p}%% in ([\d.]+) secs".replace("%%", "%"), out)
        return float(m.group(1)) * 1000 if m else float("nan")
    codes = dict((int(c), int(n)) for c, n in re.findall(r"\[(\d{3})\]\s+(\d+) responses", out))
    return total, pct(50), pct(95), pct(99), codes


class RawEngine:
    """`bench engine --on-demand`: warmed once, then one round of every batch size per request."""

    def __init__(self, model, sizes, seconds):
        self.proc = subprocess.Popen(["java", "-jar", JAR, "bench", "engine", "--model", model, "--batch-sizes",
                                      ",".join(map(str, sizes)), "--seconds", str(seconds), "--on-demand"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        for line in self.proc.stdout:
            if line.startswith("batch "):
                return
        sys.exit(f"bench engine for {model} exited before its warm-up ended")

    def round(self):
        self.proc.stdin.write("round\n")
        self.proc.stdin.flush()
        rates = {}
        for line in self.proc.stdout:
            if line.strip() == "end":
                return rates
            m = re.match(r"^(\d+) ([\d.]+) ", line)
            if m:
                rates[int(m.group(1))] = float(m.group(2))
        sys.exit("bench engine exited in the middle of a round")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=120)


def median(values):
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def median_table(rounds):
    return {b: median([r[b] for r in rounds]) for b in rounds[0]}


def interpolate(table, batch):
    sizes = sorted(table)
    if batch <= sizes[0]:
        return table[sizes[0]]
    for lo, hi in zip(sizes, sizes[1:]):
        if batch <= hi:
            return table[lo] + (table[hi] - table[lo]) * (batch - lo) / (hi - lo)
    return table[sizes[-1]]


def measure(model, label, c, url, image, content_type, port, raw, raw_log, seconds, rounds):
    """Rounds of the raw engine and of the service in turn; one table row."""
    answered, elapsed, raw_rounds, latencies, codes = 0, 0.0, [], [], {}
    n0, s0 = batch_stats(port, model)
    for _ in range(rounds):
        raw_rounds.append(raw.round())
        total, p50, p95, p99, round_codes = hey(url, image, content_type, c, seconds)
        elapsed += total
        answered += round_codes.get(200, 0)
        latencies.append((p50, p95, p99))
        for code, n in round_codes.items():
            codes[code] = codes.get(code, 0) + n
    raw_rounds.append(raw.round())
    raw_log.extend(raw_rounds)
    n1, s1 = batch_stats(port, model)
    mean_batch = (s1 - s0) / (n1 - n0) if n1 > n0 else float("nan")
    reference = interpolate(median_table(raw_rounds), mean_batch)
    rate = answered / elapsed
    ratio = rate / reference
    shown = f"{ratio:.2f}" if ratio <= 1.0 else f"{ratio:.2f} (noise)"
    errors = sum(n for code, n in codes.items() if code != 200)
    # Latency percentiles: the median over the rounds of each round's percentile.
    p50, p95, p99 = (median([l[i] for l in latencies]) for i in range(3))
    print(f"| {model} | {label} | {c} | {rate:.1f} | {p50:.1f} | {p95:.1f} | {p99:.1f} | "
          f"{mean_batch:.2f} | {reference:.1f} | {shown} | {errors} |", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--models", default="lenet5-fashion,resnet50")
    parser.add_argument("--seconds", type=int, default=15, help="load per concurrency level")
    parser.add_argument("--policies", default="", help="comma-separated policy labels to run (default: all)")
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating raw-engine and service rounds per concurrency level (default: 3)")
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit("build the jar first: ./mvnw -q package -DskipTests")
    if shutil.which("hey") is None:
        sys.exit("hey is missing: apt-get install hey")
    print(f"# cnnserve batching benchmark, {os.cpu_count()} CPUs, {time.strftime('%Y-%m-%d %H:%M')}")
    print()
    print("| model | policy | concurrency | images/s (200s) | p50 ms | p95 ms | p99 ms | mean batch | raw engine images/s at that batch | service / raw | non-200 |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    raws = {}
    for model in args.models.split(","):
        sizes = sorted({1, 2, 4, 8} | {p[1] for p in POLICIES[model]})
        factor = SECONDS_FACTOR[model]
        raw = RawEngine(model, sizes, factor)
        raws[model] = []
        image, content_type = IMAGES[model]
        try:
            for label, max_batch, delay in POLICIES[model]:
                if args.policies and label not in args.policies.split(","):
                    continue
                repository = repository_with_policy(model, max_batch, delay)
                port = free_port()
                proc = start_service(repository, model, port)
                url = f"http://127.0.0.1:{port}/v1/models/{model}/classify"
                try:
                    # Warm the JIT and the request path. With LeNet-5 on the native engine the request
                    # path (Tomcat, decoding, JSON) is most of the work, and at 15 s it was still
                    # compiling: p50 at one client measured 6-8 ms, against 2.6 ms after 45 s.
                    hey(url, image, content_type, 4, 40 if model == "lenet5-fashion" else 20)
                    for c in CONCURRENCY[model]:
                        measure(model, label, c, url, image, content_type, port, raw, raws[model],
                                max(1, args.seconds * factor // args.rounds), args.rounds)
                finally:
                    proc.send_signal(signal.SIGTERM)
                    proc.wait(timeout=120)
                    shutil.rmtree(repository, ignore_errors=True)
        finally:
            raw.close()
    print()
    print("Raw engine (`bench engine`: one thread, back-to-back forward passes), images/s by batch size:")
    print()
    for model, rounds in raws.items():
        if rounds:
            print(f"- {model}: " + ", ".join(
                f"batch {b}: {median([r[b] for r in rounds]):.1f} ({min(r[b] for r in rounds):.1f}-"
                f"{max(r[b] for r in rounds):.1f})" for b in sorted(rounds[0])))
    print()
    print("Images/s counts 200 answers only. Service and raw engine ran in alternating rounds; a service / raw "
          "ratio above 1.00 is noise (the service runs that engine), not a target met.")


if __name__ == "__main__":
    main()
