#!/usr/bin/env python3
"""The service over HTTP against a bare ONNX Runtime session on the same graph, in the same minutes.

Starts the service on a loopback port with one model on the onnx engine (a scratch copy of
models/MODEL with `engine: onnx` and the batch policy given), uploads PNG images from N concurrent
clients, and alternates rounds of that load with rounds of `java -jar target/cnnserve.jar bench engine
--raw-session --on-demand` (a bare session on the graph the service runs, the replica's thread count,
back-to-back passes at the batch size, no HTTP). Prints, per round, the service's images/s (200
answers only, finished inside the round), the raw session's images/s in the round before and after,
and their ratio; then the totals. The service cannot beat the session it runs on: a ratio above 1.00
is noise.

The PNGs are real images: the first Fashion-MNIST test images (datasets/fashion-mnist), upscaled
bilinearly to the model's input size and written as 8-bit RGB, so that each request pays PNG decoding
and resizing at the model's size. The load generator is Python (http.client, one keep-alive connection
per client thread); it runs on the same cores as the service.

    python3 bench/service_vs_session.py [--model resnet50] [--clients 16] [--batch 8] [--seconds 20] [--rounds 3]

Needs a built jar (./mvnw -q package -DskipTests) and numpy.
"""
import argparse
import gzip
import http.client
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zlib

import numpy as np

from service import batch_stats, free_port, start_service

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "cnnserve.jar")
FASHION = os.path.join(ROOT, "datasets", "fashion-mnist", "t10k-images-idx3-ubyte.gz")


def png(rgb):
    """An 8-bit RGB PNG of an H x W x 3 uint8 array."""
    height, width, _ = rgb.shape
    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(height))  # filter 0 on every row

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b""))


def upscale(image, size):
    """Bilinear resize of a 2-D array to size x size, as uint8."""
    h, w = image.shape
    ys = np.clip((np.arange(size) + 0.5) * h / size - 0.5, 0, h - 1)
    xs = np.clip((np.arange(size) + 0.5) * w / size - 0.5, 0, w - 1)
    y0, x0 = np.floor(ys).astype(int), np.floor(xs).astype(int)
    y1, x1 = np.minimum(y0 + 1, h - 1), np.minimum(x0 + 1, w - 1)
    fy, fx = (ys - y0)[:, None], (xs - x0)[None, :]
    img = image.astype(np.float32)
    top = img[y0][:, x0] * (1 - fx) + img[y0][:, x1] * fx
    bottom = img[y1][:, x0] * (1 - fx) + img[y1][:, x1] * fx
    return np.clip(np.rint(top * (1 - fy) + bottom * fy), 0, 255).astype(np.uint8)


def fashion_pngs(count, size):
    with gzip.open(FASHION) as f:
        _, n, rows, cols = struct.unpack(">IIII", f.read(16))
        pixels = np.frombuffer(f.read(min(count, n) * rows * cols), dtype=np.uint8)
    images = pixels.reshape(-1, rows, cols)
    return [png(np.repeat(upscale(255 - image, size)[:, :, None], 3, axis=2)) for image in images]


def scratch_repository(model, max_batch, delay_ms):
    root = tempfile.mkdtemp(prefix="cnnserve-session-")
    target = os.path.join(root, model)
    shutil.copytree(os.path.join(ROOT, "models", model), target)
    path = os.path.join(target, "model.yaml")
    with open(path) as f:
        text = f.read()
    text = re.sub(r"max_batch_size: \d+", f"max_batch_size: {max_batch}", text)
    text = re.sub(r"max_queue_delay: \w+", f"max_queue_delay: {delay_ms}ms", text)
    text = re.sub(r"^engine: \w+\n", "", text, flags=re.M) + "engine: onnx\n"
    with open(path, "w") as f:
        f.write(text)
    return root


def input_size(repository, model):
    with open(os.path.join(repository, model, "model.yaml")) as f:
        m = re.search(r"input: \{height: (\d+), width: (\d+)", f.read())
    return int(m.group(1))


def load(port, path, images, clients, seconds):
    """`clients` threads posting PNGs back to back for `seconds`; answers finished inside the window."""
    start = time.monotonic()
    deadline = start + seconds
    codes, latencies, lock = {}, [], threading.Lock()

    def client(k):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        i = k
        while time.monotonic() < deadline:
            body = images[i % len(images)]
            i += clients
            sent = time.monotonic()
            try:
                conn.request("POST", path, body, {"Content-Type": "image/png"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
                status = 0
            done = time.monotonic()
            if done <= deadline:
                with lock:
                    codes[status] = codes.get(status, 0) + 1
                    if status == 200:
                        latencies.append(done - sent)
        conn.close()

    threads = [threading.Thread(target=client, args=(k,)) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return codes, sorted(latencies)


class RawSession:
    """`bench engine --raw-session --on-demand`: warmed once, then one round per request."""

    def __init__(self, repository, model, batch, seconds):
        self.proc = subprocess.Popen(["java", "-jar", JAR, "bench", "engine", "--repository", repository, "--model",
                                      model, "--batch-sizes", str(batch), "--seconds", str(seconds), "--on-demand",
                                      "--raw-session"],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        for line in self.proc.stdout:
            if line.startswith("batch "):
                return
        sys.exit("bench engine --raw-session exited before its warm-up ended")

    def round(self):
        self.proc.stdin.write("round\n")
        self.proc.stdin.flush()
        rate = None
        for line in self.proc.stdout:
            if line.strip() == "end":
                return rate
            m = re.match(r"^(\d+) ([\d.]+) ", line)
            if m:
                rate = float(m.group(2))
        sys.exit("bench engine exited in the middle of a round")

    def close(self):
        self.proc.stdin.close()
        self.proc.wait(timeout=120)


def median(values):
    ordered = sorted(values)
    n = len(ordered)
    return ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2


def percentile(ordered, p):
    return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000 if ordered else float("nan")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="resnet50")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--batch", type=int, default=8, help="max_batch_size, and the raw session's batch")
    parser.add_argument("--delay-ms", type=int, default=10, help="max_queue_delay (default: 10)")
    parser.add_argument("--seconds", type=float, default=20, help="length of each round (default: 20)")
    parser.add_argument("--rounds", type=int, default=3, help="service rounds, each between two raw rounds")
    parser.add_argument("--warm-up", type=float, default=30, help="seconds of load before the first round")
    parser.add_argument("--images", type=int, default=32, help="distinct PNGs uploaded in turn (default: 32)")
    args = parser.parse_args()
    if not os.path.exists(JAR):
        sys.exit("build the jar first: ./mvnw -q package -DskipTests")
    repository = scratch_repository(args.model, args.batch, args.delay_ms)
    size = input_size(repository, args.model)
    images = fashion_pngs(args.images, size)
    print(f"# cnnserve service against a bare ONNX Runtime session: {args.model} on onnx, {args.clients} clients, "
          f"max_batch_size {args.batch}, max_queue_delay {args.delay_ms}ms; {os.cpu_count()} CPUs, "
          f"{time.strftime('%Y-%m-%d %H:%M %Z')}; {len(images)} PNGs of {size}x{size} RGB, "
          f"{sum(map(len, images)) // len(images) // 1024} KiB on average")
    print()
    port = free_port()
    service = start_service(repository, args.model, port, ready_within=600)
    raw = None
    try:
        raw = RawSession(repository, args.model, args.batch, args.seconds)
        path = f"/v1/models/{args.model}/classify"
        load(port, path, images, args.clients, args.warm_up)
        print("| round | service images/s (200s) | p50 ms | p95 ms | mean batch | raw session images/s (before, after) "
              "| service / raw | non-200 |")
        print("|---|---|---|---|---|---|---|---|")
        raws = [raw.round()]
        answered, elapsed, failed, rates = 0, 0.0, 0, []
        for r in range(1, args.rounds + 1):
            n0, s0 = batch_stats(port, args.model)
            codes, latencies = load(port, path, images, args.clients, args.seconds)
            n1, s1 = batch_stats(port, args.model)
            raws.append(raw.round())
            ok = codes.get(200, 0)
            others = sum(n for code, n in codes.items() if code != 200)
            answered, elapsed, failed = answered + ok, elapsed + args.seconds, failed + others
            rate = ok / args.seconds
            rates.append(rate)
            reference = (raws[-2] + raws[-1]) / 2
            mean_batch = (s1 - s0) / (n1 - n0) if n1 > n0 else float("nan")
            ratio = rate / reference
            print(f"| {r} | {rate:.2f} | {percentile(latencies, 50):.0f} | {percentile(latencies, 95):.0f} | "
                  f"{mean_batch:.2f} | {reference:.2f} ({raws[-2]:.2f}, {raws[-1]:.2f}) | "
                  f"{ratio:.2f}{' (noise)' if ratio > 1 else ''} | {others} |", flush=True)
        total = answered / elapsed
        reference = median(raws)
        print()
        print(f"Over all rounds: service {total:.2f} images/s (200 answers only; {failed} others), raw session "
              f"{reference:.2f} images/s at batch {args.batch} (median of {len(raws)} rounds, "
              f"{min(raws):.2f}-{max(raws):.2f}): service / raw = {total / reference:.2f}")
    finally:
        if raw is not None:
            raw.close()
        service.send_signal(signal.SIGTERM)
        service.wait(timeout=120)
        shutil.rmtree(repository, ignore_errors=True)


if __name__ == "__main__":
    main()
