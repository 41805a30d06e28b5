"""Every default the SDK uses, in one place."""

from __future__ import annotations

from ._version import __version__

DEFAULT_BASE_URL = "https://api.track.toggl.com/api/v9"
TOKEN_ENV_VAR = "TOGGL_API_TOKEN"
BASE_URL_ENV_VAR = "TOGGL_BASE_URL"
# The CLI's Redis for accounts' state shared with other processes (--state-url).
STATE_URL_ENV_VAR = "TOGGL_STATE_URL"

# The whole call (rate-limiter queueing, every attempt, the waits between them), and each
# attempt's connection set-up (seconds). aiohttp's own default is 5 minutes.
DEFAULT_TIMEOUT = 30.0
DEFAULT_CONNECT_TIMEOUT = 10.0

# Retries after the first attempt; 0 disables them. Reads are retried on every transient
# failure; writes only when the service cannot have applied them (see _transport).
DEFAULT_MAX_RETRIES = 2
READ_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Exponential backoff with full jitter: a delay drawn from [0, min(cap, base * 2**retry)].
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
# A server-requested wait (Retry-After) longer than this raises instead of sleeping.
RETRY_AFTER_CAP = 60.0
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})

# Toggl documents about 1 request/second per token as the safe rate of its leaky bucket.
DEFAULT_RATE_LIMIT = 1.0
# The limiter lets one second's worth of requests through at once, never more than this.
MAX_BURST = 3

# How long to wait for the hourly quota to reset before retrying once; None never waits.
DEFAULT_QUOTA_WAIT: float | None = None

# The largest answer read (after decompression), in bytes: far above the largest real one
# (GET /me?with_related_data=true of a big account is a few MB). Error answers are read only
# as far as their message needs.
DEFAULT_MAX_RESPONSE_SIZE = 64 * 1024 * 1024
ERROR_BODY_LIMIT = 64 * 1024

# Bytes handed to an export's destination at a time.
STREAM_CHUNK_SIZE = 256 * 1024

# Connections per client (and per fan-out: every account's client shares one pool).
DEFAULT_CONNECTION_LIMIT = 100

QUOTA_REMAINING_HEADER = "X-Toggl-Quota-Remaining"
QUOTA_RESETS_IN_HEADER = "X-Toggl-Quota-Resets-In"
REQUEST_ID_HEADER = "X-Toggl-Request-Id"

# Accounts worked on at once by fan_out; also the size of its shared connection pool.
DEFAULT_FAN_OUT_CONCURRENCY = 20

# Page size iter_tasks asks for when the caller does not say.
TASKS_PAGE_SIZE = 200
# The service sends 50 tasks per page when not asked; iter_workspace asks for more at a time.
TASKS_WORKSPACE_PAGE_SIZE = 200
# The service's largest page of projects (it sends 151 per page when not asked).
PROJECTS_MAX_PAGE_SIZE = 200

CREATED_WITH = f"toggl-async/{__version__}"
"""What a create tells the service made the entry, unless the caller says otherwise."""
