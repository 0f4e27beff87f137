#pragma once

namespace Unlocked {

/**
 * Trusted Python run inside the embedded interpreter: `analyze(source, filename)` parses and
 * compiles learner source (never runs it) and returns plain tuples and lists:
 *   ("ok", imports, calls, functions, async_functions, uses_await)
 *   ("syntax", message, line, column)
 *   ("failure", reason)          reason: "nested" or a short description
 * The walk is iterative (ast.walk), so a deep but valid tree cannot exhaust the recursion limit.
 */
inline constexpr char kAnalyzerScript[] = R"PY(
import ast
import re
import warnings

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


def _collect(tree):
    imports, calls, functions, async_functions = [], [], [], []
    aliases = {}
    call_nodes = []
    uses_await = False
    for node in ast.walk(tree):
        where = (getattr(node, 'lineno', 0), getattr(node, 'col_offset', 0))
        if isinstance(node, ast.Import):
            for alias in node.names:
                imports.append((*where, alias.name))
                if alias.asname:
                    aliases[alias.asname] = alias.name
                else:
                    head = alias.name.split('.')[0]
                    aliases[head] = head
        elif isinstance(node, ast.ImportFrom):
            if node.level or not node.module:
                continue  # relative imports name the learner's own files
            imports.append((*where, node.module))
            for alias in node.names:
                if alias.name == '*':
                    continue
                full = node.module + '.' + alias.name
                imports.append((*where, full))
                aliases[alias.asname or alias.name] = full
        elif isinstance(node, ast.Call):
            call_nodes.append(node)
        elif isinstance(node, ast.FunctionDef):
            functions.append((*where, node.name))
        elif isinstance(node, ast.AsyncFunctionDef):
            async_functions.append((*where, node.name))
        elif isinstance(node, (ast.Await, ast.AsyncFor, ast.AsyncWith)):
            uses_await = True

    # Second pass, once every alias is known: a call may come before its import in the file.
    for node in call_nodes:
        parts = _dotted(node.func)
        if parts is None:
            continue
        head = aliases.get(parts[0])
        name = '.'.join([head] + parts[1:] if head else parts)
        where = (node.lineno, node.col_offset)
        calls.append((*where, name))
        if name in ('__import__', 'importlib.import_module') and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                imports.append((*where, first.value))

    return (_ordered_unique(imports), _ordered_unique(calls), _ordered_unique(functions),
            _ordered_unique(async_functions), uses_await)


def analyze(source, filename):
    try:
        with warnings.catch_warnings():
            # Warnings (invalid escapes, `is` with a literal) are not errors, and must not be
            # printed on the grader's stderr.
            warnings.simplefilter('ignore')
            tree = compile(source, filename, 'exec', ast.PyCF_ONLY_AST, dont_inherit=True)
            # Compiling to bytecode (never running it) also reports what only the compiler
            # sees: 'return' outside function, 'await' outside async function, ...
            compile(tree, filename, 'exec', dont_inherit=True)
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
