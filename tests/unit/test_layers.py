"""Dependencies point inward; the headless core never loads Textual (start-up speed)."""

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "journal"


def test_core_and_cli_do_not_load_textual():
    code = (
        "import sys, journal.domain.models, journal.domain.mentions, journal.store.repository, "
        "journal.export.markdown, journal.importers.jrnl, journal.cli; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=PACKAGE.parent)
    assert out.stdout.strip() == "[]"


def imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_store_imports_tinydb():
    offenders = [
        str(p.relative_to(PACKAGE))
        for p in PACKAGE.rglob("*.py")
        if "store" not in p.parts and any(n.split(".")[0] == "tinydb" for n in imports_of(p))
    ]
    assert offenders == []


def test_domain_uses_nothing_of_the_project_but_clock_and_itself():
    for path in (PACKAGE / "domain").rglob("*.py"):
        project = {n for n in imports_of(path) if n.split(".")[0] == "journal"}
        assert all(n.startswith(("journal.domain", "journal.clock")) for n in project), (path, project)


def test_only_leaf_utilities_are_shared_across_layers():
    """i18n, clock, text and files import nothing of the project's, so every layer may use them."""
    for leaf in ("i18n.py", "clock.py", "text.py", "files.py"):
        project = {n for n in imports_of(PACKAGE / leaf) if n.split(".")[0] == "journal"}
        assert project == set(), (leaf, project)


def test_store_does_not_reach_up_into_tui_cli_or_export():
    for path in (PACKAGE / "store").rglob("*.py"):
        assert not any(n.startswith(("journal.tui", "journal.cli", "journal.export")) for n in imports_of(path)), path


def test_nothing_reads_the_wall_clock_outside_clock_py():
    for path in PACKAGE.rglob("*.py"):
        if path.name == "clock.py":
            continue
        text = path.read_text(encoding="utf-8")
        assert "date.today()" not in text and "datetime.now(" not in text, path
