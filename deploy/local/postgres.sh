#!/bin/sh
# PostgreSQL 15 from Debian's packages for the compose smoke test: the same database, user and
# password as docker-compose.yml's postgres:15 service, on 127.0.0.1:${PGPORT}.
set -eu
BIN=/usr/lib/postgresql/15/bin
: "${PGDATA:=/var/lib/postgresql/data/pgdata}" "${PGPORT:=5432}" "${POSTGRES_USER:=temahub}" "${POSTGRES_DB:=temahub}"
mkdir -p "$PGDATA" && chown -R postgres:postgres "$(dirname "$PGDATA")" && chmod 700 "$PGDATA"
as_postgres() { runuser -u postgres -- "$@"; }
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp) && printf '%s\n' "${POSTGRES_PASSWORD:-temahub}" > "$pwfile" && chown postgres "$pwfile"
  as_postgres "$BIN/initdb" -D "$PGDATA" -U "$POSTGRES_USER" --pwfile="$pwfile" --auth-local=trust --auth-host=scram-sha-256 >/dev/null
  rm -f "$pwfile"
  as_postgres "$BIN/pg_ctl" -D "$PGDATA" -w -o "-c listen_addresses='' -k /tmp" start >/dev/null
  as_postgres "$BIN/createdb" -h /tmp -U "$POSTGRES_USER" "$POSTGRES_DB"
  as_postgres "$BIN/pg_ctl" -D "$PGDATA" -w stop >/dev/null
fi
exec runuser -u postgres -- "$BIN/postgres" -D "$PGDATA" -p "$PGPORT" -c listen_addresses=127.0.0.1 -k /tmp
