"""The .docx zip package: its parts, found through their relationships and read within bounds."""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib

from lxml import etree

from tracker.errors import InputError

PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

# Bounds for a package: a letter's document.xml is well under a megabyte; 40 MB inflated
# leaves room for big tables while a zip bomb (gigabytes from kilobytes) is refused unread.
MAX_PART_BYTES = 40_000_000
MAX_TOTAL_BYTES = 80_000_000
MAX_ENTRIES = 5_000


class Package:
    """The zip's parts, read one at a time within the size bounds."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive
        self.total = 0
        self.main = self._main_part()
        self.rels = self._relations(self.main)

    def has(self, name: str) -> bool:
        return name in self.archive.NameToInfo

    def read(self, name: str) -> bytes:
        info = self.archive.getinfo(name)
        self.total += info.file_size
        if info.file_size > MAX_PART_BYTES or self.total > MAX_TOTAL_BYTES:
            raise InputError(
                f"the Word file's {name} inflates to {info.file_size:,} bytes, more than a letter",
                "it may be a zip bomb; re-save the letter in Word",
            )
        # zipfile stops at the declared size and checks the CRC, so the bound above holds
        # even when the declared size lies.
        try:
            with self.archive.open(info) as stream:
                return stream.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as exc:
            raise InputError(
                f"the Word file is damaged or truncated ({name}: {exc})",
                "download the letter again",
            ) from exc

    def _main_part(self) -> str:
        if not self.has("_rels/.rels"):
            return "word/document.xml"
        rels = parse_xml(self.read("_rels/.rels"), "_rels/.rels")
        for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "word/document.xml").lstrip("/")
        return "word/document.xml"

    def _relations(self, part: str) -> dict[str, str]:
        """Relationship type suffix ("styles", "footnotes", …) and id ("rId8") -> part name."""
        folder, name = posixpath.split(part)
        rels_name = posixpath.join(folder, "_rels", name + ".rels")
        if not self.has(rels_name):
            return {}
        rels = parse_xml(self.read(rels_name), rels_name)
        found = {}
        for rel in rels.iter(f"{{{PKG_REL}}}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            found[kind] = posixpath.normpath(path)
            found[rel.get("Id", "")] = posixpath.normpath(path)  # header parts by their id
        return found

    def part(self, kind: str) -> bytes | None:
        name = self.rels.get(kind)
        return self.read(name) if name and self.has(name) else None


def open_package(data: bytes) -> Package:
    """The .docx's zip package; refuses what is no .docx (an old .doc, a PDF) or too big."""
    if data[:4] == b"\xd0\xcf\x11\xe0":
        raise InputError(
            "the file is an old Word 97-2003 .doc or a password-protected .docx",
            "save it as an unprotected .docx",
        )
    if data[:5] == b"%PDF-":
        raise InputError("the file is a PDF, not a Word file", "rename it to .pdf")
    if data[:2] != b"PK":
        raise InputError("the file is not a Word .docx (not a zip package)", "save it as .docx")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        if len(archive.infolist()) > MAX_ENTRIES:
            raise InputError("the Word file has too many parts", "re-save the letter in Word")
        package = Package(archive)
        if not package.has(package.main):
            raise InputError(
                "the zip file holds no Word document", "give the letter's .docx file itself"
            )
        return package
    except zipfile.BadZipFile as exc:
        raise InputError(
            f"the Word file is damaged or truncated ({exc})", "download the letter again"
        ) from exc
    except (EOFError, OSError, ValueError, NotImplementedError) as exc:
        raise InputError(
            f"the Word file is damaged or truncated ({type(exc).__name__})",
            "download the letter again",
        ) from exc


def parse_xml(data: bytes, what: str) -> etree._Element:
    """A part's XML, parsed as coming from outside."""
    # No entity expansion, no network, no huge-tree mode: the XML comes from outside.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise InputError(
            f"the Word file's {what} is not valid XML ({exc.msg})", "re-save the letter in Word"
        ) from exc


def read_part(package: Package, kind: str) -> etree._Element | None:
    """The XML of the part the main document relates to as `kind`; None when there is none."""
    try:
        data = package.part(kind)
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise InputError(
            f"the Word file is damaged or truncated ({exc})", "download the letter again"
        ) from exc
    return parse_xml(data, package.rels.get(kind, kind)) if data else None
