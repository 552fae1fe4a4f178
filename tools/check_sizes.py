"""Fails when a function grows past a screen or a class past a chapter (make lint).

A definition may stay longer when it is a table of data clearer whole: mark it with a comment
`# size: <why>` on the line above the def or class."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

MAX_FUNCTION_LINES = 80
MAX_CLASS_LINES = 300


def oversized(path: Path) -> list[str]:
    """Every definition in path longer than its limit and not marked as a table."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for node in ast.walk(ast.parse("\n".join(lines), filename=str(path))):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            limit, kind = MAX_FUNCTION_LINES, "function"
        elif isinstance(node, ast.ClassDef):
            limit, kind = MAX_CLASS_LINES, "class"
        else:
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        length = (node.end_lineno or node.lineno) - first + 1
        marked = first >= 2 and lines[first - 2].strip().startswith("# size:")
        if length > limit and not marked:
            found.append(
                f"{path}:{node.lineno}: {kind} {node.name} is {length} lines (max {limit})"
            )
    return found


def main(roots: list[str]) -> int:
    problems = [p for root in roots for f in sorted(Path(root).rglob("*.py")) for p in oversized(f)]
    print(
        "\n".join(problems)
        or f"sizes ok: no function over {MAX_FUNCTION_LINES} lines, no class over {MAX_CLASS_LINES}"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["assistant"]))
