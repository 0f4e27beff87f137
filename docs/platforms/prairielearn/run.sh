#!/usr/bin/env bash
# PrairieLearn's external grader runs this (the question's info.json names it) in a container
# holding /grade/student (the submission) and /grade/tests (this folder).
set -u
TASK=parallel-primes
FILE=solution.py
ROOT=${GRADE_ROOT:-/grade}

mkdir -p "$ROOT/results"
unlocked-cli grade --task "$TASK" --format prairielearn ${UNLOCKED_OPTIONS:-} \
    --output "$ROOT/results/results.json" "$ROOT/student/$FILE"
[ "$?" -ne 2 ]
