#!/usr/bin/env bash
# Starts and stops a Docker engine for the container image build and its tests.
#
#   .ci/docker.sh start   make sure an engine answers: use the one that does, or start dockerd
#   .ci/docker.sh stop    stop the dockerd that "start" started; an engine it found is left alone
#
# The dockerd started here has no default bridge network: every container and every build step
# runs with host networking, so nothing is ever sent to a bridge address. Its storage driver is
# overlay2 where the kernel can mount an overlay on the data root's file system, vfs elsewhere
# (vfs works everywhere, overlay on overlay included, but copies the whole file system for every
# build step and container: the image build takes minutes longer); CNNSERVE_DOCKER_STORAGE_DRIVER
# chooses. Images stay in the engine's data root (/var/lib/docker), so the local base images and
# the build's cached layers survive from one run to the next on the same machine.
# Its PID and log are in target/docker/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
# shellcheck source=.ci/lib.sh
source "$root/.ci/lib.sh"

state_dir=$root/target/docker
data_root=/var/lib/docker
pid_file=$state_dir/dockerd.pid
log_file=$state_dir/dockerd.log
ready_timeout_s=60

die() {
    echo "docker.sh: $*" >&2
    exit 1
}

engine_answers() {
    docker info >/dev/null 2>&1
}

# The PID recorded by "start", if that process is still the dockerd it started: a PID can be
# reused by an unrelated process once ours is gone, and that one must never be killed.
running_pid() {
    [[ -f $pid_file ]] || return 1
    local pid args
    pid=$(<"$pid_file")
    kill -0 "$pid" 2>/dev/null || return 1
    args=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    [[ $args == *dockerd*"--pidfile=$state_dir/"* ]] || return 1
    echo "$pid"
}

# Whether an overlay file system mounts on the data root's file system, as overlay2 needs.
overlay_works() {
    mkdir -p "$data_root"
    local probe ok=1
    probe=$(mktemp -d "$data_root/.overlay-probe.XXXXXX")
    mkdir "$probe/lower" "$probe/upper" "$probe/work" "$probe/merged"
    if mount -t overlay overlay \
        -o "lowerdir=$probe/lower,upperdir=$probe/upper,workdir=$probe/work" "$probe/merged" 2>/dev/null; then
        umount "$probe/merged"
        ok=0
    fi
    rm -rf --one-file-system "$probe"
    return $ok
}

start() {
    command -v docker >/dev/null || die "the docker client is not on PATH (Debian/Ubuntu: apt-get install docker.io)"
    if engine_answers; then
        echo "docker.sh: an engine already answers; using it" >&2
        return
    fi
    command -v dockerd >/dev/null || die "dockerd is not on PATH (Debian/Ubuntu: apt-get install docker.io)"
    ((EUID == 0)) || die "dockerd must be started as root"
    mkdir -p "$state_dir"
    local driver=${CNNSERVE_DOCKER_STORAGE_DRIVER:-}
    if [[ -z $driver ]]; then
        driver=vfs
        overlay_works && driver=overlay2
    fi
    # dockerd's own pid file (not the default /var/run/docker.pid) identifies ours in running_pid.
    # nohup: it must outlive this script, which returns once the engine answers.
    nohup dockerd \
        --storage-driver="$driver" \
        --bridge=none \
        --iptables=false \
        --pidfile="$state_dir/dockerd.own.pid" \
        >"$log_file" 2>&1 </dev/null &
    local pid=$!
    echo "$pid" >"$pid_file"

    local deadline=$((SECONDS + ready_timeout_s))
    until engine_answers; do
        if ! kill -0 "$pid" 2>/dev/null; then
            echo "docker.sh: dockerd exited before it answered; its log:" >&2
            cat "$log_file" >&2
            rm -f "$pid_file"
            exit 1
        fi
        if ((SECONDS >= deadline)); then
            echo "docker.sh: dockerd did not answer within ${ready_timeout_s}s; its log:" >&2
            tail -50 "$log_file" >&2
            stop
            exit 1
        fi
        sleep 0.5
    done
    echo "docker.sh: dockerd ready (PID $pid, storage driver $driver); log $log_file" >&2
}

stop() {
    local pid
    if ! pid=$(running_pid); then
        echo "docker.sh: no dockerd of ours is running" >&2
        rm -f "$pid_file"
        return
    fi
    # dockerd stops its containers (10 s each by default) before it exits.
    terminate "$pid" 30
    rm -f "$pid_file"
    echo "docker.sh: stopped dockerd (PID $pid)" >&2
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) die "usage: $0 start|stop" ;;
esac
