#!/usr/bin/env bash
# Applies the admin's scripts from server-config/wildfly/ to a test server, offline (embedded CLI),
# exactly as they are shipped. Usage: configure.sh JBOSS_HOME [postgresql]
set -euo pipefail
home=$1
script=$(mktemp --suffix=.cli)
trap 'rm -f "$script"' EXIT
{
  echo "embed-server --std-out=discard --server-config=standalone.xml"
  echo "run-batch --file=server-config/wildfly/identity-bridge.cli"
  if [ "${2:-}" = postgresql ]; then cat server-config/wildfly/postgresql.cli; fi
  echo "stop-embedded-server"
} > "$script"
properties=$(mktemp --suffix=.properties)
echo "postgresql.jar=$PWD/target/lib/postgresql.jar" > "$properties"
JBOSS_HOME=$home "$home/bin/jboss-cli.sh" --file="$script" --properties="$properties"
rm -f "$properties"
