#!/usr/bin/env bash
# Fault test 2, the broker goes away: `bin/sabiscore broker` in its own process is stopped cleanly
# (SIGTERM) and later killed (SIGKILL) at random points of a whole-history replay by an app that is
# never restarted; each time it stays down 5 s and comes back on the same folder and port. The app
# must carry on by itself; the committed output is compared with an uninterrupted run. About 5 minutes.
#   faults/broker-bounce.sh --bounces TERM,KILL,KILL --down-seconds 20
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/scenario.sh" broker-bounce "$@"
