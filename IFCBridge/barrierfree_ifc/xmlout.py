"""A small, deterministic XML writer for the portfolio format (attributes in the order given)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, ROUND_HALF_EVEN

NAMESPACE = "urn:barrierfree:portfolio:1"


def number(value: float, places: int = 1) -> str:
    """A decimal with a point and at most `places` decimals, trailing zeros dropped ("745", "6.01")."""
    quantum = Decimal(1).scaleb(-places)
    text = format(Decimal(repr(float(value))).quantize(quantum, rounding=ROUND_HALF_EVEN), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: str, attribute: bool = True) -> str:
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    # Characters XML 1.0 does not allow are dropped.
    text = _NOT_XML.sub("", text)
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    return text


def comment_text(text: str) -> str:
    text = text.replace("--", "- -")
    if text.endswith("-"):
        text += " "
    return escape(text, attribute=False).replace("\n", " ")


@dataclass
class Node:
    tag: str
    attrs: list[tuple[str, str]] = field(default_factory=list)
    children: list["Node | Comment"] = field(default_factory=list)

    def set(self, name: str, value) -> "Node":
        if value is None:
            return self
        if isinstance(value, bool):
            value = "true" if value else "false"
        self.attrs.append((name, str(value)))
        return self

    def add(self, child: "Node | Comment") -> "Node | Comment":
        self.children.append(child)
        return child

    def get(self, name: str) -> str | None:
        for key, value in self.attrs:
            if key == name:
                return value
        return None


@dataclass
class Comment:
    text: str


def serialize(root: Node, header_comment: str | None = None) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    if header_comment:
        lines.append("<!--")
        for line in header_comment.strip("\n").split("\n"):
            lines.append("  " + comment_text(line).rstrip())
        lines.append("-->")

    def write(node: Node | Comment, depth: int, root_ns: bool = False) -> None:
        pad = "  " * depth
        if isinstance(node, Comment):
            lines.append(f"{pad}<!-- {comment_text(node.text)} -->")
            return
        attrs = "".join(f' {k}="{escape(v)}"' for k, v in node.attrs)
        if root_ns:
            attrs = f' xmlns="{NAMESPACE}"' + attrs
        if not node.children:
            lines.append(f"{pad}<{node.tag}{attrs}/>")
            return
        lines.append(f"{pad}<{node.tag}{attrs}>")
        for child in node.children:
            write(child, depth + 1)
        lines.append(f"{pad}</{node.tag}>")

    write(root, 0, root_ns=True)
    return ("\n".join(lines) + "\n").encode("utf-8")
