#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis servers for the adapters' integration tests
# and the examples: on 127.0.0.1, on free ports, with their data in a
# temporary directory, nothing persisted.
#
#   scripts/servers.sh start   [--dir DIR] [postgres|redis|all]
#   scripts/servers.sh stop    [--dir DIR] [postgres|redis|all]
#   scripts/servers.sh restart [--dir DIR] [postgres|redis|all]
#   scripts/servers.sh env     [--dir DIR]     # export lines, for eval
#
# DIR (default: build/servers) keeps the state. DIR/env has one KEY=VALUE
# line per setting, which the tests read (COROSCOPE_SERVERS_ENV=DIR/env):
#   COROSCOPE_PG_DSN       libpq connection string of the test database
#   COROSCOPE_PG_HOST, COROSCOPE_PG_PORT, COROSCOPE_PG_USER,
#   COROSCOPE_PG_PASSWORD, COROSCOPE_PG_DATABASE
#   COROSCOPE_PG_CA_CERT   the CA that signed the server's TLS certificate
#                          (for sslmode=verify-full; the name is localhost)
#   COROSCOPE_PG_OTHER_CA_CERT  a CA that signed nothing the server has
#   COROSCOPE_REDIS_HOST, COROSCOPE_REDIS_PORT
#   COROSCOPE_REDIS_ACL_PORT, COROSCOPE_REDIS_ACL_USER,
#   COROSCOPE_REDIS_ACL_PASSWORD  a second redis-server that lets in only
#                          this ACL user (Redis 6+ AUTH username password)
#   COROSCOPE_SERVERS      this script with --dir DIR, to stop or restart one
# A server keeps its port across stop/start/restart until `stop all`.
# PostgreSQL refuses to run as root: as root, the servers run as the
# `postgres` user of Debian's package. It speaks TLS (and plain TCP) with a
# certificate made here by openssl, signed by a throwaway CA. Missing
# packages are installed through scripts/setup.sh.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
pg_bin=/usr/lib/postgresql/15/bin
dir="$root/build/servers"
action=""
which=all
while [[ $# -gt 0 ]]; do
  case "$1" in
    --dir) dir="$2"; shift 2 ;;
    start|stop|restart|env) action="$1"; shift ;;
    postgres|redis|all) which="$1"; shift ;;
    *) echo "servers.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[[ -n "$action" ]] || { sed -n '2,22p' "$0" >&2; exit 2; }
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)

say() { printf 'servers.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# --- state ---------------------------------------------------------------
# DIR/state: KEY=VALUE lines (the temporary directory and the ports).
get() { [[ -f "$dir/state" ]] && sed -n "s/^$1=//p" "$dir/state" | tail -n 1 || true; }
put() {
  touch "$dir/state"
  sed -i "/^$1=/d" "$dir/state"
  echo "$1=$2" >> "$dir/state"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The directory the servers' data live in, created on first use, readable
# by the unprivileged user the servers run as.
scratch() {
  local tmp
  tmp=$(get tmp)
  if [[ -z "$tmp" || ! -d "$tmp" ]]; then
    tmp=$(mktemp -d /tmp/coroscope-servers.XXXXXX)
    chmod 755 "$tmp"
    put tmp "$tmp"
  fi
  echo "$tmp"
}

# Runs a command as the servers' user.
as_server_user() {
  if [[ $(id -u) -eq 0 ]]; then
    getent passwd postgres >/dev/null ||
      die "running as root, and there is no 'postgres' user to run PostgreSQL as"
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
server_owner() { [[ $(id -u) -eq 0 ]] && echo postgres || id -un; }

ensure_packages() {
  if [[ ! -x "$pg_bin/initdb" ]] || ! command -v redis-server >/dev/null ||
     ! command -v redis-cli >/dev/null || ! command -v openssl >/dev/null; then
    say "server packages missing; installing them"
    "$root/scripts/setup.sh" --packages-only >&2
  fi
  [[ -x "$pg_bin/initdb" ]] || die "no $pg_bin/initdb (Debian package postgresql-15)"
}

write_env() {
  local pg_port redis_port redis_acl_port
  pg_port=$(get pg_port)
  redis_port=$(get redis_port)
  redis_acl_port=$(get redis_acl_port)
  {
    if [[ -n "$pg_port" ]]; then
      echo "COROSCOPE_PG_DSN=host=127.0.0.1 port=$pg_port dbname=coroscope user=coroscope password=coroscope-test"
      echo "COROSCOPE_PG_HOST=127.0.0.1"
      echo "COROSCOPE_PG_PORT=$pg_port"
      echo "COROSCOPE_PG_USER=coroscope"
      echo "COROSCOPE_PG_PASSWORD=coroscope-test"
      echo "COROSCOPE_PG_DATABASE=coroscope"
      echo "COROSCOPE_PG_CA_CERT=$(tls_dir)/ca.crt"
      echo "COROSCOPE_PG_OTHER_CA_CERT=$(tls_dir)/other-ca.crt"
    fi
    if [[ -n "$redis_port" ]]; then
      echo "COROSCOPE_REDIS_HOST=127.0.0.1"
      echo "COROSCOPE_REDIS_PORT=$redis_port"
    fi
    if [[ -n "$redis_acl_port" ]]; then
      echo "COROSCOPE_REDIS_ACL_PORT=$redis_acl_port"
      echo "COROSCOPE_REDIS_ACL_USER=coroscope"
      echo "COROSCOPE_REDIS_ACL_PASSWORD=coroscope-acl-test"
    fi
    echo "COROSCOPE_SERVERS=$root/scripts/servers.sh --dir $dir"
  } > "$dir/env.tmp"
  mv "$dir/env.tmp" "$dir/env"
}

# --- TLS -----------------------------------------------------------------
# A throwaway CA and a certificate for localhost and 127.0.0.1 signed by it;
# a second CA that signed nothing, for the wrong-CA case. Readable by the
# tests; the server's key goes to the server's own directory.
tls_dir() { echo "$(scratch)/tls"; }

make_certificates() {
  local tls
  tls=$(tls_dir)
  [[ -f "$tls/server.crt" ]] && return
  mkdir -p "$tls"
  for ca in ca other-ca; do
    openssl req -new -x509 -days 7 -nodes -newkey rsa:2048 -subj "/CN=coroscope test $ca" \
      -keyout "$tls/$ca.key" -out "$tls/$ca.crt" 2>/dev/null || die "openssl could not make $ca"
  done
  printf 'subjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$tls/server.ext"
  openssl req -new -nodes -newkey rsa:2048 -subj "/CN=localhost" \
    -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null &&
    openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.crt" -CAkey "$tls/ca.key" \
      -CAcreateserial -days 7 -extfile "$tls/server.ext" -out "$tls/server.crt" 2>/dev/null ||
    die "openssl could not make the server's certificate"
  chmod 755 "$tls"
  chmod 644 "$tls"/*.crt
}

# --- PostgreSQL ----------------------------------------------------------
# Everything of PostgreSQL's lives in one directory its user owns.
pg_home() { echo "$(scratch)/postgres"; }
pg_data() { echo "$(pg_home)/data"; }

pg_running() {
  [[ -d "$(pg_data)" ]] && as_server_user "$pg_bin/pg_ctl" -D "$(pg_data)" status >/dev/null 2>&1
}

start_postgres() {
  local home data port
  home=$(pg_home)
  data=$(pg_data)
  port=$(get pg_port)
  [[ -n "$port" ]] || { port=$(free_port); put pg_port "$port"; }
  if [[ ! -f "$data/PG_VERSION" ]]; then
    install -d -o "$(server_owner)" -m 700 "$home"
    echo coroscope-test > "$home/password"
    chown "$(server_owner)" "$home/password"
    as_server_user "$pg_bin/initdb" -D "$data" -U coroscope --pwfile="$home/password" \
      --auth=scram-sha-256 -E UTF8 --locale=C --no-sync > "$home/initdb.log" 2>&1 ||
      { cat "$home/initdb.log" >&2; die "initdb failed"; }
  fi
  make_certificates
  if [[ ! -f "$home/server.key" ]]; then
    install -o "$(server_owner)" -m 600 "$(tls_dir)/server.key" "$home/server.key"
    install -o "$(server_owner)" -m 644 "$(tls_dir)/server.crt" "$home/server.crt"
  fi
  if pg_running; then
    say "postgres already runs on 127.0.0.1:$port"
  else
    as_server_user "$pg_bin/pg_ctl" -D "$data" -l "$home/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $home -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c ssl=on -c ssl_cert_file=$home/server.crt -c ssl_key_file=$home/server.key -c max_connections=200" \
      start >/dev/null ||
      { tail -n 20 "$home/postgres.log" >&2; die "postgres did not start on port $port"; }
  fi
  if ! PGPASSWORD=coroscope-test "$pg_bin/psql" -h 127.0.0.1 -p "$port" -U coroscope -d postgres -tAc \
       "SELECT 1 FROM pg_database WHERE datname = 'coroscope'" | grep -q 1; then
    PGPASSWORD=coroscope-test "$pg_bin/createdb" -h 127.0.0.1 -p "$port" -U coroscope coroscope
  fi
  say "postgres runs on 127.0.0.1:$port (data in $data)"
}

stop_postgres() {
  if pg_running; then
    as_server_user "$pg_bin/pg_ctl" -D "$(pg_data)" -m fast -w -t 60 stop >/dev/null
    say "postgres stopped"
  fi
}

restart_postgres() {
  pg_running || die "postgres does not run"
  # Fast shutdown: every connection is terminated, as in a real restart.
  as_server_user "$pg_bin/pg_ctl" -D "$(pg_data)" -m fast -w -t 60 restart >/dev/null
  say "postgres restarted on 127.0.0.1:$(get pg_port)"
}

# --- Redis ---------------------------------------------------------------
redis_pid() { local file; file="$(scratch)/redis.pid"; [[ -f "$file" ]] && cat "$file" || true; }
redis_running() { local pid; pid=$(redis_pid); [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

# Two servers: `redis` (no authentication) and `redis-acl`, which lets in
# only an ACL user, for Redis 6+ AUTH username password.
redis_pid() { local file; file="$(scratch)/${1:-redis}.pid"; [[ -f "$file" ]] && cat "$file" || true; }
redis_running() { local pid; pid=$(redis_pid "${1:-redis}"); [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

# start_one_redis NAME PORT_KEY [redis-server arguments...]
start_one_redis() {
  local name=$1 key=$2 tmp port
  shift 2
  tmp=$(scratch)
  port=$(get "$key")
  [[ -n "$port" ]] || { port=$(free_port); put "$key" "$port"; }
  if redis_running "$name"; then
    say "$name already runs on 127.0.0.1:$port"
    return
  fi
  mkdir -p "$tmp/$name"
  redis-server --bind 127.0.0.1 --port "$port" --dir "$tmp/$name" --save "" --appendonly no \
    --daemonize yes --pidfile "$tmp/$name.pid" --logfile "$tmp/$name.log" "$@" >/dev/null
  # Any answer means it listens (NOAUTH from redis-acl included).
  for _ in $(seq 100); do
    [[ -n "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" ]] && break
    sleep 0.1
  done
  [[ -n "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" ]] ||
    { tail -n 20 "$tmp/$name.log" >&2; die "$name did not start on port $port"; }
  say "$name runs on 127.0.0.1:$port"
}

start_redis() {
  start_one_redis redis redis_port
  start_one_redis redis-acl redis_acl_port \
    --user default off --user coroscope on '>coroscope-acl-test' '~*' '&*' '+@all'
}

stop_redis() {
  local name pid
  for name in redis redis-acl; do
    pid=$(redis_pid "$name")
    if redis_running "$name"; then
      kill "$pid"
      for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
      say "$name stopped"
    fi
    rm -f "$(scratch)/$name.pid"
  done
}

# --- actions -------------------------------------------------------------
for_each() {
  local verb=$1
  [[ "$which" == all || "$which" == postgres ]] && "${verb}_postgres"
  [[ "$which" == all || "$which" == redis ]] && "${verb}_redis"
  return 0
}

case "$action" in
  start)
    ensure_packages
    for_each start
    write_env
    ;;
  stop)
    [[ -f "$dir/state" ]] || exit 0
    for_each stop
    if [[ "$which" == all ]]; then
      tmp=$(get tmp)
      [[ -n "$tmp" && -d "$tmp" ]] && rm -rf "$tmp"
      rm -f "$dir/state" "$dir/env"
    fi
    ;;
  restart)
    [[ "$which" == redis || "$which" == all ]] && { stop_redis; start_redis; }
    [[ "$which" == postgres || "$which" == all ]] && restart_postgres
    ;;
  env)
    [[ -f "$dir/env" ]] || die "no servers started with --dir $dir"
    while IFS='=' read -r key value; do
      printf 'export %s=%q\n' "$key" "$value"
    done < "$dir/env"
    ;;
esac
exit 0
