"""YAML front matter read with limits: no alias expansion (billion laughs), dates kept as the text written."""

from __future__ import annotations

from typing import Any

import yaml

from ..errors import InputFileError

MAX_FRONT_MATTER_CHARS = 64 * 1024


class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, refusing aliases and leaving timestamps as strings ('2026-13-45' is no error)."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        """Refuse `*alias` before it is expanded: a few lines of aliases can expand to gigabytes."""
        if self.check_event(yaml.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in front matter", mark
            )
        return super().compose_node(parent, index)


def _timestamp_as_text(loader: FrontMatterLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else None


FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def load_front_matter(text: str) -> dict[str, Any]:
    """The 'key: value' mapping of a front matter block; InputFileError when it is not one."""
    if len(text) > MAX_FRONT_MATTER_CHARS:
        raise InputFileError(
            f"front matter is over {MAX_FRONT_MATTER_CHARS // 1024} KB; keep it to key: value lines"
        )
    try:
        loaded = yaml.load(text, Loader=FrontMatterLoader)
    except yaml.YAMLError as ex:
        raise InputFileError(f"front matter is not valid YAML: {str(ex).splitlines()[0]}") from ex
    except (RecursionError, ValueError, OverflowError) as ex:
        raise InputFileError(f"front matter cannot be read: {type(ex).__name__}") from ex
    if not isinstance(loaded, dict):
        raise InputFileError("front matter must be 'key: value' lines")
    return loaded
