#!/bin/sh
# kubectl-ownership: the ownership-operator command line in one executable file, this launcher with
# the jar appended. Java's zip reader finds the jar's central directory at the end of the file, so
# `java -jar` can read this very file. On the PATH, kubectl runs it for `kubectl ownership ...`.
# OWNERSHIP_JAVA_OPTS replaces the JVM options below (tuned for a short-lived command).
if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java=java; fi
exec "$java" ${OWNERSHIP_JAVA_OPTS:--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto} -jar "$0" "$@"
