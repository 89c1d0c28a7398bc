"""The redline inside a section pair: sentences aligned, then words inside changed sentences."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace

from rapidfuzz.distance import Indel

from tracker.model import EditOp, Language, Paragraph, Section, SentenceEdit, WordEdit
from tracker.text.sentences import split_sentences
from tracker.text.words import text_key

# Two sentences sharing this share of their words (0..1, in order) or more are one sentence
# rewritten and get a word-level redline; below it, the old one was dropped and a new one
# written, which reads better as a deletion and an insertion than as a redline of every word.
# Words, not characters: two unrelated sentences of one language share half their letters.
MIN_SENTENCE_SIMILARITY = 0.5


def redline(
    old: Sequence[Section], new: Sequence[Section], language: Language
) -> tuple[SentenceEdit, ...]:
    """Sentence edits turning the old sections' text into the new sections' text.

    Several sections on a side (split, merged) are read as one text; paragraph indices count
    blocks (paragraphs and tables) across them. Table rows take part as one "sentence" each.
    Sentences equal but for white space and hyphens are equal.
    """
    old_blocks, new_blocks = _blocks(old), _blocks(new)
    # Paragraphs first: an unchanged paragraph needs no sentence splitting, and most of a
    # changed section's paragraphs are unchanged. It stays one "equal" edit.
    matcher = difflib.SequenceMatcher(
        None, [key for _, _, key in old_blocks], [key for _, _, key in new_blocks], autojunk=False
    )
    edits: list[SentenceEdit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for (i, a, _), (j, b, _) in zip(old_blocks[i1:i2], new_blocks[j1:j2], strict=True):
                edits.append(SentenceEdit("equal", a, b, j, old_paragraph=i))
        else:
            old_units = _units(old_blocks[i1:i2], language)
            new_units = _units(new_blocks[j1:j2], language)
            edits.extend(_sentence_edits(old_units, new_units))
    return _mark_moves(edits)


def word_edits(old: str, new: str) -> tuple[WordEdit, ...]:
    """Word runs (equal/replace/delete/insert) turning `old` into `new`.

    Words are compared without hyphens, so a word hyphenated differently is the same word;
    a deletion next to an insertion is one replacement, as difflib would say.
    """
    old_words, new_words = old.split(), new.split()
    opcodes = Indel.opcodes([text_key(w) for w in old_words], [text_key(w) for w in new_words])
    merged: list[tuple[EditOp, int, int, int, int]] = []
    for opcode in opcodes:
        i1, i2, j1, j2 = opcode.src_start, opcode.src_end, opcode.dest_start, opcode.dest_end
        op: EditOp = "equal" if opcode.tag == "equal" else "delete" if i2 > i1 else "insert"
        if merged and op != "equal" and merged[-1][0] != "equal":
            # Runs of changes next to each other cover contiguous ranges on both sides.
            _, a1, _, b1, _ = merged[-1]
            merged[-1] = ("replace", a1, i2, b1, j2)
            continue
        merged.append((op, i1, i2, j1, j2))
    edits: list[WordEdit] = []
    for op, i1, i2, j1, j2 in merged:
        before, after = " ".join(old_words[i1:i2]), " ".join(new_words[j1:j2])
        if op == "replace" and text_key(before) == text_key(after):
            op = "equal"  # only the hyphenation or spacing differs ("burden- sharing")
        edits.append(WordEdit(op, before, after))
    return tuple(edits)


def _blocks(sections: Sequence[Section]) -> list[tuple[int, str, str]]:
    """(block index, text, key) for every paragraph and table of the sections, in order.

    A table's text is its rows, one per line, cells joined by " | ".
    """
    blocks: list[tuple[int, str, str]] = []
    for section in sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                text = block.text
            else:
                text = "\n".join(" | ".join(row) for row in (block.header, *block.rows))
            blocks.append((len(blocks), text, text_key(text)))
    return blocks


def _units(blocks: list[tuple[int, str, str]], language: Language) -> list[tuple[int, str]]:
    """(block index, sentence) for every sentence of the blocks; a table row is a sentence."""
    units: list[tuple[int, str]] = []
    for index, text, _ in blocks:
        units.extend((index, sentence) for sentence in split_sentences(text, language))
    return units


def _sentence_edits(
    old_units: list[tuple[int, str]], new_units: list[tuple[int, str]]
) -> list[SentenceEdit]:
    """Sentence edits between two runs of changed paragraphs."""
    old_keys = [text_key(text) for _, text in old_units]
    new_keys = [text_key(text) for _, text in new_units]
    matcher = difflib.SequenceMatcher(None, old_keys, new_keys, autojunk=False)
    edits: list[SentenceEdit] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                edits.append(_equal(old_units[i], new_units[j]))
        else:
            edits.extend(_rewrite(old_units[i1:i2], new_units[j1:j2]))
    return edits


def _equal(old: tuple[int, str], new: tuple[int, str]) -> SentenceEdit:
    return SentenceEdit("equal", old[1], new[1], new[0], old_paragraph=old[0])


def _rewrite(old: list[tuple[int, str]], new: list[tuple[int, str]]) -> list[SentenceEdit]:
    """Edits for a run of old sentences replaced by a run of new ones.

    Each old sentence is paired, in order, with the most similar later new sentence when they
    are similar enough to be one sentence rewritten; the rest are deleted or inserted.
    """
    edits: list[SentenceEdit] = []
    new_words = [text.split() for _, text in new]
    j = 0
    for par, text in old:
        best, best_ratio = -1, MIN_SENTENCE_SIMILARITY - 1e-9
        words = text.split()
        for k in range(j, len(new)):
            ratio = Indel.normalized_similarity(words, new_words[k])
            if ratio > best_ratio:  # strictly greater: the earliest of equals wins
                best, best_ratio = k, ratio
        if best < 0:
            edits.append(SentenceEdit("delete", text, "", par, old_paragraph=par))
            continue
        for k in range(j, best):
            edits.append(SentenceEdit("insert", "", new[k][1], new[k][0]))
        new_par, new_text = new[best]
        runs = word_edits(text, new_text)
        edits.append(SentenceEdit("replace", text, new_text, new_par, runs, old_paragraph=par))
        j = best + 1
    for k in range(j, len(new)):
        edits.append(SentenceEdit("insert", "", new[k][1], new[k][0]))
    return edits


def _mark_moves(edits: list[SentenceEdit]) -> tuple[SentenceEdit, ...]:
    """A sentence deleted in one place and inserted unchanged in another is one moved sentence.

    The move is shown where the sentence now stands; its old place drops out of the redline.
    """
    deleted: dict[str, list[int]] = {}
    for position, edit in enumerate(edits):
        if edit.op == "delete":
            deleted.setdefault(text_key(edit.old), []).append(position)
    if not deleted:
        return tuple(edits)
    dropped: set[int] = set()
    result = list(edits)
    for position, edit in enumerate(edits):
        if edit.op != "insert":
            continue
        places = deleted.get(text_key(edit.new))
        if places:
            origin = places.pop(0)
            dropped.add(origin)
            result[position] = replace(
                edit, op="moved", old=edits[origin].old, old_paragraph=edits[origin].paragraph
            )
    return tuple(e for position, e in enumerate(result) if position not in dropped)
