"""Calls a learner's function on the grader's inputs, inside the sandbox.

Usage: python3 -m unlocked_harness MODULE ENTRY RESULTS_FILE < inputs.json

The learner's file is imported as a real module (so multiprocessing can pickle its functions
under every start method). Each input is a list of positional arguments. The results file gets
one entry per input: {"value": ...} or {"error": "...", "traceback": "..."}. The grader compares
values itself; nothing here decides whether an answer is right.
"""

import asyncio
import importlib
import inspect
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


def write_results(path, payload):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(payload, f)


def main():
    module_name, entry_name, results_path = sys.argv[1:4]
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
    results = []
    for args in inputs:
        try:
            results.append({"value": to_json(call(entry, args))})
        except BaseException as exc:
            results.append({"error": f"{type(exc).__name__}: {exc}"[:500],
                            "traceback": short_traceback(exc)})
        sys.stdout.flush()
    write_results(results_path, {"results": results})


if __name__ == "__main__":
    main()
