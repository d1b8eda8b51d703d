# Shell functions the .ci scripts share; source it, do not run it.

# Sends TERM to PID (a process the calling script started and checked), waits up to GRACE seconds
# for it to exit, then KILLs it.
terminate() {
    local pid=$1 grace=$2
    kill "$pid"
    local deadline=$((SECONDS + grace))
    while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid"
    fi
}
