#!/usr/bin/env bash
# The container topology, really run: builds the images, brings up PostgreSQL, Redis, two server
# replicas and the nginx proxy with docker-compose.yml plus the docker-compose.test.yml override
# (host networking on 127.0.0.1, images from Debian's packages and the host's Node binary), and
# checks start, a read, a write through one replica seen through the other, clean logs, and
# `docker-compose down`. Starts dockerd if none is running and stops the daemon it started.
#
# Needs root, Debian's docker.io, docker-compose and debootstrap, curl and jq:
#   apt-get update && apt-get install -y docker.io docker-compose debootstrap
#   bash scripts/compose-smoke.sh           (CI: COMPOSE_SMOKE=1 bash .ci/run)
# Ports (override with the environment): proxy 54000, replicas 54001/54002, PostgreSQL 55432,
# Redis 56379. The first run also makes the base image with debootstrap (a few minutes; the root
# file system is kept in TEMAHUB_ROOTFS, default /var/tmp/temahub-rootfs).
set -euo pipefail
cd "$(dirname "$0")/.."

export SMOKE_PROXY_PORT="${SMOKE_PROXY_PORT:-54000}" SMOKE_API1_PORT="${SMOKE_API1_PORT:-54001}" SMOKE_API2_PORT="${SMOKE_API2_PORT:-54002}"
export SMOKE_PG_PORT="${SMOKE_PG_PORT:-55432}" SMOKE_REDIS_PORT="${SMOKE_REDIS_PORT:-56379}"
BASE_IMAGE=temahub-base:bookworm
NODE_IMAGE=temahub-node:20
ROOTFS="${TEMAHUB_ROOTFS:-/var/tmp/temahub-rootfs}"
PROJECT=temahub-smoke
COMPOSE=(docker-compose -p "$PROJECT" -f docker-compose.yml -f docker-compose.test.yml)

started_at=$(date +%s)
work=$(mktemp -d /tmp/temahub-compose-smoke.XXXXXX)
daemon_pid=""
compose_up=""

log() { printf '\n== compose smoke: %s (%ss)\n' "$*" "$(($(date +%s) - started_at))"; }
fail() {
  printf '\ncompose smoke FAILED: %s\n' "$*" >&2
  if [ -n "$compose_up" ]; then "${COMPOSE[@]}" logs --no-color --tail 40 >&2 || true; fi
  exit 1
}

cleanup() {
  local status=$?
  if [ -n "$compose_up" ]; then "${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true; fi
  if [ -n "$daemon_pid" ]; then
    kill "$daemon_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "$daemon_pid" 2>/dev/null || break; sleep 1; done
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT

for tool in docker docker-compose curl jq; do
  command -v "$tool" >/dev/null || fail "$tool is missing (apt-get install -y docker.io docker-compose debootstrap curl jq)"
done

log "docker daemon"
if ! docker info >/dev/null 2>&1; then
  # No bridge and no iptables rules: every container uses the host's network (see the override).
  dockerd --bridge=none --iptables=false --ip6tables=false >"$work/dockerd.log" 2>&1 &
  daemon_pid=$!
  for _ in $(seq 1 60); do docker info >/dev/null 2>&1 && break; sleep 1; done
  docker info >/dev/null 2>&1 || { cat "$work/dockerd.log" >&2; fail "dockerd did not start"; }
  echo "started dockerd (PID $daemon_pid); it is stopped at the end"
else
  echo "using the running docker daemon"
fi

log "base image $BASE_IMAGE from Debian's packages"
if ! docker image inspect "$BASE_IMAGE" >/dev/null 2>&1; then
  if [ ! -f "$ROOTFS/.complete" ]; then
    command -v debootstrap >/dev/null || fail "debootstrap is missing (apt-get install -y debootstrap)"
    rm -rf "$ROOTFS"
    debootstrap --variant=minbase --include=ca-certificates,postgresql-15,redis-server,nginx-light,procps \
      bookworm "$ROOTFS" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 || { tail -20 "$work/debootstrap.log" >&2; fail "debootstrap failed"; }
    touch "$ROOTFS/.complete"
  fi
  tar -C "$ROOTFS" --exclude=./.complete -c . | docker import - "$BASE_IMAGE" >/dev/null
fi

log "node image $NODE_IMAGE from the host's Node"
node_bin=$(readlink -f "$(command -v node)")
[ "$("$node_bin" -p 'process.versions.node.split(".")[0]')" = 20 ] || fail "the host's node is not Node 20"
mkdir -p "$work/node"
cp "$node_bin" "$work/node/node"
cp -a "$(npm root -g)/npm" "$work/node/npm"
mkdir -p "$work/node/ca-certificates"
if [ -d /usr/local/share/ca-certificates ]; then cp -r /usr/local/share/ca-certificates/. "$work/node/ca-certificates/"; fi
docker build -q -t "$NODE_IMAGE" --build-arg BASE_IMAGE="$BASE_IMAGE" -f deploy/local/node.Dockerfile "$work/node" >/dev/null

log "proxy configuration: deploy/nginx.conf for host networking"
# Docker's DNS and the `api` service name do not exist with host networking: the two replicas are
# named by address instead, and the proxy listens on 127.0.0.1. Everything else is the real file.
export SMOKE_NGINX_SITE="$work/nginx-site.conf"
sed -e 's/^resolver .*$/# (resolver: not used with host networking)/' \
    -e "s/^\( *\)server api:4000 resolve \(.*\)$/\1server 127.0.0.1:$SMOKE_API1_PORT \2\n\1server 127.0.0.1:$SMOKE_API2_PORT \2/" \
    -e "s/^\( *\)listen 4000;/\1listen 127.0.0.1:$SMOKE_PROXY_PORT;/" deploy/nginx.conf >"$SMOKE_NGINX_SITE"
[ "$(grep -c "server 127.0.0.1:" "$SMOKE_NGINX_SITE")" = 2 ] && grep -q "listen 127.0.0.1:$SMOKE_PROXY_PORT;" "$SMOKE_NGINX_SITE" \
  || fail "deploy/nginx.conf no longer has the 'server api:4000 resolve' and 'listen 4000;' lines this script rewrites"

log "build the server image"
"${COMPOSE[@]}" down -v --remove-orphans >/dev/null 2>&1 || true
"${COMPOSE[@]}" build api

log "up: PostgreSQL, Redis, two replicas, proxy"
compose_up=1
"${COMPOSE[@]}" up -d --no-build
proxy="http://127.0.0.1:$SMOKE_PROXY_PORT"
api1="http://127.0.0.1:$SMOKE_API1_PORT"
api2="http://127.0.0.1:$SMOKE_API2_PORT"
for _ in $(seq 1 120); do curl -fsS "$proxy/readyz" >/dev/null 2>&1 && break; sleep 1; done

log "start"
for url in "$proxy" "$api1" "$api2"; do
  [ "$(curl -fsS "$url/readyz" | jq -r .status)" = ready ] || fail "$url/readyz is not ready"
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "$proxy/metrics")" = 404 ] || fail "the proxy exposes /metrics"

gql() { # url, json body, [token]
  curl -fsS "$1/graphql" -H 'content-type: application/json' ${3:+-H "authorization: Bearer $3"} -H "x-request-id: compose-smoke-$RANDOM" --data "$2"
}

log "a read through the proxy"
themes=$(gql "$proxy" '{"query":"{ themes(first: 50) { totalCount } currentTheme { slug } }"}')
[ "$(jq -r '.data.themes.totalCount' <<<"$themes")" -gt 0 ] || fail "no themes through the proxy: $themes"
echo "themes: $(jq -c .data <<<"$themes")"
request_id=$(curl -fsS -o /dev/null -D - "$proxy/healthz" -H 'x-request-id: compose-smoke-id' | tr -d '\r' | awk -F': ' 'tolower($1)=="x-request-id"{print $2}')
[ "$request_id" = compose-smoke-id ] || fail "the proxy did not pass the request id on (got '$request_id')"

log "a write through one replica, seen through the other"
token=$("${COMPOSE[@]}" exec -T api node dist/server/src/cli/token.js --role COORDINATOR --name 'compose smoke' | tail -n 1)
[[ "$token" =~ ^th_ ]] || fail "could not create a coordinator token: $token"
name="Compose-røgtest $(date +%s)"
partners='{"query":"{ partners { name } }"}'
# Read first through the second replica, so that its (shared) response cache holds the old answer.
gql "$api2" "$partners" | jq -e --arg n "$name" 'all(.data.partners[]; .name != $n)' >/dev/null || fail "the partner exists before it was written"
created=$(gql "$api1" "$(jq -nc --arg n "$name" '{query: "mutation($n: String!) { createPartner(input: { name: $n, kind: OTHER, scope: NATIONAL }) { id name } }", variables: {n: $n}}')" "$token")
[ "$(jq -r '.data.createPartner.name' <<<"$created")" = "$name" ] || fail "the write through replica 1 failed: $created"
gql "$api2" "$partners" | jq -e --arg n "$name" 'any(.data.partners[]; .name == $n)' >/dev/null || fail "replica 2 does not see the write made through replica 1"
gql "$proxy" "$partners" | jq -e --arg n "$name" 'any(.data.partners[]; .name == $n)' >/dev/null || fail "the proxy does not show the write"
echo "partner \"$name\" written through $api1, read through $api2 and the proxy"

log "logs are clean"
"${COMPOSE[@]}" logs --no-color >"$work/compose.log" 2>&1
# pino levels 50 (error) and 60 (fatal); nginx's error levels; PostgreSQL's ERROR/FATAL/PANIC lines
# (except those of health checks knocking while it starts, or on its own one-time set-up).
problems=$(grep -E '"level":(50|60)|\[(error|crit|alert|emerg)\]|(ERROR|FATAL|PANIC): ' "$work/compose.log" \
  | grep -vE 'the database system is (starting up|shutting down)' || true)
[ -z "$problems" ] || fail "errors in the logs:
$problems"
grep -q '"msg":"listening"' "$work/compose.log" || fail "no replica logged that it is listening"
[ "$(grep -c '"msg":"listening"' "$work/compose.log")" -ge 2 ] || fail "not both replicas logged that they are listening"
grep -q '"upstreamStatus":"200"' "$work/compose.log" || fail "the proxy's access log has no proxied request"

log "down"
"${COMPOSE[@]}" down -v --remove-orphans
compose_up=""
left=$(docker ps -aq --filter "label=com.docker.compose.project=$PROJECT")
[ -z "$left" ] || fail "containers left after down: $left"

log "passed in $(($(date +%s) - started_at)) s"
