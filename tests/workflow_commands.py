"""Read workflow commands and $GITHUB_OUTPUT files the way the Actions runner reads them."""

from __future__ import annotations

_DATA = {"%0D": "\r", "%0A": "\n", "%25": "%"}
_PROPERTY = {"%0D": "\r", "%0A": "\n", "%3A": ":", "%2C": ",", "%25": "%"}


def _unescape(text: str, mapping: dict[str, str]) -> str:
    # "%25" goes last, as in the runner, so an escaped "%3A" stays the text "%3A".
    for escaped, raw in mapping.items():
        text = text.replace(escaped, raw)
    return text


def parse_command(line: str) -> tuple[str, dict[str, str], str]:
    """A `::name key=value,…::message` line: its name, properties and message, unescaped."""
    assert line.startswith("::") and "\n" not in line and "\r" not in line
    head, _, data = line[2:].partition("::")
    name, _, props = head.partition(" ")
    properties = {}
    for prop in filter(None, props.split(",")):
        key, _, value = prop.partition("=")
        properties[key] = _unescape(value, _PROPERTY)
    return name, properties, _unescape(data, _DATA)


def parse_outputs(text: str) -> dict[str, str]:
    """A $GITHUB_OUTPUT file: `name=value` lines and `name<<DELIMITER … DELIMITER` blocks."""
    lines = text.split("\n")
    out: dict[str, str] = {}
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            name, delimiter = line.split("<<", 1)
            end = lines.index(delimiter, i + 1)
            out[name] = "\n".join(lines[i + 1 : end])
            i = end + 1
            continue
        if "=" in line:
            name, value = line.split("=", 1)
            out[name] = value
        i += 1
    return out
