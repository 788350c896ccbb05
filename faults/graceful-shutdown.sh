#!/usr/bin/env bash
# Fault test 8, a requested stop: an instance of an external broker takes HTTP load (300 requests/s)
# and a feed (half the history at once, the rest at 500 events/s) and is stopped with SIGTERM, SIGINT,
# SIGTERM, SIGINT, started again after each. Every stop must answer the requests in flight, leave no
# transaction open, leave the consumer group and exit 0 within 10 s; the output is compared with an
# uninterrupted run at the end. About 5 minutes.
exec "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/scenario.sh" graceful-shutdown --signals TERM,INT,TERM,INT --rate 500 "$@"
