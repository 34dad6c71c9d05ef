#!/bin/sh
# Starts a Fanout service's Quarkus fast-jar. A secret mounted as a file reaches the service as an
# environment variable: NAME__FILE=/path sets NAME to the file's content (and is then unset), so
# docker-compose and Kubernetes Secrets need not put secrets in the compose file or a manifest.
set -eu
for name in $(env | sed -n 's/^\([A-Za-z0-9_]*\)__FILE=.*/\1/p'); do
  file=$(printenv "${name}__FILE")
  value=$(cat "$file")
  export "$name=$value"
  unset "${name}__FILE"
done
# shellcheck disable=SC2086 # JAVA_OPTS is a list of options
exec java ${JAVA_OPTS:-} -jar /app/quarkus-run.jar "$@"
