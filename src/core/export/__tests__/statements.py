"""Python's own answer for the export tests: which statements an export holds.

Reads a JSON list of jobs on stdin, writes a JSON list of problems (one string or null per
job) on stdout. A job: {"text": export, "module": bool, "cells": [Python source of each code
cell the export may hold], "exact": bool}. The export is compiled from its UTF-8 bytes, as
`python file.py` reads it (an encoding declaration applies). Its statements, with imports
(hoisting merges them) and what the writer generates left aside, must be the statements of the cells (a cell Python
rejects has none): the same multiset when `exact`, else part of it. A job {"probe": text}
answers how many statements Python reads in the text (or the error's name) and how many lines
`str.splitlines` finds in it. A job {"docstrings": text} answers the docstring of the module and
of each top-level function, as Python reads them (or the error's name).
"""

import ast
import json
import sys
from collections import Counter


def statements(source):
    try:
        return [ast.dump(node) for node in ast.parse(source).body if not generated(node)]
    except SyntaxError:
        return []


def generated(node):
    """Imports (hoisted, or IPython's), `get_ipython()` calls (magics mode "ipython")."""
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        return True
    return "get_ipython" in ast.dump(node)


def module_statements(tree):
    """Top-level code and the bodies of main()'s section functions, without the frame."""
    entry = None
    for node in tree.body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            entry = node.body[0].value.func.id
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    sections = set()
    for node in ast.walk(functions[entry]):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            sections.add(node.func.id)
    frame = sections | {entry, "parse_arguments"}
    out = []
    for node in tree.body:
        if isinstance(node, ast.If) and "__main__" in ast.unparse(node.test):
            continue
        if node is tree.body[0] and ast.get_docstring(tree, clean=False) is not None:
            continue  # the module docstring, from the notebook's leading markdown
        if isinstance(node, ast.FunctionDef) and node.name in frame:
            if node.name in sections:
                body = node.body[1:]  # the docstring
                out.extend(
                    n for n in body if not isinstance(n, (ast.Global, ast.Return, ast.Pass))
                )
            continue
        out.append(node)
    return out


def check(job):
    try:
        tree = ast.parse(job["text"].encode("utf-8"))
    except SyntaxError as error:
        return f"does not compile: {error}"
    nodes = module_statements(tree) if job.get("module") else tree.body
    found = Counter(ast.dump(n) for n in nodes if not generated(n))
    expected = Counter(s for cell in job["cells"] for s in statements(cell))
    extra = found - expected
    if extra:
        return f"statements no cell holds: {list(extra)}"
    if job.get("exact") and found != expected:
        return f"statements missing: {list(expected - found)}"
    return None


def probe(text):
    try:
        found = len(ast.parse(text.encode("utf-8")).body)
    except (SyntaxError, ValueError) as error:
        found = type(error).__name__
    return {"statements": found, "splitlines": len(text.splitlines())}


def docstrings(text):
    try:
        tree = ast.parse(text.encode("utf-8"))
    except (SyntaxError, ValueError) as error:
        return type(error).__name__
    return {
        "module": ast.get_docstring(tree, clean=False),
        "functions": {
            node.name: ast.get_docstring(node, clean=False)
            for node in tree.body if isinstance(node, ast.FunctionDef)
        },
    }


def answer(job):
    if "probe" in job:
        return probe(job["probe"])
    if "docstrings" in job:
        return docstrings(job["docstrings"])
    return check(job)


jobs = json.load(sys.stdin)
json.dump([answer(job) for job in jobs], sys.stdout)
