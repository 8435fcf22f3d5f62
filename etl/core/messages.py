"""The one table of user-facing messages (an upload, an account, a review): stable code →
severity and both languages' text, kept in two modules by who reads them."""

from __future__ import annotations

from etl.core.message import E, Message, W
from etl.core.messages_access import ACCESS
from etl.core.messages_periods import PERIODS
from etl.core.messages_reading import READING
from etl.core.messages_targets import TARGETS
from etl.core.messages_upload import UPLOAD

__all__ = ["MESSAGES", "UPLOAD_CODES", "E", "Message", "W"]

MESSAGES: dict[str, Message] = {**READING, **UPLOAD, **TARGETS, **PERIODS, **ACCESS}
# The codes an upload's report can carry: the agencies' guide (docs/upload-format.md) has each.
UPLOAD_CODES = frozenset(READING) | frozenset(UPLOAD) | frozenset(TARGETS) | frozenset(PERIODS)
