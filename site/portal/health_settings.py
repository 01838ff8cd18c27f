"""Health probes (portal.health): /healthz (liveness) and /readyz (readiness)."""

from .environment import env_float

# Seconds that the broker and worker checks wait for an answer. Probes and the office's
# dashboard run the checks: with Redis hung, /readyz and the dashboard wait about this long.
PORTAL_HEALTH_TIMEOUT = env_float("HEALTH_CHECK_TIMEOUT", 1.0)

# What /readyz and the dashboard's "System status" check, in this order.
PORTAL_READINESS_CHECKS = [
    "portal.health.checks.DatabaseCheck",
    "portal.health.checks.CacheCheck",
    "portal.health.checks.BrokerCheck",
    "portal.health.checks.WorkerCheck",
    "portal.health.checks.BeatCheck",
    "portal.health.checks.AssemblyCheck",
]
