#!/usr/bin/env bash
# Fault test 3, an instance is replaced: two instances (standby replicas) of an external broker while
# `bin/sabiscore replay` publishes the whole history; one is killed with SIGKILL mid-replay and a new
# one with an empty state folder starts. Queries go to every live instance throughout: answers not 2xx
# are counted per second, answers behind the committed output must be flagged stale. About 5 minutes.
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/scenario.sh" instance-replaced "$@"
