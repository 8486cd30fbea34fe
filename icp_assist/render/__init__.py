"""Render a ProfileReport as a one-page ICP in HTML or Markdown, every claim footnoted with its quotes.

Templates are Jinja files rendered in a sandbox with StrictUndefined, so a user's custom template can
neither reach Python internals nor silently print nothing for a misspelt field. Templates are shared between
teams, so they only ever see plain data: the report as JSON-like dicts and lists (``model_dump(mode="json")``),
never the pydantic objects whose loaders (``parse_raw``, ``parse_file``, ...) read files or unpickle.
"""

from __future__ import annotations

import operator
import re
import signal
import threading
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

import jinja2
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from pydantic import BaseModel

from ..errors import IcpAssistError
from ..models import ProfileReport, shown_attribute
from ..outputs import write_text_atomic

Format = Literal["html", "md"]
TEMPLATES = Path(__file__).parent / "templates"
BUILTIN = {"html": "profile.html.j2", "md": "profile.md.j2"}
_HTML_NAMES = ("html", "htm", "xml", "html.j2", "htm.j2")
# Underscores inside words (tech_stack, call_notes.md) never make emphasis, so only those at an edge are escaped.
_MD_SPECIAL = re.compile(r"([\\`*\[\]<>]|(?<![^\W_])_|_(?![^\W_]))")
# A template may build strings and lists, but not ones big enough to exhaust memory (`"x" * 10**10`).
MAX_BUILT_ITEMS = 1_000_000
MAX_EXPONENT = 1_000
RENDER_SECONDS = 30.0  # the built-in templates render in well under a second; nested huge loops never end


class RenderError(IcpAssistError):
    """A profile template is missing, invalid, or uses a field the report does not have."""


class Footnotes:
    """Numbers each Evidence the first time a render cites it; the same quote cited again keeps its number.

    One instance per render: `cite` is the template's `footnote` filter and `cited` lists the evidence (as
    plain dicts) in number order, so a template prints the footnotes after everything that cites them.
    """

    def __init__(self) -> None:
        self.cited: list[dict[str, Any]] = []
        self._numbers: dict[tuple[str, int, int], int] = {}

    def cite(self, evidence: object) -> int:
        """The footnote number of `evidence`, allocating the next one on first citation."""
        if isinstance(evidence, BaseModel):
            evidence = evidence.model_dump(mode="json")
        if not isinstance(evidence, Mapping) or not {"document", "start", "end"} <= evidence.keys():
            raise jinja2.TemplateRuntimeError(f"footnote expects an Evidence, got {type(evidence).__name__}")
        key = (str(evidence["document"]), int(evidence["start"]), int(evidence["end"]))
        if key not in self._numbers:
            self.cited.append(dict(evidence))
            self._numbers[key] = len(self.cited)
        return self._numbers[key]


class ProfileSandbox(SandboxedEnvironment):
    """Jinja's sandbox, refusing pydantic objects outright and size bombs in `*` and `**`.

    Templates are given plain data only; this is the second wall in case a pydantic object ever slips in.
    """

    intercepted_binops = frozenset({"*", "**"})

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """No attribute of a pydantic model or class (their loaders read files and unpickle)."""
        if isinstance(obj, BaseModel) or (isinstance(obj, type) and issubclass(obj, BaseModel)):
            return False
        return bool(super().is_safe_attribute(obj, attr, value))

    def is_safe_callable(self, obj: Any) -> bool:
        """No method bound to a pydantic model or class."""
        owner = getattr(obj, "__self__", None)
        if isinstance(owner, BaseModel) or (isinstance(owner, type) and issubclass(owner, BaseModel)):
            return False
        return bool(super().is_safe_callable(obj))

    def call_binop(self, context: jinja2.runtime.Context, operator_: str, left: Any, right: Any) -> Any:
        """`*` and `**` as usual, unless the result would be huge."""
        if operator_ == "**":
            if isinstance(right, int) and abs(right) > MAX_EXPONENT and left not in (0, 1, -1):
                raise SecurityError(f"exponent {right} is too large for a template")
            return operator.pow(left, right)
        for seq, times in ((left, right), (right, left)):
            sized = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
            if sized and len(seq) * times > MAX_BUILT_ITEMS:
                raise SecurityError("a template may not build a string or list this long")
        return operator.mul(left, right)


def percent(value: float) -> str:
    """0.83 -> '83%'."""
    return f"{value:.0%}"


# The profile's counts in a reader's words (its keys are field names).
COUNT_WORDS = {
    "accounts_with_outcome": "accounts with a known outcome",
    "customer_units": "customer statements",
}


def count_words(name: str) -> str:
    """'accounts_with_outcome' -> 'accounts with a known outcome'; any other count's name with spaces."""
    return COUNT_WORDS.get(name, name.replace("_", " "))


def markdown_text(value: object) -> str:
    """Free text as one Markdown line: whitespace collapsed, characters that would become markup escaped."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(value).split()))


def render_profile(report: ProfileReport, *, fmt: Format, template: Path | None = None) -> str:
    """The profile as an HTML page or a Markdown document, from the built-in or a custom template."""
    if template is None:
        loader: jinja2.BaseLoader = jinja2.FileSystemLoader(TEMPLATES)
        name = BUILTIN[fmt]
    else:
        if not template.is_file():
            raise RenderError(f"template {template} not found: check the path given as the custom template")
        # Siblings of a custom template can be extended/included; the built-ins are reachable as builtin/...
        loader = jinja2.ChoiceLoader(
            [
                jinja2.FileSystemLoader(template.parent),
                jinja2.PrefixLoader({"builtin": jinja2.FileSystemLoader(TEMPLATES)}),
            ]
        )
        name = template.name
    footnotes = Footnotes()
    env = _environment(loader, fmt=fmt, footnotes=footnotes)
    try:
        with _deadline(RENDER_SECONDS):
            return env.get_template(name).render(report=report.model_dump(mode="json"), footnotes=footnotes)
    except jinja2.TemplateNotFound as exc:
        raise RenderError(f"template {name}: cannot find template {exc.name!r} it refers to") from exc
    except jinja2.TemplateSyntaxError as exc:
        where = Path(exc.filename).name if exc.filename else name
        raise RenderError(f"template {where} line {exc.lineno}: syntax error: {exc.message}") from exc
    except (jinja2.TemplateError, TypeError, ValueError, OverflowError, RecursionError, MemoryError) as exc:
        raise RenderError(_runtime_message(exc, name)) from exc


def write_profile(report: ProfileReport, out_dir: Path, *, template: Path | None = None) -> list[Path]:
    """Write profile.html and profile.md to `out_dir`; a custom template replaces the one of its format."""
    custom = _format_of(template) if template is not None else None
    texts = {
        fmt: render_profile(report, fmt=fmt, template=template if fmt == custom else None)
        for fmt in ("html", "md")
    }
    # Everything is rendered before anything is written, so a failing template changes no file.
    out_dir.mkdir(parents=True, exist_ok=True)
    return [write_text_atomic(out_dir / f"profile.{fmt}", text) for fmt, text in texts.items()]


def _environment(loader: jinja2.BaseLoader, *, fmt: Format, footnotes: Footnotes) -> ProfileSandbox:
    autoescape = (
        True if fmt == "html" else jinja2.select_autoescape(enabled_extensions=_HTML_NAMES, default=False)
    )
    env = ProfileSandbox(
        loader=loader,
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["percent"] = percent
    env.filters["footnote"] = footnotes.cite
    env.filters["md"] = markdown_text
    env.filters["attribute"] = shown_attribute
    env.filters["count_words"] = count_words
    env.globals.pop("lipsum", None)  # lipsum(10**9) would build gigabytes of text
    return env


class RenderTimeout(jinja2.TemplateRuntimeError):
    """A template ran past RENDER_SECONDS (e.g. nested loops over huge ranges)."""


@contextmanager
def _deadline(seconds: float) -> Iterator[None]:
    """Stop the render after ``seconds`` (main thread only: signals cannot reach others); an outer alarm is kept."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(*_: object) -> None:
        raise RenderTimeout(
            f"the template ran over {seconds:g} s and was stopped (look for nested or huge loops)"
        )

    outer_left, _ = signal.getitimer(signal.ITIMER_REAL)
    started = time.monotonic()
    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, min(seconds, outer_left) if outer_left else seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:  # give an outer alarm what is left of its time (at least a moment, so it still fires)
            signal.setitimer(signal.ITIMER_REAL, max(outer_left - (time.monotonic() - started), 0.001))


def _runtime_message(exc: Exception, name: str) -> str:
    """Name the template file and line the error came from, found in Jinja's rewritten traceback."""
    where, line = name, None
    tb = exc.__traceback__
    while tb is not None:
        if "__jinja_exception__" in tb.tb_frame.f_globals:  # a frame Jinja made to point at template source
            where, line = Path(tb.tb_frame.f_code.co_filename).name, tb.tb_lineno
        tb = tb.tb_next
    at = f"template {where}" + (f" line {line}" if line is not None else "")
    message = str(exc) or type(exc).__name__
    if isinstance(exc, jinja2.UndefinedError):
        message += " (the fields a template can use are those of ProfileReport in icp_assist.models)"
    return f"{at}: {message}"


def _format_of(template: Path) -> Format:
    name = template.name.lower().removesuffix(".j2")
    if name.endswith((".html", ".htm")):
        return "html"
    if name.endswith(".md"):
        return "md"
    raise RenderError(
        f"template {template.name}: cannot tell its format; name it *.html.j2 or *.md.j2 (or .html / .md)"
    )


__all__ = [
    "Footnotes",
    "Format",
    "ProfileSandbox",
    "RenderError",
    "percent",
    "render_profile",
    "write_profile",
]
