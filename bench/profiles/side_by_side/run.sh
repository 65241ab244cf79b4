#!/usr/bin/env bash
# Side by side: base (51161e9, /work/wt-perf-base) vs feat-perf, alternating.
cd /work/wt-perf
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/wt_perf
OUT=/tmp/perf-final
base() { BENCH_SRC=/work/wt-perf-base/src PYTHONPATH=/work/wt-perf-base/src "$@"; }
mine() { "$@"; }
PY=.venv/bin/python
# 1. in-process profiles (CPU per request, queries per request)
for path in registration autosave clock; do
  n=1000; [ $path = registration ] && n=600
  base $PY bench/profile_hot_paths.py $path --requests $n --seats 200 --label _base > $OUT/profile_${path}_base.txt 2>&1
  mine $PY bench/profile_hot_paths.py $path --requests $n --seats 200 > $OUT/profile_${path}_mine.txt 2>&1
done
echo profiles-done $(date)
# 2. HTTP benches, 3 rounds, alternating
for round in 1 2 3; do
  for who in base mine; do
    $who $PY bench/bench_registration.py --candidates 2000 --seats 500 > $OUT/reg_${who}_${round}.txt 2>&1
    $who $PY bench/bench_clock.py --candidates 5000 --duration 15 > $OUT/clock_${who}_${round}.txt 2>&1
    $who $PY bench/bench_autosave.py --candidates 5000 --rate 0.1 --duration 30 > $OUT/autosave_${who}_${round}.txt 2>&1
    echo $round $who done $(date)
  done
done
echo all-done $(date)
