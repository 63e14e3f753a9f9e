"""Planning engine: schedule clusters of buildings into construction capacity and measure it.

Pure core (no Qt). Public API::

    from gis_app.core.planning import PlanningConfig, Planner, plan, PlanResult

    planner = Planner(buildings, clusters, PlanningConfig(starts_per_week=40))
    result = planner.run(order="optimise")            # PlanResult
    result.metrics["risk_exposure"], result.schedule, result.clusters, result.capacity
    planner.run(shares={"C12": 0.8})                  # a slider moved: fast recompute

Modules: :mod:`.config` (assumptions and defaults), :mod:`.model` (array preparation and
model decisions), :mod:`.schedule` (list scheduling under capacity), :mod:`.order`
(default order, Smith's rule, improvement moves), :mod:`.metrics`, :mod:`.result`,
:mod:`.milp` (exact optimum for small instances, HiGHS), :mod:`.rebalance` (assistant),
:mod:`.threat` (threat level candidates), :mod:`.deadlines` (deadlines per risk profile:
repair, misses, remedies), :mod:`.bound` (certified lower bound on risk exposure).
"""

from gis_app.core.planning.config import (
    BESPOKE,
    DEFAULT_COSTS,
    DEFAULT_DURATIONS,
    STANDARD,
    Contractor,
    PlanningConfig,
)
from gis_app.core.planning.planner import ORDER_DEFAULT, ORDER_OPTIMISE, Planner, plan
from gis_app.core.planning.result import PlanResult

__all__ = [
    "BESPOKE",
    "DEFAULT_COSTS",
    "DEFAULT_DURATIONS",
    "ORDER_DEFAULT",
    "ORDER_OPTIMISE",
    "STANDARD",
    "Contractor",
    "PlanResult",
    "Planner",
    "PlanningConfig",
    "plan",
]
