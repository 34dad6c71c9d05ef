#!/bin/sh
# docker-compose's one-shot "secrets" service: generates this installation's secrets once into the
# volume mounted at $1 (default /run/fanout-secrets) and leaves existing ones alone:
#   admin-api-key, edge-secret      random, 32 bytes base64url
#   credentials-key                 AES-256 key of destination credentials (base64 of 32 bytes)
#   db-password                     the services' PostgreSQL password (the "fanout" role)
#   token-private.pem / -public.pem the RS256 pair ingest-service signs partner tokens with
# Every service reads only what it needs (see docker-compose.yml).
set -eu
dir="${1:-/run/fanout-secrets}"
umask 077
mkdir -p "$dir"
random() { openssl rand -base64 32 | tr '+/' '-_' | tr -d '=\n'; }
[ -s "$dir/admin-api-key" ] || random > "$dir/admin-api-key"
[ -s "$dir/edge-secret" ] || random > "$dir/edge-secret"
[ -s "$dir/credentials-key" ] || openssl rand -base64 32 | tr -d '\n' > "$dir/credentials-key"
[ -s "$dir/db-password" ] || random > "$dir/db-password"
if [ ! -s "$dir/token-private.pem" ]; then
  openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/token-private.pem" 2>/dev/null
  openssl pkey -in "$dir/token-private.pem" -pubout -out "$dir/token-public.pem"
fi
# The services run as uid 10001 and the edge as www-data (33): they read, nobody else writes.
chmod 0444 "$dir"/*
echo "secrets ready in $dir (the admin API key: $dir/admin-api-key)"
