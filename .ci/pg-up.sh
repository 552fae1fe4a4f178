# Sourced by .ci/run: a throwaway PostgreSQL server on loopback for the question-log tests.
# A new cluster in /tmp/ci-pg on 127.0.0.1:54329, independent of any system cluster, stopped on
# exit (merged with whatever EXIT trap .ci/run already set). Exports DATABASE_URL.
export DEBIAN_FRONTEND=noninteractive
_pg_sudo=""; [ "$(id -u)" -eq 0 ] || _pg_sudo="sudo"
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  $_pg_sudo apt-get update -qq
  $_pg_sudo apt-get install -y -qq postgresql >/dev/null   # policy-rc.d keeps apt from starting it
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDATA=/tmp/ci-pg
PGPORT=54329
# cd: the postgres user cannot read root's working directory
pg() { (cd /tmp && $_pg_sudo runuser -u postgres -- "$PGBIN/$@"); }
pg_down() { pg pg_ctl -D "$PGDATA" -m fast -w stop >/dev/null || true; }
[ -f "$PGDATA/postmaster.pid" ] && pg_down
$_pg_sudo rm -rf "$PGDATA"
$_pg_sudo install -d -o postgres -g postgres -m 700 "$PGDATA"
pg initdb -D "$PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 >/dev/null
pg pg_ctl -D "$PGDATA" -l "$PGDATA/server.log" -w \
  -o "-p $PGPORT -k $PGDATA -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
# Keep an EXIT trap set earlier: `trap -p` prints `trap -- 'CMD' EXIT`, so $3 is CMD.
eval "set -- $(trap -p EXIT)"
trap "pg_down${3:+; $3}" EXIT
pg psql -h "$PGDATA" -p "$PGPORT" -q -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE app LOGIN PASSWORD 'app'" -c "CREATE DATABASE appdb OWNER app"
export DATABASE_URL="postgresql+psycopg://app:app@127.0.0.1:$PGPORT/appdb"
export TEST_DATABASE_URL="$DATABASE_URL"
