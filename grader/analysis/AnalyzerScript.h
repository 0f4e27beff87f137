#pragma once

#include "Internal.h"

namespace Unlocked {

/**
 * Trusted Python run inside the embedded interpreter: `analyze(source, filename)` parses and
 * compiles learner source (never runs it) and returns plain tuples and lists:
 *   ("ok", imports, calls, functions, async_functions, uses_await, attributes)
 *   ("syntax", message, line, column)
 *   ("failure", reason)          reason: "nested" or a short description
 * The walk is iterative, so a deep but valid tree cannot exhaust the recursion limit.
 * Runs only on the analyzer's own thread, which has a large stack.
 */
inline constexpr char kAnalyzerScript[] = R"PY(
import ast
import gc
import re
import sys
import warnings

_AST_RECURSION_LIMIT = 10000

_NEWLINE = re.compile(r'\r\n|\r|\n')


def _position(source, index):
    """1-based line and column of source[index], counting newlines as Python does."""
    line_start = 0
    line = 1
    for match in _NEWLINE.finditer(source, 0, index):
        line += 1
        line_start = match.end()
    return line, index - line_start + 1


def _dotted(node):
    """['a', 'b', 'c'] for the expression a.b.c, or None when it is not a plain dotted name."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    parts.reverse()
    return parts


def _ordered_unique(items):
    # Source order, each name once: the learner reads these back in messages.
    seen = set()
    out = []
    for _, _, name in sorted(items, key=lambda item: (item[0], item[1])):
        if name not in seen:
            seen.add(name)
            out.append(name)
    return out


def _nodes(tree):
    """Every node of the tree, without recursion (ast.walk, with less overhead per node)."""
    stack = [tree]
    AST = ast.AST
    while stack:
        node = stack.pop()
        yield node
        for field in node._fields:
            value = getattr(node, field, None)
            if isinstance(value, list):
                stack.extend(item for item in value if isinstance(item, AST))
            elif isinstance(value, AST):
                stack.append(value)


# Calls that name an attribute in a string, getattr(loop, "run_in_executor"): which arguments.
_ATTRIBUTE_BY_STRING = {name: slice(1, 2) for name in ('getattr', 'hasattr', 'setattr', 'delattr',
                                                        'builtins.getattr')}
_ATTRIBUTE_BY_STRING['operator.attrgetter'] = slice(None)
_ATTRIBUTE_BY_STRING['operator.methodcaller'] = slice(0, 1)


def _collect(tree):
    imports, calls, functions, async_functions, attributes = [], [], [], [], []
    aliases = {}
    call_nodes = []
    class_bases = {}
    uses_await = False
    for node in _nodes(tree):
        kind = type(node)
        if kind is ast.Attribute:
            attributes.append((node.lineno, node.col_offset, node.attr))
        elif kind is ast.Call:
            call_nodes.append(node)
        elif kind is ast.Import:
            where = (node.lineno, node.col_offset)
            for alias in node.names:
                imports.append((*where, alias.name))
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    head = alias.name.split('.')[0]
                    aliases[head] = head
        elif kind is ast.ImportFrom:
            if node.level or not node.module:
                continue  # relative imports name the learner's own files
            where = (node.lineno, node.col_offset)
            imports.append((*where, node.module))
            for alias in node.names:
                if alias.name == '*':
                    continue
                full = node.module + '.' + alias.name
                imports.append((*where, full))
                attributes.append((*where, alias.name))
                aliases[alias.asname or alias.name] = full
        elif kind is ast.FunctionDef:
            functions.append((node.lineno, node.col_offset, node.name))
        elif kind is ast.AsyncFunctionDef:
            async_functions.append((node.lineno, node.col_offset, node.name))
        elif kind is ast.ClassDef:
            bases = [parts for parts in map(_dotted, node.bases) if parts]
            class_bases.setdefault(node.name, []).extend(bases)
        elif kind is ast.Await or kind is ast.AsyncFor or kind is ast.AsyncWith:
            uses_await = True

    def resolve(parts):
        head = aliases.get(parts[0])
        return '.'.join([head] + parts[1:] if head else parts)

    # Second pass, once every alias is known: a call may come before its import in the file.
    for node in call_nodes:
        parts = _dotted(node.func)
        if parts is None:
            continue
        name = resolve(parts)
        where = (node.lineno, node.col_offset)
        calls.append((*where, name))
        # Creating an instance of the learner's `class Worker(multiprocessing.Process)` creates
        # a multiprocessing.Process too, so the bases count as called (through any depth).
        pending = list(class_bases.get(name, ())) if len(parts) == 1 else []
        seen = {name}
        while pending:
            base = resolve(pending.pop())
            if base in seen:
                continue
            seen.add(base)
            calls.append((*where, base))
            if '.' not in base:
                pending.extend(class_bases.get(base, ()))
        if name in ('__import__', 'importlib.import_module') and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                imports.append((*where, first.value))
        if name in _ATTRIBUTE_BY_STRING:
            for argument in node.args[_ATTRIBUTE_BY_STRING[name]]:
                if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                    # attrgetter("a.b") names a, then b.
                    attributes.extend((*where, part) for part in argument.value.split('.'))

    return (_ordered_unique(imports), _ordered_unique(calls), _ordered_unique(functions),
            _ordered_unique(async_functions), uses_await, _ordered_unique(attributes))


def analyze(source, filename):
    # An AST has no reference cycles, so the cyclic collector only wastes time on the hundreds
    # of thousands of nodes a large file makes (it tripled the time of building them).
    gc.disable()
    try:
        return _analyze(source, filename)
    finally:
        gc.enable()


def _analyze(source, filename):
    try:
        with warnings.catch_warnings():
            # Warnings (invalid escapes, `is` with a literal) are not errors, and must not be
            # printed on the grader's stderr.
            warnings.simplefilter('ignore')
            # Compile to bytecode (never run it), under the default recursion limit: exactly
            # what `python3 solution.py` does first, so every error it would report is found,
            # including the compiler's ('return' outside function, nesting too deep, ...).
            compile(source, filename, 'exec', dont_inherit=True)
            # Turning the parse into Python objects has a depth limit of its own, close to the
            # compiler's; raising it (the engine thread has a large stack) makes sure anything
            # Python compiles can be analysed.
            limit = sys.getrecursionlimit()
            sys.setrecursionlimit(_AST_RECURSION_LIMIT)
            try:
                tree = compile(source, filename, 'exec', ast.PyCF_ONLY_AST, dont_inherit=True)
            finally:
                sys.setrecursionlimit(limit)
    except SyntaxError as error:
        return ('syntax', str(error.msg), int(error.lineno or 0), int(error.offset or 0))
    except ValueError as error:
        nul = source.find('\0')
        if nul >= 0:
            line, column = _position(source, nul)
            return ('syntax', str(error), line, column)
        return ('failure', type(error).__name__ + ': ' + str(error))
    except (RecursionError, MemoryError):
        return ('failure', 'nested')
    try:
        return ('ok',) + _collect(tree)
    except (RecursionError, MemoryError):
        return ('failure', 'nested')
)PY";

} // namespace Unlocked
