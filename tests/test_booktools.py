from pathlib import Path

import numpy as np
import pytest

from isingneuron.booktools import (
    GLUE_MIME_PREFIX,
    data_files,
    data_path,
    format_small,
    glue_number,
    round_significant,
    stable_round,
)


def test_round_significant():
    assert round_significant(np.float64(0.13157296846176406), 10) == 0.1315729685
    assert round_significant(0.13157296846176403, 10) == round_significant(0.13157296846176406, 10)
    assert type(round_significant(np.float32(1.5))) is float


@pytest.mark.parametrize(
    ("value", "digits", "match"),
    [
        (np.nan, 5, "value must be finite"),
        (1.0, 0, "digits must be"),
        (1.0, 18, "digits must be"),
    ],
)
def test_round_significant_rejects_bad_input(value, digits, match):
    with pytest.raises(ValueError, match=match):
        round_significant(value, digits)


# ---------------------------------------------------------------------------
# glue_number writes what myst_nb.glue writes, without needing myst_nb
# ---------------------------------------------------------------------------


class _Shell:
    """Stands in for a running IPython kernel: get_ipython() is not None."""


def _captured(monkeypatch, call):
    import IPython
    import IPython.display

    seen = []
    monkeypatch.setattr(IPython, "get_ipython", lambda: _Shell())
    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: seen.append((a, k)))
    call()
    return seen


@pytest.mark.parametrize("value", [0.5, np.float64(2.718281828459045), -1234.5678, 3, 0.0])
def test_glue_number_writes_what_myst_nb_glue_writes(monkeypatch, value):
    myst_glue = pytest.importorskip("myst_nb.ext.glue")
    ours = _captured(monkeypatch, lambda: glue_number("key", value))
    theirs = []
    monkeypatch.setattr(myst_glue, "ipy_display", lambda *a, **k: theirs.append((a, k)))
    myst_glue.glue("key", round_significant(value, 6), display=False)
    assert ours == theirs
    assert ours[0][0][0] == {GLUE_MIME_PREFIX + "text/plain": repr(round_significant(value, 6))}


def test_glue_number_outside_ipython_does_nothing(capsys):
    assert glue_number("key", 1.0) is None
    assert capsys.readouterr() == ("", "")


def test_glue_number_without_myst_nb(monkeypatch):
    # A chapter opened alone (Colab) has no myst_nb: glue_number must not need it.
    import sys

    monkeypatch.setitem(sys.modules, "myst_nb", None)  # import myst_nb -> ImportError
    seen = _captured(monkeypatch, lambda: glue_number("k", 1e-15))
    assert seen[0][0][0] == {GLUE_MIME_PREFIX + "text/plain": "0.0"}  # noise stored as 0


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"name": "", "value": 1.0}, "name must be"),
        ({"name": 3, "value": 1.0}, "name must be"),
        ({"name": "k", "value": np.inf}, "value must be finite"),
        ({"name": "k", "value": "x"}, "value must be a finite real number"),
        ({"name": "k", "value": 1.0, "digits": 2.5}, "digits must be"),
        ({"name": "k", "value": 1.0, "noise": -1e-9}, "noise must be"),
        ({"name": "k", "value": 1.0, "noise": True}, "noise must be"),
        ({"name": "k", "value": 1.0, "zero_below": np.nan}, "zero_below must be"),
        ({"name": "k", "value": 0.1234565}, "rounding boundary at 6"),
    ],
)
def test_glue_number_rejects(kwargs, match):
    with pytest.raises(ValueError, match=match):
        glue_number(**kwargs)


# ---------------------------------------------------------------------------
# stable_round: the shown digits do not depend on last-bit noise
# ---------------------------------------------------------------------------


def test_stable_round_refuses_ties_and_near_ties():
    for x, d in [(2.3175, 4), (1.25, 2), (-0.000123455, 5), (0.15, 1)]:
        with pytest.raises(ValueError, match="rounding boundary"):
            stable_round(x, d)
    # within noise of a boundary, on either side
    for eps in (3e-10, -3e-10):
        with pytest.raises(ValueError):
            stable_round(2.3175 * (1 + eps), 4)
    assert stable_round(2.3175 * (1 + 3e-10), 4, noise=1e-10) == 2.318
    assert stable_round(2.3175 * (1 - 3e-10), 4, noise=1e-10) == 2.317
    assert stable_round(2.3175, 4, noise=0) == round_significant(2.3175, 4)


def test_stable_round_property_random_values():
    # For random values away from a boundary, every value within the noise rounds alike.
    rng = np.random.default_rng(7)
    x = rng.uniform(-1e3, 1e3, 2000)
    for v in x:
        try:
            r = stable_round(v, 5, noise=1e-7)
        except ValueError:
            continue
        for f in (1 - 9e-8, 1 + 9e-8):
            assert round_significant(v * f, 5) == r


# ---------------------------------------------------------------------------
# data shipped inside the package
# ---------------------------------------------------------------------------


def test_data_files_ship_with_the_package():
    import isingneuron

    names = data_files()
    assert {"criticality.npz", "learning_experiment.npz"} <= set(names)
    for name in names:
        path = data_path(name)
        assert path.is_file()
        assert path.resolve().is_relative_to(Path(isingneuron.__file__).resolve().parent)
        with np.load(path) as z:
            assert z.files


def test_data_path_rejects_unknown_names():
    with pytest.raises(ValueError, match="name must be one of"):
        data_path("nope.npz")
    with pytest.raises(ValueError, match="name must be one of"):
        data_path("../booktools.py")


def test_format_small():
    assert format_small(3.7e-14, 1e-12) == format_small(-3.8e-14, 1e-12) == "< 1e-12"
    assert format_small(0.0, 1e-5) == "< 1e-05"
    assert format_small(-0.94, 1e-12) == "-9.4e-01"
    assert format_small(np.float64(2.5e-3), 1e-5, ".4f") == "0.0025"
    for bad in ({"value": np.nan, "floor": 1e-12}, {"value": 1.0, "floor": 0}):
        with pytest.raises(ValueError):
            format_small(**bad)
    with pytest.raises(ValueError, match="fmt"):
        format_small(1.0, 1e-12, fmt=3)


def test_no_negative_zero_anywhere(monkeypatch):
    assert format_small(-1e-4, 1e-12, ".3f") == "0.000"
    assert format_small(-1e-4, 1e-12, ",.2f") == "0.00"
    assert format_small(-1e-4, 1e-12, ".0%") == "0%"
    assert format_small(-0.5, 1e-12, ".0%") == "-50%"
    assert format_small(-1.5e-5, 1e-12, ".1e") == "-1.5e-05"
    seen = _captured(monkeypatch, lambda: glue_number("k", -0.0, zero_below=0))
    assert seen[0][0][0] == {GLUE_MIME_PREFIX + "text/plain": "0.0"}


@pytest.mark.parametrize("value", [True, np.bool_(False), "0.25", b"1"])
def test_booleans_and_strings_are_not_numbers(value):
    for call in (
        lambda: round_significant(value),
        lambda: stable_round(value),
        lambda: glue_number("k", value),
        lambda: format_small(value, 1e-12),
    ):
        with pytest.raises(ValueError, match="value must be a finite real number"):
            call()


@pytest.mark.parametrize("noise", [-1, 5, "x", True, np.nan])
def test_stable_round_validates_noise(noise):
    with pytest.raises(ValueError, match="noise must be"):
        stable_round(0.3, 4, noise=noise)


def test_digits_finer_than_the_noise_are_refused_clearly():
    with pytest.raises(ValueError, match="digits=10 asks for a relative precision"):
        stable_round(0.5, 10)
    assert stable_round(0.5, 10, noise=0) == 0.5
    assert stable_round(0.123456789, 9) == 0.123456789


def test_glue_figure_writes_what_myst_nb_glue_writes(monkeypatch):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from isingneuron.booktools import glue_figure

    myst_glue = pytest.importorskip("myst_nb.ext.glue")
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.core.pylabtools import select_figure_formats

    select_figure_formats(InteractiveShell.instance(), {"png"})  # what the inline backend does
    fig, ax = plt.subplots()
    ax.plot([0, 1])
    ours = _captured(monkeypatch, lambda: glue_figure("fig-key", fig))
    theirs = []
    monkeypatch.setattr(myst_glue, "ipy_display", lambda *a, **k: theirs.append((a, k)))
    myst_glue.glue("fig-key", fig, display=False)
    assert ours == theirs
    assert GLUE_MIME_PREFIX + "image/png" in ours[0][0][0]
    plt.close(fig)
    empty = plt.figure()  # IPython shows no image of an empty figure: refuse, loudly
    with pytest.raises(RuntimeError, match="no PNG"):
        _captured(monkeypatch, lambda: glue_figure("fig-empty", empty))
    plt.close(empty)


def test_glue_text_stores_the_text_itself(monkeypatch):
    from isingneuron.booktools import glue_text

    seen = _captured(monkeypatch, lambda: glue_text("verdict", "worse, within the margin"))
    assert seen[0][0][0] == {GLUE_MIME_PREFIX + "text/plain": "worse, within the margin"}
    assert seen[0][1]["metadata"]["scrapbook"]["name"] == "verdict"
    for bad in ("", "a\nb", 3):
        with pytest.raises(ValueError, match="text"):
            glue_text("k", bad)


def test_data_path_reads_a_folder_named_by_the_environment(monkeypatch, tmp_path):
    from isingneuron.booktools import DATA_ENV, data_files, data_path, save_data

    package = data_path("criticality.npz")
    save_data(tmp_path / "only.npz", {"x": np.arange(3)})
    save_data(tmp_path / "criticality.npz", {"x": np.arange(3)})
    monkeypatch.setenv(DATA_ENV, str(tmp_path))
    assert data_files() == ["criticality.npz", "learning_experiment.npz", "only.npz"]
    assert data_path("only.npz") == tmp_path / "only.npz"
    assert data_path("criticality.npz") == tmp_path / "criticality.npz"  # the folder first
    assert data_path("learning_experiment.npz").parent == package.parent  # then the package
    with pytest.raises(ValueError, match="only.npz"):
        data_path("missing.npz")
    monkeypatch.setenv(DATA_ENV, str(tmp_path / "missing"))
    with pytest.raises(ValueError, match=DATA_ENV):
        data_files()


def test_save_data_records_provenance(tmp_path):
    from isingneuron.booktools import provenance, read_provenance, save_data

    f = save_data(tmp_path / "sub" / "x.npz", {"x": np.ones(2)}, run={"script": "s.py", "args": []})
    info = read_provenance(f)
    assert info == provenance() | {
        "git_commit": info["git_commit"],
        "run": {"script": "s.py", "args": []},
    }
    assert info["numpy"] == np.__version__ and info["cpu"]
    with pytest.raises(ValueError, match="provenance"):
        save_data(tmp_path / "y.npz", {"provenance": 1})
    np.savez(tmp_path / "old.npz", x=1)
    assert read_provenance(tmp_path / "old.npz") == {}
