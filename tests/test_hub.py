"""tools/hub.py: nbgitpuller links that a hub understands, and the launch button's setting."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("hub", ROOT / "tools" / "hub.py")
hub = importlib.util.module_from_spec(spec)
spec.loader.exec_module(hub)


def test_link_is_an_nbgitpuller_link_to_the_chapter():
    url = hub.link("https://hub.example.edu/", "https://git.example.edu/o/book-x", "meanfield")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc) == ("https", "hub.example.edu")
    assert parts.path == "/hub/user-redirect/git-pull"
    query = parse_qs(parts.query, strict_parsing=True)
    # nbgitpuller clones into a folder named after the repository; urlpath opens the chapter there
    assert query == {
        "repo": ["https://git.example.edu/o/book-x"],
        "urlpath": ["lab/tree/book-x/book/meanfield.ipynb"],
        "branch": ["main"],
    }


def test_every_chapter_gets_a_link_in_reading_order():
    names = hub.chapters()
    assert names[:2] == ["intro", "magnet"] and "conclusion" in names
    assert all((ROOT / "book" / f"{n}.ipynb").exists() for n in names)


@pytest.mark.parametrize("bad", ["hub.example.edu", "ftp://x.org", "https://x.org/?a=1", ""])
def test_bad_addresses_are_refused_by_name(bad):
    with pytest.raises(ValueError, match="hub must be an http"):
        hub.link(bad, "https://git.example.edu/o/r", "intro")
    with pytest.raises(ValueError, match="repo must be an http"):
        hub.link("https://hub.example.edu", bad, "intro")


def test_config_gets_the_launch_button_and_keeps_everything_else():
    text = (ROOT / "_config.yml").read_text(encoding="utf-8")
    once = hub.set_jupyterhub_url("https://hub.example.edu/", text)
    twice = hub.set_jupyterhub_url("https://other.example.org", once)
    for new, expected in ((once, "https://hub.example.edu"), (twice, "https://other.example.org")):
        old, cfg = yaml.safe_load(text), yaml.safe_load(new)
        assert cfg["launch_buttons"].pop("jupyterhub_url") == expected
        old["launch_buttons"].pop("jupyterhub_url", None)
        assert cfg == old
    assert twice.count("jupyterhub_url") == 1
    # comments survive
    assert [ln for ln in text.splitlines() if ln.lstrip().startswith("#")] == [
        ln for ln in twice.splitlines() if ln.lstrip().startswith("#")
    ]
