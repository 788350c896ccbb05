#!/usr/bin/env bash
# Compiles the topology module with its test classes (the fault scenarios live there, beside the
# short versions that run in `mvn verify`) into topology/target-faults, away from the build's own
# target/, and exports FAULTS_CP_ARGS: a java argument file with the test class path. Source it:
# `. faults/classpath.sh`, then `java @"$FAULTS_CP_ARGS" ...`. An argument file, because ONNX Runtime
# crashes while it initialises when the JVM's command line is longer than about 4 KB. Sourced, it
# leaves the caller's shell options alone (run-all.sh goes on after a failed test).
faults_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
faults_build="$faults_root/topology/target-faults"
echo "faults: compiling the topology tests (mvn -Dbuild.dir=target-faults -pl topology -am test-compile)..." >&2
(cd "$faults_root" && mvn -q -B -Dbuild.dir=target-faults -pl topology -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$faults_build/test.classpath") >&2 || return 1
mkdir -p "$faults_build/tmp"
FAULTS_CP_ARGS="$faults_build/faults.args"
printf -- '-cp %s\n' "$faults_build/test-classes:$faults_build/classes:$(cat "$faults_build/test.classpath")" > "$FAULTS_CP_ARGS"
export FAULTS_CP_ARGS
