"""Prompts: Jinja files under ``prompts/``, each with a version line and a system and a user block.

A prompt file starts with ``{# version: N #}`` (the version goes into every cache key, so a changed
prompt is asked again) and defines ``{% block system %}`` and ``{% block user %}``. Customer text is
passed in as data and rendered inside tags; it is never part of the template itself.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from langchain_core.messages import BaseMessage, HumanMessage, SystemMessage

from ..errors import ConfigError

_VERSION = re.compile(r"\{#\s*version:\s*(\S+)\s*#\}")


def prompt_dirs() -> list[Path]:
    """Where prompts are looked for: the source tree's ``prompts/``, then the installed copy."""
    return [
        Path(__file__).resolve().parents[2] / "prompts",
        Path(sys.prefix) / "share" / "icp-assist" / "prompts",
    ]


@dataclass(frozen=True)
class Prompt:
    """One prompt file: its name, its version, and the file it came from."""

    name: str
    version: str
    path: Path

    @property
    def key(self) -> str:
        """name@version, for cache keys and reports."""
        return f"{self.name}@{self.version}"

    def render(self, **data: Any) -> list[BaseMessage]:
        """The system and user messages with ``data`` filled in."""
        template = _environment(self.path.parent).get_template(self.path.name)
        context = template.new_context(data)
        try:
            system = "".join(template.blocks["system"](context)).strip()
            user = "".join(template.blocks["user"](context)).strip()
        except TemplateError as ex:
            raise ConfigError(f"prompt {self.path}: {ex}") from ex
        return [SystemMessage(content=system), HumanMessage(content=user)]


@cache
def load_prompt(name: str) -> Prompt:
    """The prompt ``prompts/<name>.j2``; its version line and both blocks must be there."""
    for folder in prompt_dirs():
        path = folder / f"{name}.j2"
        if path.is_file():
            break
    else:
        raise ConfigError(f"prompt {name}.j2 not found in {' or '.join(str(d) for d in prompt_dirs())}")
    text = path.read_text(encoding="utf-8")
    version = _VERSION.search(text.split("\n", 1)[0])
    if not version:
        raise ConfigError(f"prompt {path} must start with a version line: {{# version: 1 #}}")
    try:
        blocks = _environment(path.parent).get_template(path.name).blocks
    except TemplateError as ex:
        raise ConfigError(f"prompt {path}: {ex}") from ex
    missing = {"system", "user"} - set(blocks)
    if missing:
        raise ConfigError(f"prompt {path} lacks the block(s) {', '.join(sorted(missing))}")
    return Prompt(name=name, version=version.group(1), path=path)


@cache
def _environment(folder: Path) -> SandboxedEnvironment:
    from jinja2 import FileSystemLoader

    return SandboxedEnvironment(
        loader=FileSystemLoader(folder),
        undefined=StrictUndefined,
        autoescape=False,
        keep_trailing_newline=False,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def echoes(text: str, instructions: str, *, words: int = 8) -> bool:
    """True when ``text`` repeats a run of ``words`` words of ``instructions``: a leaked prompt, not a finding."""
    said = " ".join(text.lower().split())
    tokens = instructions.lower().split()
    return any(" ".join(tokens[i : i + words]) in said for i in range(len(tokens) - words + 1))
