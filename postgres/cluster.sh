# SPDX-License-Identifier: GPL-3.0-or-later
# shellcheck shell=bash
# Throw-away PostgreSQL clusters for the extension's tests, benchmark and
# sharding script (source this file). Nothing is installed into the system:
#
#   pgc_tree BUILD DIR   a private copy of the server's layout in DIR/pg: the
#                        postgres binary copied (it finds its share and lib
#                        directories relative to itself), every file of the
#                        system's share and lib directories linked, and the
#                        extension of build directory BUILD (indicators.so,
#                        control and SQL files, libindicators.so.1) copied in;
#   pgc_init DIR         initdb DIR/data (superuser "postgres", trust on the
#                        socket in DIR, which no one else can reach; TCP, when
#                        started with an address, needs a password);
#   pgc_start TREE DIR PORT [ADDR]  starts DIR's cluster with TREE's server
#                        (TREE may be DIR; - for the system's server and extensions) on the socket DIR/sock (and TCP on
#                        ADDR, e.g. 127.0.0.1, when given), waits until it accepts;
#                        PGC_OPTIONS adds server options ("-c work_mem=256MB");
#   pgc_stop DIR         stops it (fast) when running;
#   pgc_psql DIR PORT ARGS...  psql on it (-X, ON_ERROR_STOP, as postgres);
#   pgc_free_port        a TCP port free on 127.0.0.1.
#
# As root (CI), initdb and the server run as the unprivileged user PGC_USER
# (default nobody) through runuser, since PostgreSQL refuses to run as root.
# Callers stop their clusters and remove DIR in an EXIT trap.

PGC_BINDIR=$(pg_config --bindir)
PGC_SHAREDIR=$(pg_config --sharedir)
PGC_PKGLIBDIR=$(pg_config --pkglibdir)
PGC_USER=${PGC_USER:-nobody}

# Runs a command as the cluster's owner (root: PGC_USER; anyone else: themselves).
pgc_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        (cd / && runuser -u "$PGC_USER" -- "$@") # from a directory the owner may enter
    else
        "$@"
    fi
}

# The tree's paths mirror the system's below a common prefix (/usr on Debian:
# lib/postgresql/15/bin, share/postgresql/15, lib/postgresql/15/lib).
pgc_rel() { python3 -c 'import os,sys; print(os.path.relpath(sys.argv[1], sys.argv[2]))' "$1" "$2"; }

pgc_tree() {
    local build=$1 dir=$2 prefix bin share lib f
    prefix=$(python3 -c 'import os,sys; print(os.path.commonpath(sys.argv[1:]))' \
        "$PGC_BINDIR" "$PGC_SHAREDIR" "$PGC_PKGLIBDIR")
    bin=$dir/pg/$(pgc_rel "$PGC_BINDIR" "$prefix")
    share=$dir/pg/$(pgc_rel "$PGC_SHAREDIR" "$prefix")
    lib=$dir/pg/$(pgc_rel "$PGC_PKGLIBDIR" "$prefix")
    mkdir -p "$bin" "$share/extension" "$lib" "$dir/pg/libs" || return 1
    cp "$PGC_BINDIR/postgres" "$bin/" || return 1
    for f in "$PGC_SHAREDIR"/*; do
        [ "$(basename "$f")" = extension ] || ln -s "$f" "$share/"
    done
    for f in "$PGC_SHAREDIR"/extension/*; do ln -s "$f" "$share/extension/"; done
    for f in "$PGC_PKGLIBDIR"/*; do ln -s "$f" "$lib/"; done
    rm -f "$lib/indicators.so" "$share/extension/indicators"*
    cp "$build/postgres/indicators.so" "$lib/" &&
        cp postgres/indicators.control postgres/indicators--*.sql "$share/extension/" &&
        cp -P "$build"/src/lib/libindicators.so.[0-9] "$build"/src/lib/libindicators.so.[0-9]*[0-9] "$dir/pg/libs/" || return 1
    echo "$bin/postgres" >"$dir/pg/postgres.path"
    chmod -R a+rX "$dir"
}

pgc_init() {
    local dir=$1
    # the socket's directory is the owner's alone (root, who runs the tests, passes anyway)
    mkdir -p "$dir/sock" && chmod 700 "$dir/sock" && chmod 755 "$dir"
    [ "$(id -u)" = 0 ] && chown "$PGC_USER" "$dir/sock" "$dir"
    pgc_as_owner "$PGC_BINDIR/initdb" -D "$dir/data" -U postgres --auth-local=trust \
        --auth-host=scram-sha-256 -E UTF8 \
        --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; return 1; }
}

pgc_start() {
    local tree=$1 dir=$2 port=$3 addr=${4:-} server=$PGC_BINDIR/postgres libs=
    if [ "$tree" != - ]; then
        server=$(cat "$tree/pg/postgres.path") libs=$tree/pg/libs
    fi
    pgc_as_owner env LD_LIBRARY_PATH="$libs" "$PGC_BINDIR/pg_ctl" -D "$dir/data" \
        -p "$server" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k $dir/sock -c listen_addresses='$addr' -c fsync=off ${PGC_OPTIONS:-}" start >/dev/null ||
        { cat "$dir/server.log" >&2; return 1; }
}

pgc_stop() {
    local dir=$1
    [ -f "$dir/data/postmaster.pid" ] &&
        pgc_as_owner "$PGC_BINDIR/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1
    return 0
}

pgc_psql() {
    local dir=$1 port=$2
    shift 2
    psql -X -q -v ON_ERROR_STOP=1 -h "$dir/sock" -p "$port" -U postgres "$@"
}

pgc_free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
