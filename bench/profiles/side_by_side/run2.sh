#!/usr/bin/env bash
cd /work/wt-perf
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_perf
OUT=/tmp/perf-final
base() { BENCH_SRC=/work/wt-perf-base/src PYTHONPATH=/work/wt-perf-base/src "$@"; }
mine() { "$@"; }
PY=.venv/bin/python
for round in 2 3; do
  for who in base mine; do
    $who $PY bench/bench_registration.py --candidates 2000 --seats 500 > $OUT/reg_${who}_${round}.txt 2>&1
    $who $PY bench/bench_clock.py --candidates 5000 --duration 15 > $OUT/clock_${who}_${round}.txt 2>&1
    echo $round $who done $(date)
  done
done
echo all-done $(date)
