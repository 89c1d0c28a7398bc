"""The reports' JSON writer gives json.dumps's bytes (indent=2, ensure_ascii=False) for any data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.comparison.compare import compare
from tracker.read.files import load_document
from tracker.render.document import document_json
from tracker.render.json import render_json
from tracker.render.jsontext import dumps

SEEDS = Path(__file__).resolve().parent.parent / "letters" / "oekraine-steun"

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
)
json_data = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
    ),
    max_leaves=30,
)


def expected(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


@given(json_data)
def test_same_bytes_as_json_dumps(data: Any) -> None:
    assert dumps(data) == expected(data)


def test_keys_that_are_not_strings_are_written_as_json_writes_them() -> None:
    # 1 and True are one key to a dict, but json writes them "1" and "true".
    data = [{1: "a", 2.5: [], None: [1, {"x": None}]}, {True: {}}, {1.0: 0}]
    assert dumps(data) == expected(data)


def test_what_json_cannot_write_fails_as_json_fails() -> None:
    with pytest.raises(TypeError):
        dumps({"a": [object()]})


def test_a_real_letters_document_json() -> None:
    for letter in sorted(SEEDS.glob("*.txt")):
        data = document_json(load_document(letter))
        assert dumps(data) == expected(data)


def test_a_real_comparison() -> None:
    letters = sorted(SEEDS.glob("*.txt"))
    comparison = compare(load_document(letters[1]), load_document(letters[3]))
    text = render_json(comparison)
    assert text == expected(json.loads(text)) + "\n"
