"""icp-assist: turn what customers say into an evidence-backed Ideal Customer Profile."""

from .api import build, ingest_paths, workspace_status
from .config import Settings
from .errors import IcpAssistError
from .ingest import IngestOptions, IngestReport, SurveyColumns

__version__ = "0.1.0"

__all__ = [
    "IcpAssistError",
    "IngestOptions",
    "IngestReport",
    "Settings",
    "SurveyColumns",
    "build",
    "ingest_paths",
    "workspace_status",
]
