"""Calls a learner's function on the grader's inputs, inside the sandbox.

Usage: python3 -m unlocked_harness MODULE ENTRY RESULTS_FILE [--summary] [--copies N] < inputs.json
       python3 -m unlocked_harness --show MODULE ENTRY < inputs.json

The learner's file is imported as a real module (so multiprocessing can pickle its functions
under every start method). Each input is a list of positional arguments. The results file gets
one entry per input: {"value": ...} or {"error": "...", "traceback": "..."}. The grader compares
values itself; nothing here decides whether an answer is right. With --summary, a large result
(a timing workload's n x n matrix, say) is written as its shape, sum and evenly spaced samples,
so that writing and reading it does not dwarf the work being timed. With --copies N (the
grader's own sequential baseline only), N processes make the same calls at the same time and
the first writes the results: how much faster than one after another a machine runs N copies
of the work is what an ideal split of it could gain there.

With --show (Run of a function task), each call is printed as the learner would read it, with
its result or its traceback, and nothing is written for the grader.
"""

import asyncio
import importlib
import inspect
import itertools
import json
import math
import os
import sys
import traceback


def to_json(value):
    """Plain JSON data for the grader: tuples and sets become lists, NumPy values plain ones."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, (list, tuple)):
        return [to_json(v) for v in value]
    if isinstance(value, (set, frozenset)):
        return sorted((to_json(v) for v in value), key=repr)
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if hasattr(value, "tolist"):  # NumPy arrays and scalars
        return to_json(value.tolist())
    return {"__unjsonable__": type(value).__name__, "repr": repr(value)[:200]}


SUMMARY_THRESHOLD = 10_000
SUMMARY_SAMPLES = 64


def _summary(shape, flat, total):
    step = max(1, len(flat) // SUMMARY_SAMPLES)
    return {"summary": {"shape": shape, "count": len(flat), "sum": total,
                        "samples": to_json(flat[::step][:SUMMARY_SAMPLES])}}


def summarize(value):
    """A large array or nested list as its shape, sum and samples; anything else as JSON."""
    if hasattr(value, "ravel") and hasattr(value, "shape") and hasattr(value, "size"):
        if value.size <= SUMMARY_THRESHOLD:
            return to_json(value)
        flat = value.ravel()
        return _summary(list(value.shape), flat, to_json(flat.sum()))
    if not isinstance(value, (list, tuple)):
        return to_json(value)
    shape, flat = [len(value)], list(value)
    while flat and isinstance(flat[0], (list, tuple)):
        shape.append(len(flat[0]))
        flat = list(itertools.chain.from_iterable(flat))
    if len(flat) <= SUMMARY_THRESHOLD:
        return to_json(value)
    numbers = [v for v in flat if isinstance(v, (int, float)) and not isinstance(v, bool)]
    exact = all(isinstance(v, int) for v in numbers)
    return _summary(shape, flat, sum(numbers) if exact else to_json(math.fsum(numbers)))


def short_traceback(exc):
    """The traceback from the learner's own files only: the harness's frames are noise."""
    summary = traceback.TracebackException.from_exception(exc)
    here = os.getcwd() + os.sep
    summary.stack = traceback.StackSummary.from_list(
        [frame for frame in summary.stack if frame.filename.startswith(here)])
    return "".join(summary.format())[-3000:]


def call(entry, args):
    result = entry(*args)
    if inspect.isawaitable(result):
        result = asyncio.run(result) if inspect.iscoroutine(result) else asyncio.run(_await(result))
    return result


async def _await(awaitable):
    return await awaitable


SHOWN_CHARS = 1000


def shown(value):
    text = repr(value)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + " …"


def show_calls(module_name, entry_name, inputs):
    """Run of a function task: each call and its result, all on stdout so they stay in order."""
    try:
        module = importlib.import_module(module_name)
    except BaseException as exc:
        print(short_traceback(exc), end="", file=sys.stderr)
        return 1
    entry = getattr(module, entry_name, None)
    if not callable(entry):
        print(f"Your file does not define a function named {entry_name}().", file=sys.stderr)
        return 1
    if not inputs:
        print(f"Your file defines {entry_name}(), but this task has no example calls to show: "
              "Grade tries it.")
    failed = False
    for args in inputs:
        text = f"{entry_name}({', '.join(shown(a) for a in args)})"
        try:
            print(f"{text} → {shown(call(entry, args))}")
        except BaseException as exc:
            failed = True
            print(f"{text} raised {type(exc).__name__}:\n{short_traceback(exc)}", end="")
        sys.stdout.flush()
    return 1 if failed else 0


def write_results(path, payload):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(payload, f)


def main():
    if sys.argv[1:2] == ["--show"]:
        inputs = json.load(sys.stdin)
        sys.path.insert(0, os.getcwd())
        sys.exit(show_calls(sys.argv[2], sys.argv[3], inputs))
    module_name, entry_name, results_path = sys.argv[1:4]
    convert = summarize if "--summary" in sys.argv[4:] else to_json
    inputs = json.load(sys.stdin)
    sys.path.insert(0, os.getcwd())
    try:
        module = importlib.import_module(module_name)
    except BaseException as exc:  # the learner's module failed while loading
        write_results(results_path, {"import_error": short_traceback(exc)})
        return
    entry = getattr(module, entry_name, None)
    if not callable(entry):
        write_results(results_path, {"missing_entry": entry_name})
        return
    copies = int(sys.argv[sys.argv.index("--copies") + 1]) if "--copies" in sys.argv else 1
    children = []
    for _ in range(copies - 1):
        pid = os.fork()
        if pid == 0:  # a copy: the same calls, nothing written
            try:
                for args in inputs:
                    call(entry, args)
            finally:
                os._exit(0)
        children.append(pid)
    results = []
    for args in inputs:
        try:
            results.append({"value": convert(call(entry, args))})
        except BaseException as exc:
            results.append({"error": f"{type(exc).__name__}: {exc}"[:500],
                            "traceback": short_traceback(exc)})
        sys.stdout.flush()
    for pid in children:
        os.waitpid(pid, 0)
    write_results(results_path, {"results": results})


if __name__ == "__main__":
    main()
