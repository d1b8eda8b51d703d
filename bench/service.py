"""What the HTTP benchmarks share: a free loopback port, the service started from the jar and
waited for, and the batch sizes its batcher formed, read from /actuator/prometheus."""
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "target", "cnnserve.jar")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url):
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode()


def start_service(repository, model, port, ready_within=300):
    """The service from target/cnnserve.jar on 127.0.0.1:port with only `model` (None: every model, and
    at-load validation on, as a plain start runs it), at-load validation otherwise off (it would compete
    with the load a benchmark measures); returns once readiness answers."""
    log = open(os.path.join(repository, "service.log"), "w")
    selection = [] if model is None else [f"--cnnserve.registry.models={model}",
                                          "--cnnserve.validation.run-at-load=false"]
    proc = subprocess.Popen(["java", "-jar", JAR, f"--server.port={port}", "--server.address=127.0.0.1",
                             f"--cnnserve.registry.repository={repository}"] + selection,
                            stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
    deadline = time.time() + ready_within
    while time.time() < deadline:
        try:
            get(f"http://127.0.0.1:{port}/actuator/health/readiness")
            return proc
        except Exception:
            if proc.poll() is not None:
                sys.exit(f"service exited; see {log.name}")
            time.sleep(0.1)  # fine enough for bench/startup.py to time readiness
    proc.terminate()
    sys.exit(f"service did not become ready in {ready_within} s")


def batch_stats(port, model):
    text = get(f"http://127.0.0.1:{port}/actuator/prometheus")
    def value(name):
        m = re.search(r"^" + name + r"\{[^}]*model=\"" + re.escape(model) + r"\"[^}]*\} (\S+)$", text, re.M)
        return float(m.group(1)) if m else 0.0
    return value("cnnserve_batch_size_images_count"), value("cnnserve_batch_size_images_sum")
