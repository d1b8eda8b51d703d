#!/usr/bin/env python3
"""Start-up and load memory of the default model set: the service started from the jar, as
`./mvnw spring-boot:run` starts it (every shipped model, at-load validation on), on a fresh copy
of the tracked models/ folder each round.

Per round it prints the seconds from starting `java -jar target/cnnserve.jar` to readiness
answering 200, and, from /actuator/prometheus, each version's load time, the growth of the
process's resident memory across its load (cnnserve_model_offheap_bytes), and its parameters at
fp32 (cnnserve_model_parameter_bytes). Prints Markdown tables: medians over the rounds, with the
lowest and highest in brackets.

    python3 bench/startup.py [--rounds 3]

Needs a built jar (./mvnw -q package -DskipTests) and git (to list the tracked model files).
"""
import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from service import JAR, ROOT, free_port, get, start_service  # noqa: E402


def tracked_models(target):
    files = subprocess.run(["git", "ls-files", "models"], cwd=ROOT, check=True, capture_output=True,
                           text=True).stdout.split()
    for f in files:
        dest = os.path.join(target, os.path.relpath(f, "models"))
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        shutil.copy2(os.path.join(ROOT, f), dest)


def one_round(ready_within):
    repository = tempfile.mkdtemp(prefix="cnnserve-startup-")
    try:
        tracked_models(repository)
        port = free_port()
        started = time.monotonic()
        proc = start_service(repository, None, port, ready_within)
        try:
            ready = time.monotonic() - started
            text = get(f"http://127.0.0.1:{port}/actuator/prometheus")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
        versions = {}
        for name in ("cnnserve_model_load_seconds", "cnnserve_model_offheap_bytes", "cnnserve_model_parameter_bytes"):
            for m in re.finditer(r"^" + name + r"\{([^}]*)\} (\S+)$", text, re.M):
                labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(1)))
                versions.setdefault((labels["model"], int(labels["version"])), {})[name] = float(m.group(2))
        return ready, versions
    finally:
        shutil.rmtree(repository, ignore_errors=True)


def spread(values, fmt):
    values = [v for v in values if v == v]  # NaN: the version did not load
    if not values:
        return "-"
    return f"{fmt.format(statistics.median(values))} [{fmt.format(min(values))}-{fmt.format(max(values))}]"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=3)
    p.add_argument("--ready-within", type=int, default=600, help="seconds to wait for readiness")
    args = p.parse_args()
    if not os.path.exists(JAR):
        sys.exit(f"no {JAR}: run ./mvnw -q package -DskipTests first")

    rounds = []
    for i in range(args.rounds):
        ready, versions = one_round(args.ready_within)
        print(f"round {i + 1}: ready after {ready:.1f} s", flush=True)
        rounds.append((ready, versions))

    print()
    print(f"| readiness UP after (s), median [min-max] of {len(rounds)} starts |")
    print("|---|")
    print(f"| {spread([r for r, _ in rounds], '{:.1f}')} |")
    print()
    print("| model | version | load and warm-up (s) | resident growth across its load (MB) | parameters (MB, fp32) |")
    print("|---|---|---|---|---|")
    for key in sorted({k for _, v in rounds for k in v}):
        def col(name, scale):
            return [v[key].get(name, float("nan")) / scale for _, v in rounds if key in v]
        print(f"| {key[0]} | {key[1]} | {spread(col('cnnserve_model_load_seconds', 1), '{:.1f}')} "
              f"| {spread(col('cnnserve_model_offheap_bytes', 1e6), '{:.0f}')} "
              f"| {spread(col('cnnserve_model_parameter_bytes', 1e6), '{:.2f}')} |")


if __name__ == "__main__":
    main()
