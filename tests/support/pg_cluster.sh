#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: tests/support/pg_cluster.sh start|stop STATE_DIR
# start: initdb in a fresh temporary directory (as the unprivileged `postgres` user when run as root:
# PostgreSQL refuses to run as root), listening only on a Unix socket in that directory, fsync off
# (nothing in it outlives the run). Writes STATE_DIR/url (the superuser's connection URL),
# STATE_DIR/password_url (a role that must give a password, for the wrong-password test) and
# STATE_DIR/dir. stop: stops the server and removes the directory. ctest runs both as the fixture
# `postgres` (tests/postgres/CMakeLists.txt), so the cluster is stopped whatever the tests did.
set -euo pipefail
action=${1:?usage: pg_cluster.sh start|stop STATE_DIR}
state=${2:?usage: pg_cluster.sh start|stop STATE_DIR}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "$bin/initdb" ] || { echo "pg_cluster: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

as_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

stop() {
    [ -f "$state/dir" ] || return 0
    local dir
    dir=$(cat "$state/dir")
    if [ -d "$dir/data" ]; then as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop > /dev/null 2>&1 || true; fi
    rm -rf "$dir"
    rm -f "$state/dir" "$state/url" "$state/password_url"
}

case "$action" in
stop) stop ;;
start)
    stop  # a cluster left by an interrupted run
    mkdir -p "$state"
    # Short: a Unix socket path must fit in 107 bytes.
    dir=$(mktemp -d /tmp/spmis-pg.XXXXXX)
    echo "$dir" > "$state/dir"
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
    password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C --no-sync > "$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    # The password role first: every other local connection is trusted.
    printf 'local all spmis_password scram-sha-256\nlocal all all trust\n' > "$dir/data/pg_hba.conf"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off \
            -c full_page_writes=off -c max_connections=300 -c shared_buffers=64MB" > /dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    url="postgresql://postgres@/postgres?host=$dir"
    as_owner "$bin/psql" -q -v ON_ERROR_STOP=1 -d "$url" \
        -c "CREATE ROLE spmis_password LOGIN SUPERUSER PASSWORD '$password'" > /dev/null
    echo "$url" > "$state/url"
    echo "postgresql://spmis_password:$password@/postgres?host=$dir" > "$state/password_url"
    echo "pg_cluster: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on $dir"
    ;;
*) echo "usage: pg_cluster.sh start|stop STATE_DIR" >&2; exit 2 ;;
esac
