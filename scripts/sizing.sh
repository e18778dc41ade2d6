#!/usr/bin/env bash
# Sizing figures for the README's Deployment section: anonymous theme-page throughput with the
# response cache off for
#   1  one server process (directly, as the shared benchmark measures T),
#   1p one server process behind nginx, with Redis (what the proxy costs),
#   2  two server processes on the same PostgreSQL behind nginx, with Redis,
#   2r two server processes behind nginx, with Redis, and one streaming read replica
#      (DATABASE_READ_URLS),
# all on one temporary PostgreSQL primary (and its replica), so that the rows are comparable.
#
# Run it by hand from the project checkout (root, or a user that can run PostgreSQL's binaries):
#   bash scripts/sizing.sh                      # about 3 minutes with the defaults
#   DURATION=5 WARMUP=2 bash scripts/sizing.sh  # about 2.5 minutes
#
# What it does: npm run build; initdb a primary in a temporary directory, load the shared
# benchmark's database into it (pg_dump | psql from PERF_DB on the main PostgreSQL), VACUUM
# ANALYZE; pg_basebackup -R a streaming replica of it; then for each setup starts the servers as
# `npm start` starts them (node dist/server/src/main.js) with the benchmark's environment
# (NODE_ENV=production RESPONSE_CACHE=false RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=warn
# DATABASE_POOL_SIZE=10 HOST=127.0.0.1) and loads them with the shared harness's bench.sh (wrk,
# closed loop, keep-alive), one warm-up run (discarded) before each measured run. It prints a
# table: req/s, p50, p99, CPU ms per request of the server processes (summed), of nginx, and of
# every PostgreSQL process of the primary and the replica, the share of reads the replica
# answered, and how busy the whole machine was. Everything it started (servers, nginx, the two
# PostgreSQL clusters, its Redis keys, the temporary directory) is stopped or removed on exit.
#
# Needs: the benchmark database (../shared/bench/setup.sh builds it; this script only reads it),
# wrk, nginx (Debian's nginx-light; installed with apt-get when missing and running as root),
# Redis, PostgreSQL's server binaries (initdb, pg_ctl, pg_basebackup), psql, pg_dump, curl.
#
# Env (defaults):
#   BENCH_DIR=<repo>/../shared/bench   the shared benchmark harness (bench.sh, queries/)
#   PERF_DB=perf_same  PGHOST=127.0.0.1 PGPORT=5432 PGUSER=postgres   where the data comes from
#   DURATION=10 (s measured)  WARMUP=3 (s, same concurrency, discarded)  CONCS="10 50"
#   SETUPS="1 1p 2 2r"  DATABASE_POOL_SIZE=10 (per process, per database)
#   PROXY_PORT=5700 (both processes)  PROXY1_PORT=5703 (process 1 only)  API1_PORT=5701 API2_PORT=5702
#   PRIMARY_PORT=55432 REPLICA_PORT=55433  PG_BIN_DIR=<newest /usr/lib/postgresql/*/bin>
#   SIZING_REDIS_URL=redis://127.0.0.1:6379 (keys under temahub-sizing-<pid>:, deleted at the end)
#   NGINX_WORKERS=1  OUTDIR=<new temporary folder> (results.tsv, sizing.md, logs)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=${BENCH_DIR:-$ROOT/../shared/bench}
DB=${PERF_DB:-perf_same}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres}
DURATION=${DURATION:-10}; WARMUP=${WARMUP:-3}; CONCS=${CONCS:-"10 50"}; SETUPS=${SETUPS:-"1 1p 2 2r"}
POOL=${DATABASE_POOL_SIZE:-10}
PROXY_PORT=${PROXY_PORT:-5700}; PROXY1_PORT=${PROXY1_PORT:-5703}; API1_PORT=${API1_PORT:-5701}; API2_PORT=${API2_PORT:-5702}
PRIMARY_PORT=${PRIMARY_PORT:-55432}; REPLICA_PORT=${REPLICA_PORT:-55433}
REDIS=${SIZING_REDIS_URL:-redis://127.0.0.1:6379}; PREFIX="temahub-sizing-$$:"
NGINX_WORKERS=${NGINX_WORKERS:-1}
PG_BIN=${PG_BIN_DIR:-$(find /usr/lib/postgresql -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -1)}
OUTDIR=${OUTDIR:-$(mktemp -d -t temahub-sizing.XXXXXX)}; mkdir -p "$OUTDIR"; OUTDIR=$(cd "$OUTDIR" && pwd)
QUERY=$BENCH/queries/theme-page.temahub.graphql; VARS=$BENCH/queries/theme-page.variables.json
T_START=$(date +%s); LOADAVG=$(cut -d" " -f1-3 /proc/loadavg)
log() { echo "[$(date +%H:%M:%S)] $*"; }
die() { echo "sizing: $*" >&2; exit 1; }

# ---- prerequisites ---------------------------------------------------------------------------
{ [ -x "$BENCH/bench.sh" ] && [ -f "$QUERY" ]; } || die "the shared benchmark harness is not at $BENCH (set BENCH_DIR)"
[ -d "$ROOT/node_modules" ] || die "run npm ci in $ROOT first"
if ! command -v nginx >/dev/null && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  log "installing nginx-light (the load balancer of the multi-process setups)"
  apt-get update -qq && apt-get install -y -qq nginx-light >/dev/null
fi
for c in node npm psql pg_dump curl ss wrk nginx redis-cli; do command -v "$c" >/dev/null || die "$c not found"; done
for c in initdb pg_ctl pg_basebackup; do [ -x "$PG_BIN/$c" ] || die "$PG_BIN/$c not found (set PG_BIN_DIR)"; done
[ "$(psql -X -Atq -d postgres -c "select 1 from pg_database where datname = '$DB'")" = 1 ] ||
  die "database $DB not found on $PGHOST:$PGPORT: build it with $BENCH/setup.sh"
redis-cli -u "$REDIS" ping | grep -q PONG || die "Redis does not answer at $REDIS"
for p in "$PROXY_PORT" "$PROXY1_PORT" "$API1_PORT" "$API2_PORT" "$PRIMARY_PORT" "$REPLICA_PORT"; do
  if ss -Hltn "sport = :$p" | grep -q .; then die "port $p is already in use"; fi
done

# ---- cleanup of everything started here --------------------------------------------------------
WORK=$(mktemp -d -t temahub-sizing-work.XXXXXX); chmod 755 "$WORK"
SERVER_PIDS=(); NGINX_PID=
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$WORK"
  as_pg() { runuser -u postgres -- "$PG_BIN/$1" "${@:2}"; }
else
  as_pg() { "$PG_BIN/$1" "${@:2}"; }
fi
stop_servers() {
  local p
  [ ${#SERVER_PIDS[@]} -gt 0 ] || return 0
  for p in "${SERVER_PIDS[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for _ in $(seq 1 100); do
    local alive=0; for p in "${SERVER_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
    [ $alive = 0 ] && break; sleep 0.2
  done
  for p in "${SERVER_PIDS[@]}"; do kill -0 "$p" 2>/dev/null && kill -KILL "$p" 2>/dev/null; done
  for p in "${SERVER_PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  SERVER_PIDS=()
}
cleanup() {
  local status=$?
  stop_servers
  if [ -n "$NGINX_PID" ]; then kill -TERM "$NGINX_PID" 2>/dev/null || true; wait "$NGINX_PID" 2>/dev/null || true; fi
  for d in replica primary; do
    [ -f "$WORK/$d/postmaster.pid" ] && { as_pg pg_ctl -D "$WORK/$d" -m fast -w stop >/dev/null 2>&1 || true; }
    [ -f "$WORK/$d.log" ] && cp "$WORK/$d.log" "$OUTDIR/pg-$d.log"
  done
  [ -f "$WORK/nginx/error.log" ] && cp "$WORK/nginx/error.log" "$OUTDIR/nginx-error.log"
  redis-cli -u "$REDIS" --scan --pattern "${PREFIX}*" 2>/dev/null | while read -r k; do redis-cli -u "$REDIS" del "$k" >/dev/null; done || true
  rm -rf "$WORK"
  log "stopped everything it started; results in $OUTDIR ($(( $(date +%s) - T_START )) s in all)"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
log "output in $OUTDIR"

# ---- build -------------------------------------------------------------------------------------
log "npm run build"
(cd "$ROOT" && npm run build) > "$OUTDIR/build.log" 2>&1 || { tail -20 "$OUTDIR/build.log" >&2; die "build failed"; }

# ---- a temporary primary with the benchmark's data, and a streaming replica of it ----------------
pg_start() { # dir port
  as_pg pg_ctl -D "$WORK/$1" -l "$WORK/$1.log" -w -t 120 \
    -o "-p $2 -c listen_addresses=127.0.0.1 -k $WORK -c fsync=off -c synchronous_commit=off" start >/dev/null
}
log "primary on port $PRIMARY_PORT: initdb, load $DB from $PGHOST:$PGPORT"
as_pg initdb -D "$WORK/primary" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
pg_start primary "$PRIMARY_PORT"
PRIMARY=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres)
REPLICA=(psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$REPLICA_PORT" -U postgres)
"${PRIMARY[@]}" -d postgres -c "CREATE DATABASE $DB"
pg_dump -d "$DB" --no-owner | "${PRIMARY[@]}" -d "$DB" >/dev/null
"${PRIMARY[@]}" -d "$DB" -c "VACUUM ANALYZE"
log "replica on port $REPLICA_PORT: pg_basebackup -R"
as_pg pg_basebackup -h 127.0.0.1 -p "$PRIMARY_PORT" -U postgres -D "$WORK/replica" -R -X stream -c fast --no-sync
pg_start replica "$REPLICA_PORT"
PRIMARY_URL="postgres://postgres@127.0.0.1:$PRIMARY_PORT/$DB"
REPLICA_URL="postgres://postgres@127.0.0.1:$REPLICA_PORT/$DB"
replica_caught_up() {
  local lsn
  lsn=$("${PRIMARY[@]}" -Atd postgres -c "select pg_current_wal_lsn()")
  for _ in $(seq 1 600); do
    [ "$("${REPLICA[@]}" -Atd postgres -c "select pg_last_wal_replay_lsn() >= '$lsn'::pg_lsn")" = t ] && return 0
    sleep 0.1
  done
  die "the replica did not replay up to $lsn in 60 s"
}
replica_caught_up
echo "activities on the primary: $("${PRIMARY[@]}" -Atd "$DB" -c "select count(*) from activity"), on the replica: $("${REPLICA[@]}" -Atd "$DB" -c "select count(*) from activity")" | tee "$OUTDIR/data.txt"

# ---- nginx: PROXY_PORT spreads over both processes, PROXY1_PORT goes to process 1 only ----------
mkdir -p "$WORK/nginx"; chmod 755 "$WORK/nginx"
upstream() { # name ports...
  local name=$1 p; shift
  echo "  upstream $name {"
  for p in "$@"; do echo "    server 127.0.0.1:$p max_fails=2 fail_timeout=5s;"; done
  echo "    keepalive 32;"; echo "  }"
}
site() { # port upstream
  cat <<EOF
  server {
    listen 127.0.0.1:$1;
    client_max_body_size 1m;
    location / {
      proxy_pass http://$2;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_next_upstream error timeout http_502 http_503;
      proxy_next_upstream_tries 2;
    }
  }
EOF
}
{ echo "worker_processes $NGINX_WORKERS;"; echo "pid $WORK/nginx/nginx.pid;"; echo "error_log $WORK/nginx/error.log warn;"
  echo "events { worker_connections 1024; }"
  echo "http {"; echo "  access_log off;"
  for t in client_body proxy fastcgi uwsgi scgi; do echo "  ${t}_temp_path $WORK/nginx/$t;"; done
  upstream temahub_api "$API1_PORT" "$API2_PORT"; upstream temahub_one "$API1_PORT"
  site "$PROXY_PORT" temahub_api; site "$PROXY1_PORT" temahub_one
  echo "}"; } > "$WORK/nginx/nginx.conf"
cp "$WORK/nginx/nginx.conf" "$OUTDIR/nginx.conf"
nginx -q -t -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' 2>>"$OUTDIR/nginx-error.log" &
NGINX_PID=$!

# ---- servers ---------------------------------------------------------------------------------------
start_server() { # name port extra-env...
  local name=$1 port=$2; shift 2
  ( cd "$ROOT" && exec env -u REDIS_URL -u REDIS_KEY_PREFIX -u DATABASE_READ_URLS -u PERSISTED_OPERATIONS -u SEED_DEMO \
      -u DATA_DIR -u MAX_QUERY_DEPTH -u MAX_QUERY_COMPLEXITY -u TRUST_PROXY -u CORS_ORIGINS -u SHUTDOWN_GRACE_SECONDS \
      -u METRICS_TOKEN -u METRICS_PORT \
      NODE_ENV=production DATABASE_URL="$PRIMARY_URL" RESPONSE_CACHE=false RATE_LIMIT_PER_MINUTE=0 LOG_LEVEL=warn \
      DATABASE_POOL_SIZE="$POOL" PORT="$port" HOST=127.0.0.1 "$@" node dist/server/src/main.js ) >> "$OUTDIR/$name.log" 2>&1 &
  SERVER_PIDS+=($!)
}
wait_ready() { # port [replica state wanted]
  for _ in $(seq 1 900); do
    if body=$(curl -sf "http://127.0.0.1:$1/readyz"); then
      [ -z "${2:-}" ] && return 0
      case "$body" in *"\"state\":\"$2\""*) return 0 ;; esac
    fi
    sleep 0.2
  done
  die "the server on port $1 did not get ready${2:+ with a $2 replica} in 180 s (see $OUTDIR/*.log)"
}
after_start() {
  # Temahub re-seeds the reference data at every start (as the shared benchmark does, vacuum those rows)
  "${PRIMARY[@]}" -d "$DB" -c "VACUUM ANALYZE region" -c "VACUUM ANALYZE municipality"
  replica_caught_up
}
phase() { # what: 1 | 2 | 2r
  stop_servers
  local redis=(REDIS_URL="$REDIS" REDIS_KEY_PREFIX="$PREFIX")
  case $1 in
    1) start_server api1 "$API1_PORT"; wait_ready "$API1_PORT" ;;
    2) start_server api1 "$API1_PORT" "${redis[@]}"; start_server api2 "$API2_PORT" "${redis[@]}"
       wait_ready "$API1_PORT"; wait_ready "$API2_PORT" ;;
    2r) start_server api1 "$API1_PORT" "${redis[@]}" DATABASE_READ_URLS="$REPLICA_URL"
        start_server api2 "$API2_PORT" "${redis[@]}" DATABASE_READ_URLS="$REPLICA_URL"
        wait_ready "$API1_PORT" healthy; wait_ready "$API2_PORT" healthy ;;
  esac
  after_start
}

# ---- measuring -----------------------------------------------------------------------------------
ticks() { # summed utime+stime (clock ticks) of the pids
  local t=0 p
  for p in "$@"; do [ -r "/proc/$p/stat" ] && t=$(( t + $(awk '{print $14+$15}' "/proc/$p/stat") )); done
  echo $t
}
pg_pids() { # every process of both temporary clusters
  local d m
  for d in primary replica; do
    m=$(head -1 "$WORK/$d/postmaster.pid" 2>/dev/null) || continue
    echo "$m"; pgrep -P "$m" || true
  done
}
nginx_pids() { echo "$NGINX_PID"; pgrep -P "$NGINX_PID" || true; }
reads() { # anonymous reads per target, summed over the server processes: "primary replica"
  local p pr=0 re=0 m
  for p in "$@"; do
    m=$(curl -sf "http://127.0.0.1:$p/metrics" || true)
    pr=$(( pr + $(awk '/^temahub_database_reads_total\{target="primary"\}/{s+=$2} END{print s+0}' <<< "$m") ))
    re=$(( re + $(awk '/^temahub_database_reads_total\{target="replica-/{s+=$2} END{print s+0}' <<< "$m") ))
  done
  echo "$pr $re"
}
HZ=$(getconf CLK_TCK)
printf 'setup\tconc\tprocesses\tsrv_ticks\tproxy_ticks\tpg_ticks\treads_primary\treads_replica\tpeak_rss_mb\n' > "$OUTDIR/cpu.tsv"
measure() { # setup url conc api-ports...
  local setup=$1 url=$2 c=$3; shift 3
  local ports=("$@") srv0 srv1 px0 px1 pg=0 p r r0p r0r r1p r1r rss nx
  if [ "$WARMUP" != 0 ]; then
    env CONNS="$c" DURATION="$WARMUP" WARMUP=0 RESULTS='' PID='' PGDB='' bash "$BENCH/bench.sh" "$url" "$QUERY" "warm-up $setup" "$VARS" >> "$OUTDIR/bench.log" 2>&1 ||
      echo "warm-up of $setup c=$c reported errors (see $OUTDIR/bench.log)" >&2
  fi
  declare -A pg0=()
  for p in $(pg_pids); do pg0[$p]=$(ticks "$p"); done
  mapfile -t nx < <(nginx_pids)
  srv0=$(ticks "${SERVER_PIDS[@]}"); px0=$(ticks "${nx[@]}"); read -r r0p r0r < <(reads "${ports[@]}")
  env CONNS="$c" DURATION="$DURATION" WARMUP=0 RESULTS="$OUTDIR/results.tsv" PID='' PGDB='' bash "$BENCH/bench.sh" "$url" "$QUERY" "$setup" "$VARS" 2>&1 |
    tee -a "$OUTDIR/bench.log" || echo "$setup c=$c reported errors" >&2
  srv1=$(ticks "${SERVER_PIDS[@]}"); px1=$(ticks "${nx[@]}"); read -r r1p r1r < <(reads "${ports[@]}")
  for p in $(pg_pids); do pg=$(( pg + $(ticks "$p") - ${pg0[$p]:-0} )); done
  rss=0; for p in "${SERVER_PIDS[@]}"; do
    r=$(awk '/^VmHWM/{printf "%d", $2/1024}' "/proc/$p/status" 2>/dev/null || echo 0); [ "$r" -gt "$rss" ] && rss=$r; done
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$setup" "$c" "${#ports[@]}" $(( srv1 - srv0 )) $(( px1 - px0 )) "$pg" \
    $(( r1p - r0p )) $(( r1r - r0r )) "$rss" >> "$OUTDIR/cpu.tsv"
}

declare -A NAME=([1]="1 process" [1p]="1 process, nginx, Redis" [2]="2 processes, nginx, Redis" [2r]="2 processes, nginx, Redis, 1 replica")
running=
for s in $SETUPS; do
  case $s in
    1) want=1 ;; 1p|2) want=2 ;; 2r) want=2r ;; *) die "unknown setup $s (1 1p 2 2r)" ;;
  esac
  if [ "$running" != "$want" ]; then log "starting the server process(es) for ${NAME[$s]}"; phase "$want"; running=$want; fi
  for c in $CONCS; do
    log "${NAME[$s]}, $c connections: ${WARMUP}s warm-up, ${DURATION}s measured"
    case $s in
      1) measure "$s" "http://127.0.0.1:$API1_PORT/graphql" "$c" "$API1_PORT" ;;
      1p) measure "$s" "http://127.0.0.1:$PROXY1_PORT/graphql" "$c" "$API1_PORT" ;;
      *) measure "$s" "http://127.0.0.1:$PROXY_PORT/graphql" "$c" "$API1_PORT" "$API2_PORT" ;;
    esac
  done
done
stop_servers
warnings=$(cat "$OUTDIR"/api*.log 2>/dev/null | grep -c '"level":[4-6]0' || true)
[ "$warnings" = 0 ] || { echo "the servers logged $warnings warning/error line(s), first ones:"; grep -h '"level":[4-6]0' "$OUTDIR"/api*.log | head -3 | cut -c1-300; }

# ---- the table -------------------------------------------------------------------------------------
node - "$OUTDIR" "$HZ" "$DURATION" "$WARMUP" "$(nproc)" "$LOADAVG" <<'EOF' | tee "$OUTDIR/sizing.md"
const fs = require('fs');
const [dir, hz, duration, warmup, cores, loadavg] = process.argv.slice(2);
const table = (file) => {
  const [head, ...rows] = fs.readFileSync(`${dir}/${file}`, 'utf8').trim().split('\n').map((l) => l.split('\t'));
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i]])));
};
const load = table('results.tsv'), cpu = table('cpu.tsv');
const names = { 1: '1 process', '1p': '1 process behind nginx, Redis', 2: '2 processes behind nginx, Redis', '2r': '2 processes behind nginx, Redis, 1 read replica' };
const f = (x, d) => (x === null ? '–' : Number(x).toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d }));
console.log(`Anonymous theme page (bench-07), response cache off; ${duration} s measured after ${warmup} s of warm-up; ${cores} cores shared by wrk, nginx, the servers and PostgreSQL; load average before the run: ${loadavg}.\n`);
console.log('| setup | conc | req/s | p50 ms | p99 ms | server CPU ms/req | nginx CPU ms/req | PG CPU ms/req | cores used | reads on the replica | machine busy | errors |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
cpu.forEach((c) => {
  const l = load.find((x) => x.label === c.setup && x.conns === c.conc);
  if (!l) return console.log(`| ${names[c.setup]} | ${c.conc} | failed: see bench.log ||||||||||`);
  const n = Number(l.n), ms = (t) => (Number(t) * 1000) / Number(hz) / n;
  const reads = Number(c.reads_primary) + Number(c.reads_replica);
  const proxied = c.setup !== '1';
  const cores = (Number(l.rps) * (ms(c.srv_ticks) + ms(c.proxy_ticks) + ms(c.pg_ticks))) / 1000;
  console.log(`| ${names[c.setup]} | ${c.conc} | ${f(l.rps, 0)} | ${f(l.p50, 1)} | ${f(l.p99, 1)} | ${f(ms(c.srv_ticks), 2)} | ${proxied ? f(ms(c.proxy_ticks), 2) : '–'} | ${f(ms(c.pg_ticks), 2)} | ${f(cores, 2)} | ${reads ? f((100 * Number(c.reads_replica)) / reads, 0) + ' %' : '–'} | ${f(l.host_busy_pct, 0)} % | ${Number(l.errors) + Number(l.non2xx)} |`);
});
const rss = Math.max(...cpu.map((c) => Number(c.peak_rss_mb)));
console.log(`\nserver CPU: all server processes together; PG CPU: every process of the primary and the replica;` +
  ` cores used: req/s x (server + nginx + PG CPU per request); machine busy: all of the machine's cores, wrk and any other work included;` +
  ` peak RSS of a server process: ${rss} MB.`);
EOF
