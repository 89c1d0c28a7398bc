"""`tracker compare` reads a large pair on two cores: the same letters and figures as one core,
errors in the order one core meets them, and a child that dies leaves its letter to the parent."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from conftest import SEEDS

from tracker.cli.pair import read_pair
from tracker.errors import InputError
from tracker.figures.find import find_figures
from tracker.model import Document
from tracker.read.files import dated, load_document

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="two cores are used where fork starts processes"
)


def read(path: Path) -> Document:
    return dated(load_document(path))


def test_two_cores_give_what_one_gives() -> None:
    old, new = SEEDS["news"], SEEDS["delivery"]
    old_doc, new_doc, found = read_pair(old, new, read, least=0, spare=True)
    assert found is not None, "the pair was read in one process"
    assert (old_doc, new_doc) == (read(old), read(new))
    assert found == (find_figures(read(old)), find_figures(read(new)))


def test_a_small_pair_is_read_in_one_process() -> None:
    assert read_pair(SEEDS["news"], SEEDS["delivery"], read, spare=True)[2] is None


def test_errors_come_in_the_order_one_core_meets_them(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "binary.txt"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(InputError, match="empty"):
        read_pair(empty, binary, read, least=0, spare=True)
    with pytest.raises(InputError, match=r"binary\.txt"):
        read_pair(SEEDS["news"], binary, read, least=0, spare=True)


def test_a_child_that_dies_leaves_its_letter_to_the_parent() -> None:
    parent = os.getpid()

    def dies_in_the_child(path: Path) -> Document:
        if os.getpid() != parent:
            os._exit(3)
        return read(path)

    old, new = SEEDS["news"], SEEDS["delivery"]
    old_doc, _, found = read_pair(old, new, dies_in_the_child, least=0, spare=True)
    assert found is not None
    assert (old_doc, found[0]) == (read(old), find_figures(read(old)))
