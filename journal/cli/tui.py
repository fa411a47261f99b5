"""`tricot` with no command: the app itself. The only path that imports Textual."""

from __future__ import annotations

from journal import paths
from journal.cli.common import EXIT_DATA, EXIT_OK, Context


def run(ctx: Context) -> int:
    from journal.i18n import set_language
    from journal.store import JournalError
    from journal.store.repository import JournalRepository
    from journal.store.settings_file import load_settings

    settings, settings_problem = load_settings(paths.settings_file())
    set_language(settings.language)
    try:
        repository, problem = JournalRepository.open(ctx.data_dir, ctx.clock), None
    except JournalError as error:
        repository, problem = None, error
    from journal.tui.app import make_app

    app = make_app(
        repository,
        ctx.clock,
        settings,
        problem=problem,
        notices=[settings_problem] if settings_problem else [],
        settings_path=paths.settings_file(),
        data_dir=ctx.data_dir,
    )
    app.run()
    return EXIT_DATA if problem else EXIT_OK
