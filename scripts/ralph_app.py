"""Ralph's xAPI app over its file-system back end, made usable as a test LRS.

Ralph 5's file-system LRS back end opens its store in create mode (every POST after the first
would answer 500: "already exists and overwrite is not allowed") and rewrites a history file on
every request. These lines make its writes append to fs_lrs.jsonl and drop the history; every
xAPI behaviour (validation, 204 for duplicates, 409 on conflicts, 400 for a repeated id, the
limit of 100, `more` paging, 401 on a bad password) stays Ralph's own.
"""
from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

_write = FSLRSBackend.write


def _append(self, data, target=None, chunk_size=None, ignore_errors=False, operation_type=None):
    return _write(self, data, target, chunk_size, ignore_errors, BaseOperationType.APPEND)


FSLRSBackend.write = _append
FSLRSBackend.append_to_history = lambda self, event: None

from ralph.api import app  # noqa: E402  (after the patch, so the router's backend has it)
