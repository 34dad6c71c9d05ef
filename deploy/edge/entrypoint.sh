#!/bin/sh
# The edge image's start: renders nginx.conf.template (the same file the local launcher renders)
# from the environment, makes a self-signed certificate for RTMPS unless one is mounted, and runs
# nginx in the foreground. "entrypoint.sh render" only renders (the tests check each rendering
# with nginx -t).
#
# Environment: INGEST_HOOKS_BASE (ingest-service as the edge reaches it), EDGE_SECRET or
# EDGE_SECRET_FILE (the secret in the hook URLs), and optionally EDGE_DIR, RTMP_LISTEN,
# RTMPS_LISTEN, HTTP_LISTEN, TLS_CERTIFICATE/TLS_KEY (a mounted certificate), EDGE_HOSTNAME (the
# self-signed certificate's name), WITH_RTMPS ("#": no RTMPS listener).
set -eu

export EDGE_DIR="${EDGE_DIR:-/var/lib/fanout-edge}"
export EDGE_ERROR_LOG="${EDGE_ERROR_LOG:-/dev/stderr}"
export EDGE_ACCESS_LOG="${EDGE_ACCESS_LOG:-/dev/stdout}"
export RTMP_MODULE="${RTMP_MODULE:-/usr/lib/nginx/modules/ngx_rtmp_module.so}"
export STREAM_MODULE="${STREAM_MODULE:-/usr/lib/nginx/modules/ngx_stream_module.so}"
export RTMP_LISTEN="${RTMP_LISTEN:-1935}"
export RTMPS_LISTEN="${RTMPS_LISTEN:-1936}"
export HTTP_LISTEN="${HTTP_LISTEN:-8080}"
export RTMP_UPSTREAM="${RTMP_UPSTREAM:-127.0.0.1:${RTMP_LISTEN##*:}}"
export TLS_CERTIFICATE="${TLS_CERTIFICATE:-$EDGE_DIR/tls/tls.crt}"
export TLS_KEY="${TLS_KEY:-$EDGE_DIR/tls/tls.key}"
export WITH_RTMPS="${WITH_RTMPS:-}"
export WITH_HOOKS=""
export EXTRA_APPLICATIONS=""
TEMPLATE="${EDGE_TEMPLATE:-/etc/fanout-edge/nginx.conf.template}"

if [ -n "${EDGE_SECRET_FILE:-}" ]; then
  EDGE_SECRET=$(cat "$EDGE_SECRET_FILE")
fi
: "${INGEST_HOOKS_BASE:?set INGEST_HOOKS_BASE: ingest-service's base URL as the edge reaches it}"
: "${EDGE_SECRET:?set EDGE_SECRET or EDGE_SECRET_FILE: the secret in ingest-service's hook URLs}"
export HOOKS_URL="$INGEST_HOOKS_BASE/internal/edge/$EDGE_SECRET"

mkdir -p "$EDGE_DIR/hls" "$EDGE_DIR/temp"
if [ -z "$WITH_RTMPS" ] && [ ! -s "$TLS_CERTIFICATE" ]; then
  mkdir -p "$(dirname "$TLS_CERTIFICATE")" "$(dirname "$TLS_KEY")"
  openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=${EDGE_HOSTNAME:-localhost}" \
    -addext "subjectAltName=DNS:${EDGE_HOSTNAME:-localhost}" -keyout "$TLS_KEY" -out "$TLS_CERTIFICATE" 2>/dev/null
  echo "edge: RTMPS with a self-signed certificate for ${EDGE_HOSTNAME:-localhost} (mount one at $TLS_CERTIFICATE for encoders that verify)" >&2
fi

VARIABLES='${EDGE_DIR} ${EDGE_ERROR_LOG} ${EDGE_ACCESS_LOG} ${RTMP_MODULE} ${STREAM_MODULE} ${RTMP_LISTEN}
${RTMPS_LISTEN} ${HTTP_LISTEN} ${RTMP_UPSTREAM} ${TLS_CERTIFICATE} ${TLS_KEY} ${WITH_RTMPS} ${WITH_HOOKS}
${HOOKS_URL} ${EXTRA_APPLICATIONS}'
envsubst "$VARIABLES" < "$TEMPLATE" > "$EDGE_DIR/nginx.conf"

if [ "${1:-}" = "render" ]; then
  exit 0
fi
exec nginx -c "$EDGE_DIR/nginx.conf"
