"""One place that removes API keys and URL credentials from any text shown to a person."""

from __future__ import annotations

import os
import re

KEY_VARIABLES = (
    "OPENAI_API_KEY",
    "AZURE_OPENAI_API_KEY",
    "ANTHROPIC_API_KEY",
    "GOOGLE_API_KEY",
    "MISTRAL_API_KEY",
)
_KEY_PATTERN = re.compile(r"\b(sk|key|api)[-_][A-Za-z0-9_\-]{8,}")
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=\-]{8,}")


def redact(text: str) -> str:
    """The text with API keys, bearer tokens and credentials in URLs replaced by '***'."""
    for variable in KEY_VARIABLES:
        key = os.environ.get(variable)
        if key and len(key) >= 4:
            text = text.replace(key, "***")
    text = _KEY_PATTERN.sub(lambda m: f"{m.group(1)}-***", text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} ***", text)
    return re.sub(r"(?<=://)[^/@\s]+@", "***@", text)
