#!/usr/bin/env bash
cd /work/wt-perf
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_perf
OUT=/tmp/perf-final
base() { BENCH_SRC=/work/wt-perf-base/src PYTHONPATH=/work/wt-perf-base/src "$@"; }
mine() { "$@"; }
PY=.venv/bin/python
for round in 2 3; do
  for who in base mine; do
    $who $PY bench/bench_autosave.py --candidates 5000 --rate 0.1 --duration 30 > $OUT/autosave_${who}_${round}.txt 2>&1
    echo autosave $round $who done $(date)
  done
done
# the production gunicorn configuration (gthread, keepalive), this branch only
BENCH_GUNICORN_ARGS="--config python:aicert.gunicorn_conf --workers 2" $PY bench/bench_clock.py --candidates 5000 --duration 15 > $OUT/clock_mine_gthread.txt 2>&1
echo clock gthread done $(date)
BENCH_GUNICORN_ARGS="--config python:aicert.gunicorn_conf --workers 2" $PY bench/bench_autosave.py --candidates 5000 --rate 0.1 --duration 30 > $OUT/autosave_mine_gthread.txt 2>&1
echo all-done $(date)
