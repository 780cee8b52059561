#!/bin/sh
# Starts one identity-bridge instance of a Payara Micro cluster: run it once per instance, each
# with its own INSTANCE_NAME and, on a shared host, its own HTTP_PORT. Every instance uses the same
# PostgreSQL (IDENTITYBRIDGE_DB_* in the environment, see post-boot-commands.asadmin) and the same
# identitybridge.* configuration; Hazelcast, inside Payara Micro, replicates the HTTP sessions.
#
#   INSTANCE_NAME=ib-1 HTTP_PORT=8081 CLUSTER_MEMBERS=10.0.0.11:6900,10.0.0.12:6900 \
#     CLUSTER_INTERFACE=10.0.0.* server-config/payara/cluster-instance.sh
#
# PAYARA_MICRO_JAR, WAR and POSTGRESQL_JAR default to what `mvn package` leaves in target/.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

: "${INSTANCE_NAME:?name this instance, e.g. ib-1}"
# Which instances form the cluster: a fixed list of host:port pairs (Hazelcast's TCP/IP discovery),
# because multicast rarely crosses data-centre networks. 6900 is Payara Micro's first data grid port.
: "${CLUSTER_MEMBERS:=127.0.0.1:6900,127.0.0.1:6901,127.0.0.1:6902}"
# Instances with the same name form one cluster; change it per deployment (staging, production),
# so that two deployments on one network never share sessions.
: "${CLUSTER_NAME:=identity-bridge}"
# The network the data grid listens on: a private one. Session data crosses it unencrypted.
: "${CLUSTER_INTERFACE:=127.0.0.1}"
: "${HTTP_PORT:=8080}"
: "${PAYARA_MICRO_JAR:=target/payara-micro.jar}"
: "${WAR:=target/identity-bridge.war}"
: "${POSTGRESQL_JAR:=target/lib/postgresql.jar}"

# --nohostaware: Payara keeps a session's backup on an instance with another IP address only. With
# several instances on one host (as here on loopback) that would mean no backup at all; on one
# instance per host, drop it to get the safer default.
host_aware=--hostaware
case "$CLUSTER_INTERFACE" in 127.*) host_aware=--nohostaware ;; esac

exec java ${JAVA_OPTS:-} -jar "$PAYARA_MICRO_JAR" \
  --name "$INSTANCE_NAME" \
  --clustername "$CLUSTER_NAME" \
  --clustermode "tcpip:$CLUSTER_MEMBERS" \
  --interfaces "$CLUSTER_INTERFACE" \
  $host_aware \
  --port "$HTTP_PORT" \
  --addLibs "$POSTGRESQL_JAR" \
  --postbootcommandfile "$here/post-boot-commands.asadmin" \
  --deploy "$WAR" --contextroot /
