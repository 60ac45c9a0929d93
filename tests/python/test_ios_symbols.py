"""The Swift app against the generated Swift bindings, without a Swift compiler.

1. Every Swift file under ios/ parses (tree-sitter-swift: syntax only, not types).
2. Every call the app makes on the core (`core.name(label: ...)`), every binding type it
   constructs (`LabInput(analyte: ...)`) and every free binding function it calls exists in
   target/bindings/swift/QuietLegsCore.swift with those argument labels in that order
   (parameters with a default may be left out).

Not verified here (needs Xcode): types of the arguments, enum cases, and SwiftUI itself.
"""
from __future__ import annotations

import pathlib

import pytest

import tree_sitter as ts  # tests/run installs tree-sitter and tree-sitter-swift (pip)
import tree_sitter_swift as tss

ROOT = pathlib.Path(__file__).resolve().parents[2]
BINDINGS = ROOT / "target" / "bindings" / "swift" / "QuietLegsCore.swift"
APP = sorted((ROOT / "ios").rglob("*.swift"))
PARSER = ts.Parser(ts.Language(tss.language()))


def parse(path: pathlib.Path):
    return PARSER.parse(path.read_bytes())


def walk(node):
    yield node
    for child in node.children:
        yield from walk(child)


def text(node) -> str:
    return node.text.decode()


def params(decl) -> list[tuple[str | None, bool]]:
    """(external label or None for `_`, has a default) for each parameter of a func/init."""
    out = []
    kids = decl.children
    for i, c in enumerate(kids):
        if c.type != "parameter":
            continue
        names = [k for k in c.children if k.type == "simple_identifier"]
        label = text(names[0]) if names else None
        has_default = i + 1 < len(kids) and kids[i + 1].type == "="
        out.append((None if label == "_" else label, has_default))
    return out


def decl_name(decl) -> str | None:
    for c in decl.children:
        if c.type == "simple_identifier":
            return text(c)
    return None


class Bindings:
    def __init__(self, tree):
        self.methods: dict[str, list] = {}   # QuietLegs(Protocol) methods
        self.functions: dict[str, list] = {}  # free functions
        self.inits: dict[str, list] = {}      # type -> init parameter lists
        self.types: set[str] = set()
        for n in walk(tree.root_node):
            if n.type in ("class_declaration", "protocol_declaration"):
                name = next((text(c) for c in n.children if c.type == "type_identifier"), None)
                if name is None:
                    continue
                self.types.add(name)
                body = next((c for c in n.children if c.type in ("class_body", "protocol_body", "enum_class_body")), None)
                if body is None:
                    continue
                for m in body.children:
                    if m.type in ("function_declaration", "protocol_function_declaration") and name in ("QuietLegs", "QuietLegsProtocol"):
                        self.methods.setdefault(decl_name(m), []).append(params(m))
                    if m.type == "init_declaration":
                        self.inits.setdefault(name, []).append(params(m))
            if n.type == "function_declaration" and n.parent is not None and n.parent.type == "source_file":
                self.functions.setdefault(decl_name(n), []).append(params(n))


def call_labels(call) -> list[str | None]:
    suffix = next((c for c in call.children if c.type == "call_suffix"), None)
    if suffix is None:
        return []
    args = next((c for c in suffix.children if c.type == "value_arguments"), None)
    if args is None:
        return []  # only a trailing closure
    out = []
    for a in args.children:
        if a.type != "value_argument":
            continue
        label = next((c for c in a.children if c.type == "value_argument_label"), None)
        out.append(text(label).strip() if label is not None else None)
    return out


def matches(labels: list[str | None], signature: list[tuple[str | None, bool]]) -> bool:
    i = 0
    for label, has_default in signature:
        if i < len(labels) and labels[i] == label:
            i += 1
        elif not has_default:
            return False
    return i == len(labels)


@pytest.fixture(scope="module")
def bindings() -> Bindings:
    if not BINDINGS.exists():
        pytest.fail(f"{BINDINGS} missing: run bindings/generate first")
    return Bindings(parse(BINDINGS))


def test_there_is_swift_to_check():
    assert len(APP) >= 15


@pytest.mark.parametrize("path", APP, ids=lambda p: str(p.relative_to(ROOT)))
def test_swift_parses(path):
    tree = parse(path)
    bad = [n for n in walk(tree.root_node) if n.type == "ERROR" or n.is_missing]
    where = [f"{path.name}:{n.start_point[0] + 1}: {text(n)[:60]!r}" for n in bad]
    assert not where, "syntax errors:\n" + "\n".join(where)


def core_uses():
    """(file:line, kind, name, labels) for each call into the core the app makes."""
    uses = []
    for path in APP:
        for n in walk(parse(path).root_node):
            if n.type != "call_expression" or not n.children:
                continue
            f = n.children[0]
            at = f"{path.relative_to(ROOT)}:{n.start_point[0] + 1}"
            if f.type == "navigation_expression":
                receiver = text(f.children[0])
                suffix = f.children[-1]
                name = next((text(c) for c in suffix.children if c.type == "simple_identifier"), None)
                if name and (receiver == "core" or receiver.endswith(".core")):
                    uses.append((at, "method", name, call_labels(n)))
            elif f.type == "simple_identifier":
                uses.append((at, "bare", text(f), call_labels(n)))
    return uses


def test_every_core_call_exists_with_its_labels(bindings):
    problems = []
    checked = 0
    for at, kind, name, labels in core_uses():
        if kind == "method":
            sigs = bindings.methods.get(name)
            what = f"QuietLegs.{name}"
        elif name in bindings.types:
            sigs = bindings.inits.get(name, [])
            what = f"{name}.init"
        elif name in bindings.functions:
            sigs = bindings.functions[name]
            what = name
        else:
            continue  # the app's own function or a Swift/SwiftUI one
        checked += 1
        if not sigs:
            problems.append(f"{at}: {what} does not exist in the bindings")
        elif not any(matches(labels, s) for s in sigs):
            want = " | ".join("(" + ", ".join(f"{l or '_'}:" + ("=" if d else "") for l, d in s) + ")" for s in sigs)
            got = "(" + ", ".join(f"{l or '_'}:" for l in labels) + ")"
            problems.append(f"{at}: {what}{got} but the bindings have {want}")
    assert checked >= 30, f"only {checked} core calls found: is the walk still finding them?"
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_wrong_label(bindings):
    """The matcher itself: a renamed label or a missing argument is caught."""
    sig = bindings.methods["addLab"][0]
    right = [label for label, _ in sig]
    assert matches(right, sig)
    assert not matches(["wrong"] + right[1:], sig)
    assert "reconcileReminders" in bindings.methods
