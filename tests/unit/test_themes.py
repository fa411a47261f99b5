from journal import paths
from journal.tui.themes import load_themes


def test_bundled_themes_load_dark_and_light():
    themes, problems = load_themes(paths.bundled_themes_dir())
    assert problems == []
    by_name = {t.name: t for t in themes}
    assert by_name["tricot-dark"].dark and not by_name["tricot-light"].dark


def test_a_broken_user_theme_is_reported_and_the_good_ones_still_load(tmp_path):
    (tmp_path / "broken.toml").write_text("name = 'x'\nprimary = 'not a colour'\n")
    (tmp_path / "typo.toml").write_text("name = 'y'\nprimary = '#fff'\nprimry = '#000'\n")
    (tmp_path / "bad-toml.toml").write_text("name = \n")
    (tmp_path / "mine.toml").write_text("name = 'mine'\nprimary = '#336699'\n")
    themes, problems = load_themes(paths.bundled_themes_dir(), tmp_path)
    assert "mine" in {t.name for t in themes}
    assert sorted(p.split(":")[0] for p in problems) == ["bad-toml.toml", "broken.toml", "typo.toml"]
