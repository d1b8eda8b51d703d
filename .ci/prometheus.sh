#!/usr/bin/env bash
# Starts and stops a throwaway Prometheus for tests that query a live server.
#
#   .ci/prometheus.sh start   start it; prints its URL on stdout
#   .ci/prometheus.sh stop    stop the one "start" started
#
# It scrapes job "cnnserve" (metrics_path /actuator/prometheus, every second) at the targets
# listed in a file_sd targets file, which starts empty: a test writes
#   [{"targets": ["127.0.0.1:<port>"]}]
# into it (write a temporary file and rename it over, so Prometheus never reads half a file).
# Prometheus passes discovery changes on at most every 5 seconds, so the first scrape comes about
# 5 to 6 seconds after the write: poll for it, do not wait a fixed time. It also evaluates
# deploy/prometheus/alerts.yml. The URL and the targets file go into target/prometheus.env:
#   CNNSERVE_PROMETHEUS_URL=http://127.0.0.1:<port>
#   CNNSERVE_PROMETHEUS_TARGETS=<file>
# The port is 19090 unless CNNSERVE_PROMETHEUS_PORT says otherwise. Everything else lives in a
# temporary directory that "stop" removes.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=.ci/lib.sh
source "$root/.ci/lib.sh"

port=${CNNSERVE_PROMETHEUS_PORT:-19090}
state_dir=$root/target/prometheus
pid_file=$state_dir/pid
work_file=$state_dir/workdir
env_file=$root/target/prometheus.env
ready_timeout_s=30

die() {
    echo "prometheus.sh: $*" >&2
    exit 1
}

# The PID recorded by "start", if that process is still the Prometheus it started: a PID can be
# reused by an unrelated process once ours is gone, and that one must never be killed.
running_pid() {
    [[ -f $pid_file && -f $work_file ]] || return 1
    local pid work
    pid=$(<"$pid_file")
    work=$(<"$work_file")
    kill -0 "$pid" 2>/dev/null || return 1
    local args
    if [[ -r /proc/$pid/cmdline ]]; then
        args=$(tr '\0' ' ' <"/proc/$pid/cmdline")
    else
        args=$(ps -p "$pid" -o args=)
    fi
    [[ $args == *"--storage.tsdb.path=$work/data"* ]] || return 1
    echo "$pid"
}

port_in_use() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

start() {
    local pid
    if pid=$(running_pid); then
        die "already running (PID $pid); run '$0 stop' first"
    fi
    command -v prometheus >/dev/null || die "prometheus is not on PATH (Debian/Ubuntu: apt-get install prometheus)"
    # Otherwise the readiness check below could be answered by whatever already listens there.
    if port_in_use "$port"; then
        die "127.0.0.1:$port is already in use; set CNNSERVE_PROMETHEUS_PORT to a free port"
    fi

    local work targets
    work=$(mktemp -d "${TMPDIR:-/tmp}/cnnserve-prometheus.XXXXXX")
    targets=$work/targets.json
    echo '[]' >"$targets"
    cat >"$work/prometheus.yml" <<YAML
global:
  scrape_interval: 1s
  scrape_timeout: 1s
  evaluation_interval: 1s
rule_files:
  - "$root/deploy/prometheus/alerts.yml"
scrape_configs:
  - job_name: cnnserve
    metrics_path: /actuator/prometheus
    file_sd_configs:
      - files: ["$targets"]
        # Prometheus also watches the file; the short refresh covers file systems where
        # change notifications do not arrive.
        refresh_interval: 1s
YAML

    mkdir -p "$state_dir"
    # nohup: it must outlive this script, which returns once Prometheus is ready.
    nohup prometheus \
        --config.file="$work/prometheus.yml" \
        --storage.tsdb.path="$work/data" \
        --web.listen-address="127.0.0.1:$port" \
        >"$work/prometheus.log" 2>&1 </dev/null &
    pid=$!
    echo "$pid" >"$pid_file"
    echo "$work" >"$work_file"

    local url="http://127.0.0.1:$port"
    local deadline=$((SECONDS + ready_timeout_s))
    until curl -fsS -o /dev/null --max-time 1 "$url/-/ready" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "prometheus.sh: Prometheus exited before it was ready; its log:" >&2
            cat "$work/prometheus.log" >&2
            rm -rf "$work" "$pid_file" "$work_file"
            exit 1
        fi
        if ((SECONDS >= deadline)); then
            echo "prometheus.sh: Prometheus was not ready within ${ready_timeout_s}s; its log:" >&2
            cat "$work/prometheus.log" >&2
            stop
            exit 1
        fi
        sleep 0.2
    done

    printf 'CNNSERVE_PROMETHEUS_URL=%s\nCNNSERVE_PROMETHEUS_TARGETS=%s\n' "$url" "$targets" >"$env_file"
    echo "prometheus.sh: ready at $url (PID $pid); targets file $targets; settings in $env_file" >&2
    echo "$url"
}

stop() {
    local pid work
    if ! pid=$(running_pid); then
        echo "prometheus.sh: not running" >&2
    else
        # Prometheus flushes its head block on SIGTERM; give it a few seconds before SIGKILL.
        terminate "$pid" 10
        echo "prometheus.sh: stopped PID $pid" >&2
    fi
    if [[ -f $work_file ]]; then
        work=$(<"$work_file")
        # Only ever a directory this script created.
        [[ $work == */cnnserve-prometheus.* ]] && rm -rf "$work"
    fi
    rm -f "$pid_file" "$work_file" "$env_file"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) die "usage: $0 start|stop" ;;
esac
