"""The errors icp-assist raises; each message says what to do next."""


class IcpAssistError(Exception):
    """Base class for every error icp-assist reports to a person."""


class ConfigError(IcpAssistError):
    """A setting is missing or invalid."""


class InputFileError(IcpAssistError):
    """One input file cannot be ingested; the message names the reason, on one line."""

    def __init__(self, message: str) -> None:
        # A header or value quoted in the message may hold line breaks; the report is one line per file.
        super().__init__(" ".join(str(message).split()))


class EmbeddingError(IcpAssistError):
    """The embedding model could not be loaded or failed to embed."""


class StoreError(IcpAssistError):
    """The workspace store is missing, unreadable or inconsistent."""


class LlmError(IcpAssistError):
    """The LLM could not be reached or kept failing; results so far are cached."""


class LlmOutputError(LlmError):
    """The LLM's answer broke the schema even after being sent back with the error."""
