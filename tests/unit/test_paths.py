"""Where data lives: overrides, and the family's folder kept apart from this computer's."""

from __future__ import annotations

from pathlib import Path

import platformdirs
import pytest

from bondcoach.storage import paths


def test_overrides_win(folders) -> None:
    assert paths.data_dir() == folders.data
    assert paths.state_dir() == folders.state
    assert paths.cache_dir() == folders.cache


@pytest.fixture
def no_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BONDCOACH_HOME", "BONDCOACH_STATE_DIR", "BONDCOACH_CACHE_DIR"):
        monkeypatch.delenv(name)


def test_linux_style_platforms_keep_their_own_folders(no_overrides, monkeypatch) -> None:
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: "/home/sam/.local/share/bc")
    monkeypatch.setattr(platformdirs, "user_state_dir", lambda *a, **k: "/home/sam/.local/state/bc")
    assert paths.data_dir() == Path("/home/sam/.local/share/bc")
    assert paths.state_dir() == Path("/home/sam/.local/state/bc")


def test_one_platform_folder_is_split_so_syncing_data_never_copies_the_device_id(
    no_overrides, monkeypatch
) -> None:
    # macOS and Windows give the same folder for data and state.
    shared = "/Users/sam/Library/Application Support/bondcoach"
    monkeypatch.setattr(platformdirs, "user_data_dir", lambda *a, **k: shared)
    monkeypatch.setattr(platformdirs, "user_state_dir", lambda *a, **k: shared)
    data, state = paths.data_dir(), paths.state_dir()
    assert data != state
    assert state not in data.parents and data not in state.parents
    assert paths.device_file().parent == state


def test_nothing_is_resolved_at_import_time() -> None:
    source = Path(paths.__file__).read_text(encoding="utf-8")
    top_level = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert not any("platformdirs" in line for line in top_level)
