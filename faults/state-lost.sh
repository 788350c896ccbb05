#!/usr/bin/env bash
# Fault test 4, the state is lost: after a whole-history replay an instance is killed, its state folder
# deleted, and it is started again with the same command; it must restore from the changelogs and
# answer a sample of 1,000 fixtures (with their teams and days) exactly as before. Once with the
# default in-memory stores, once with RocksDB. About 3-5 minutes each.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
status=0
"$here/scenario.sh" state-lost --store in_memory "$@" || status=$?
"$here/scenario.sh" state-lost --store rocksdb "$@" || status=$?
exit "$status"
