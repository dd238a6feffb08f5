import numpy as np
import pytest

from isingneuron.booktools import round_significant


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
