"""The shape of the code that the design relies on: one edit path, one registry of kinds."""

from __future__ import annotations

import ast
from pathlib import Path

from models.documents import DOCUMENT_KINDS
from saved.reports import SECTIONS
from tui.kinds import SCREENS

ROOT = Path(__file__).resolve().parent.parent
#: Names that hold an open document or a model inside it in the UI code.
DOCUMENT_NAMES = {"document", "case", "doc", "board", "item", "maturity", "model"}


def _mutations(tree: ast.AST) -> list[int]:
    """Lines that assign to an attribute of a document (or call setattr), outside `change`
    functions, which exist to be handed to DocumentSession.apply."""
    found: list[int] = []

    def visit(node: ast.AST, in_change: bool) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            in_change = in_change or node.name == "change"
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            base = target.value if isinstance(target, ast.Attribute) else None
            while isinstance(base, ast.Attribute):
                if base.attr in DOCUMENT_NAMES:
                    break
                base = base.value
            named = isinstance(base, ast.Name) and base.id in DOCUMENT_NAMES or isinstance(base, ast.Attribute) and base.attr in DOCUMENT_NAMES
            if named and not in_change:
                found.append(node.lineno)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "setattr" and not in_change:
            found.append(node.lineno)
        for child in ast.iter_child_nodes(node):
            visit(child, in_change)

    visit(tree, False)
    return found


def test_documents_change_only_through_the_document_session():
    session = ROOT / "tui" / "document" / "session.py"
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in sorted((ROOT / "tui").rglob("*.py"))
        if path != session and (lines := _mutations(ast.parse(path.read_text())))
    }
    assert offenders == {}


def test_the_check_sees_a_mutation():
    tree = ast.parse("def f(self):\n    self.document.title = 'x'\n    setattr(doc, 'notes', '')\ndef change(board):\n    board.items = []\n")
    assert _mutations(tree) == [2, 3]


def test_every_kind_has_a_model_a_screen_and_a_report():
    assert set(DOCUMENT_KINDS) == set(SCREENS) == set(SECTIONS)


def test_every_tool_has_its_folder():
    for folder in ("tui/case/gauge", "tui/case/network", "tui/exnovation", "tui/supervision", "tui/home", "tui/document", "saved/reports"):
        assert (ROOT / folder / "__init__.py").is_file(), folder
    assert not (ROOT / "tui" / "screens").exists()


def _calls(path: Path, name: str) -> list[ast.Call]:
    return [node for node in ast.walk(ast.parse(path.read_text())) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == name]


def test_lists_of_choices_show_their_labels_as_text():
    """Textual's Select and OptionList read a str label as markup: a name with "[/]" was a
    MarkupError. Every Select is a TextSelect (tui/widgets/text_select.py); every OptionList
    says markup=False (PeopleList, a subclass, passes it on)."""
    made_here = ROOT / "tui" / "widgets" / "text_select.py"
    selects = {str(path.relative_to(ROOT)) for path in (ROOT / "tui").rglob("*.py") if path != made_here and _calls(path, "Select")}
    option_lists = {
        str(path.relative_to(ROOT))
        for path in (ROOT / "tui").rglob("*.py")
        for call in _calls(path, "OptionList")
        if not any(keyword.arg == "markup" and isinstance(keyword.value, ast.Constant) and keyword.value.value is False for keyword in call.keywords)
    }
    assert (selects, option_lists) == (set(), set())
