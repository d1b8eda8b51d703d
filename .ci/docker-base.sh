#!/usr/bin/env bash
# Builds the two base images the Dockerfile's build args can point at, without any container
# registry: CI cannot pull eclipse-temurin, so it makes its own Java 17 images from Debian packages.
#
#   .ci/docker-base.sh            build the images that are missing
#   .ci/docker-base.sh --force    rebuild both
#
#   cnnserve-local/jre17:1   Debian bookworm (minbase) + openjdk-17-jre-headless: the runtime stage
#   cnnserve-local/jdk17:1   the same + openjdk-17-jdk-headless: the build stage
#
# One debootstrap serves both: the JRE root file system is imported first, then the JDK is
# installed on top of the same tree and imported again. Packages come from the Debian mirror that
# this machine's apt uses (or CNNSERVE_DEBIAN_MIRROR). Needs root, debootstrap and an engine that
# answers (.ci/docker.sh start).
set -euo pipefail
cd "$(dirname "$0")/.."

suite=bookworm
jre_image=cnnserve-local/jre17:1
jdk_image=cnnserve-local/jdk17:1
java_home=/usr/lib/jvm/java-17-openjdk-amd64

die() {
    echo "docker-base.sh: $*" >&2
    exit 1
}

log() {
    echo "docker-base.sh: [${SECONDS}s] $*" >&2
}

image_exists() {
    docker image inspect "$1" >/dev/null 2>&1
}

# The first Debian archive URI in apt's sources that serves $suite itself (not -security or
# -updates): one-line entries in sources.list and deb822 stanzas in sources.list.d/*.sources.
debian_mirror() {
    local file
    for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [[ -r $file ]] || continue
        awk -v suite="$suite" '$1 == "deb" {
                i = 2; if ($i ~ /^\[/) { while ($i !~ /\]$/) i++; i++ }
                if ($(i + 1) == suite) { print $i; exit }
            }' "$file"
    done
    for file in /etc/apt/sources.list.d/*.sources; do
        [[ -r $file ]] || continue
        # Stanzas are separated by blank lines; a stanza names its URIs and Suites once each.
        awk -v suite="$suite" '
            function flush() {
                if (!done && types ~ /(^| )deb( |$)/ && (" " suites " ") ~ (" " suite " ") && uris != "") {
                    split(uris, u, " "); print u[1]; done = 1; exit
                }
                types = uris = suites = ""
            }
            /^[[:space:]]*#/ { next }
            /^[[:space:]]*$/ { flush(); next }
            tolower($1) == "types:"  { $1 = ""; types = $0 }
            tolower($1) == "uris:"   { $1 = ""; uris = $0 }
            tolower($1) == "suites:" { $1 = ""; suites = $0 }
            END { flush() }' "$file"
    done
}

force=false
[[ ${1:-} == --force ]] && force=true
if ! $force && image_exists "$jre_image" && image_exists "$jdk_image"; then
    log "$jre_image and $jdk_image exist; nothing to do (--force rebuilds them)"
    exit 0
fi

((EUID == 0)) || die "debootstrap and chroot need root"
command -v debootstrap >/dev/null || die "debootstrap is not on PATH (apt-get install debootstrap)"
docker info >/dev/null 2>&1 || die "no Docker engine answers; run .ci/docker.sh start first"
mirror=${CNNSERVE_DEBIAN_MIRROR:-$(debian_mirror | head -1)}
[[ -n $mirror ]] || die "no '$suite' entry in apt's sources; set CNNSERVE_DEBIAN_MIRROR to a Debian mirror URL"
mirror=${mirror%/}
log "Debian $suite from $mirror"

work=$(mktemp -d "${TMPDIR:-/var/tmp}/cnnserve-rootfs.XXXXXX")
rootfs=$work/rootfs
# The tree lives in memory when it can: dpkg's fsyncs then cost nothing, and cleaning up is an
# unmount. About 700 MB at the peak; a disk directory serves where tmpfs cannot be mounted.
on_tmpfs=false
if mount -t tmpfs -o size=3g,mode=0755 cnnserve-rootfs "$work" 2>/dev/null; then
    on_tmpfs=true
fi
cleanup() {
    # Never delete through a mounted /proc: unmount first, and stay on this file system.
    if mountpoint -q "$rootfs/proc" 2>/dev/null; then
        umount "$rootfs/proc" || umount -l "$rootfs/proc"
    fi
    mountpoint -q "$rootfs/proc" 2>/dev/null && die "could not unmount $rootfs/proc; remove $work by hand"
    if $on_tmpfs; then
        umount "$work" && rmdir "$work"
    else
        rm -rf --one-file-system "$work"
    fi
}
trap cleanup EXIT

debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -30 "$work/debootstrap.log" >&2; die "debootstrap failed (log above)"; }
log "debootstrap done"

# As Debian's own container images do: dpkg skips fsync (the tree is thrown away if this fails),
# and documentation, man pages and translations are not installed, which keeps the images (and
# every layer the vfs storage driver copies whole) smaller.
cat >"$rootfs/etc/dpkg/dpkg.cfg.d/cnnserve-container" <<'CFG'
force-unsafe-io
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
CFG
cat >"$rootfs/etc/apt/apt.conf.d/cnnserve-container" <<'CFG'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
CFG
printf 'deb %s %s main\n' "$mirror" "$suite" >"$rootfs/etc/apt/sources.list"
# So that the images resolve names like the host does (build steps use the host's network).
cp /etc/resolv.conf "$rootfs/etc/resolv.conf"

# The certificate authorities this machine added locally (Debian keeps them in
# /usr/local/share/ca-certificates): where outgoing TLS passes through an inspecting proxy, the
# build stage's Maven must trust the proxy's CA as the host does. ca-certificates and
# ca-certificates-java put them in the system and Java trust stores when they are configured below.
if compgen -G '/usr/local/share/ca-certificates/*' >/dev/null; then
    mkdir -p "$rootfs/usr/local/share/ca-certificates"
    cp -r /usr/local/share/ca-certificates/. "$rootfs/usr/local/share/ca-certificates/"
fi

# ca-certificates-java runs keytool in its postinst, and the JVM wants /proc.
mount -t proc proc "$rootfs/proc"
in_root() {
    chroot "$rootfs" env DEBIAN_FRONTEND=noninteractive LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@"
}
apt_install() {
    in_root apt-get install -y -qq "$@" >>"$work/apt.log" 2>&1 \
        || { tail -30 "$work/apt.log" >&2; die "apt-get install $* failed (log above)"; }
}
in_root apt-get update -qq >>"$work/apt.log" 2>&1 || { tail -30 "$work/apt.log" >&2; die "apt-get update failed"; }
apt_install openjdk-17-jre-headless
log "JRE installed"

# The image gets no package lists, caches or the host's resolver; apt-get update restores the lists.
import_image() {
    local image=$1
    tar -C "$rootfs" --numeric-owner --one-file-system \
        --exclude=./proc/* --exclude=./var/lib/apt/lists/* --exclude=./var/cache/apt/* \
        --exclude=./var/cache/debconf/*-old --exclude=./var/log/* --exclude=./etc/resolv.conf \
        -cf - . |
        docker import \
            --change "ENV JAVA_HOME=$java_home" \
            --change 'ENV LANG=C.UTF-8' \
            --change 'CMD ["bash"]' \
            --message "cnnserve CI base: Debian $suite minbase, $2" \
            - "$image" >/dev/null
    log "imported $image ($(docker image inspect --format '{{.Size}}' "$image" | numfmt --to=iec))"
}
import_image "$jre_image" openjdk-17-jre-headless

apt_install openjdk-17-jdk-headless
log "JDK installed"
import_image "$jdk_image" openjdk-17-jdk-headless
