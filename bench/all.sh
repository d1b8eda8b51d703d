#!/usr/bin/env bash
# Every table of docs/benchmarks.md, in one run on one machine, with the machine it ran on.
#
#   bench/all.sh [OUT_DIR]        (default: target/bench-<UTC time>)
#
# Needs a built jar (./mvnw -q package -DskipTests) and hey (apt-get install hey). Run it on a
# quiet machine: it takes about an hour on two cores. Each step writes OUT_DIR/<step>.md; the
# console shows the same, with the time each step started. Steps can be chosen with STEPS, e.g.
# STEPS="engines-fashion batching" bench/all.sh.
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-target/bench-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
jar=target/cnnserve.jar
[[ -f $jar ]] || { echo "no $jar: run ./mvnw -q package -DskipTests first" >&2; exit 2; }
java=(java --add-modules jdk.incubator.vector -jar "$jar")
fashion=lenet5,vgg_small,resnet_small,squeezenet_small,inception_small,nin_small
steps=${STEPS:-"machine startup engines-fashion architectures-fashion training batching engines-imagenet architectures"}

machine() {
    echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) vCPUs"
    echo "- AVX-512: $(grep -qw avx512f /proc/cpuinfo && echo yes || echo no); AVX2: $(grep -qw avx2 /proc/cpuinfo && echo yes || echo no)"
    echo "- memory: $(free -g | awk '/Mem:/ {print $2}') GB; load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- java: $(java -version 2>&1 | head -1)"
    echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
}

run() {
    local step=$1
    echo
    echo "## $step ($(date -u +%FT%TZ), load average $(cut -d' ' -f1 /proc/loadavg))"
    echo
    case $step in
        machine) machine ;;
        startup)
            python3 bench/startup.py --rounds 3 ;;
        engines-fashion)
            "${java[@]}" bench engines --names "$fashion" --batch-sizes 1,8,32 --seconds 3 ;;
        engines-imagenet)
            "${java[@]}" bench engines --names alexnet,googlenet,resnet50,vgg16 --batch-sizes 1,8 --seconds 2 \
                --engines dl4j,native --profile 8 ;;
        architectures)
            "${java[@]}" bench architectures --batch-sizes 1,8 --seconds 2 ;;
        architectures-fashion)
            "${java[@]}" bench architectures --names "$fashion" --batch-sizes 1,8 --seconds 4 ;;
        training)
            "${java[@]}" bench architectures --mode training --names lenet5,squeezenet_small,vgg_small,resnet_small \
                --batch-sizes 128 --seconds 4 ;;
        batching)
            python3 bench/batching.py --seconds 10 --policies "max1,max32/0ms,max8/10ms" ;;
        *) echo "unknown step $step" >&2; return 2 ;;
    esac
}

for step in $steps; do
    started=$(date +%s)
    run "$step" 2>"$out/$step.log" | tee "$out/$step.md"
    echo "($step took $(( $(date +%s) - started )) s)" | tee -a "$out/$step.md"
done
echo
echo "written to $out/"
