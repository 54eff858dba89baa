#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: initdb in a temp folder, a server on a free loopback
# port, trust authentication, no fsync. Run as an unprivileged user (PostgreSQL refuses root): as
# root, the `postgres` user Debian's package creates, else `nobody`.
#
#   Tests/Postgres/cluster.sh start STATE   prints the cluster's URL; STATE is a file that remembers it
#   Tests/Postgres/cluster.sh stop STATE    stops it and removes its folder
#   Tests/Postgres/cluster.sh halt STATE    kills the server at once (as a crash would), keeping its data
#   Tests/Postgres/cluster.sh resume STATE  starts a halted server again on its port
set -euo pipefail
action=${1:?usage: cluster.sh start|stop|halt|resume STATE}
state=${2:?usage: cluster.sh start|stop|halt|resume STATE}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "cluster.sh: PostgreSQL's server is not installed (apt-get install postgresql; make deps does it as root)" >&2
  exit 2
fi
user=$(id -un)
if [ "$(id -u)" = 0 ]; then
  user=nobody
  id postgres >/dev/null 2>&1 && user=postgres
fi
as_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

stop() {
  [ -f "$state" ] || return 0
  local dir
  dir=$(sed -n 2p "$state")
  if [ -n "$dir" ] && [ -d "$dir/data" ]; then
    as_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  [ -n "$dir" ] && rm -rf "$dir"
  rm -f "$state"
}

case $action in
start)
  stop
  dir=$(mktemp -d /tmp/evalctl-postgres.XXXXXX)
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown "$user" "$dir"
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  if ! as_user "$bin/initdb" -D "$dir/data" -U evalctl --auth=trust --no-locale -E UTF8 >"$dir/initdb.log" 2>&1; then
    echo "cluster.sh: initdb failed: $(tail -1 "$dir/initdb.log")" >&2
    exit 2
  fi
  # The server must not inherit this script's output: a caller reading it to its end would wait for the server.
  options="-h 127.0.0.1 -p $port -k $dir -F -c max_connections=200"
  if ! as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >"$dir/pg_ctl.log" 2>&1 </dev/null; then
    echo "cluster.sh: the server did not start: $(tail -3 "$dir/server.log" "$dir/pg_ctl.log" 2>/dev/null | tr '\n' ' ')" >&2
    exit 2
  fi
  url="postgresql://evalctl@127.0.0.1:$port/postgres"
  mkdir -p "$(dirname "$state")"
  printf '%s\n%s\n%s\n' "$url" "$dir" "$options" >"$state"
  echo "$url"
  ;;
stop) stop ;;
halt)
  dir=$(sed -n 2p "$state")
  as_user "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1
  ;;
resume)
  dir=$(sed -n 2p "$state")
  as_user "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$(sed -n 3p "$state")" start >"$dir/pg_ctl.log" 2>&1 </dev/null \
    || { echo "cluster.sh: the server did not start again: $(tail -3 "$dir/server.log" | tr '\n' ' ')" >&2; exit 2; }
  ;;
*) echo "usage: cluster.sh start|stop|halt|resume STATE" >&2; exit 2 ;;
esac
