"""The write path of scheduling, by entity: plans, races and phases, logs, check-ins,
findings, checks, comments."""

from scheduling.services.check_ins import check_in_delete, check_in_save
from scheduling.services.checks import CheckCounts, athlete_check, athletes_check
from scheduling.services.comments import comment_create, comment_mark_read
from scheduling.services.exercises import exercise_delete, exercise_update
from scheduling.services.findings import finding_acknowledge, finding_apply_fix
from scheduling.services.imports import (
    import_confirm,
    import_create,
    import_mapping_set,
    import_units_set,
    imports_purge,
)
from scheduling.services.logs import (
    run_create,
    run_delete,
    run_update,
    strength_session_create,
    strength_session_delete,
    strength_session_update,
    strength_set_create,
    strength_set_delete,
    strength_set_update,
)
from scheduling.services.nightly import chunk_process, nightly_claim, recheck_claim
from scheduling.services.placement import placement_apply, placement_proposals
from scheduling.services.plan_copy import planned_week_copy
from scheduling.services.plans import (
    PrescriptionInput,
    planned_session_create,
    planned_session_delete,
    planned_session_move,
    planned_session_update,
)
from scheduling.services.profile import athlete_onboard, athlete_profile_update
from scheduling.services.races import (
    phase_block_create,
    phase_block_delete,
    phase_block_update,
    race_create,
    race_delete,
    race_update,
)
from scheduling.services.recheck import athlete_recheck_on_commit
from scheduling.services.targets import prescription_target_apply
from scheduling.services.webhooks import (
    webhook_subscription_create,
    webhook_subscription_delete,
    webhook_subscriptions_for_user,
)

__all__ = [
    "CheckCounts",
    "PrescriptionInput",
    "athlete_check",
    "athlete_onboard",
    "athlete_profile_update",
    "athlete_recheck_on_commit",
    "athletes_check",
    "check_in_delete",
    "check_in_save",
    "chunk_process",
    "comment_create",
    "comment_mark_read",
    "exercise_delete",
    "exercise_update",
    "finding_acknowledge",
    "finding_apply_fix",
    "import_confirm",
    "import_create",
    "import_mapping_set",
    "import_units_set",
    "imports_purge",
    "nightly_claim",
    "phase_block_create",
    "phase_block_delete",
    "phase_block_update",
    "placement_apply",
    "placement_proposals",
    "planned_session_create",
    "planned_session_delete",
    "planned_session_move",
    "planned_session_update",
    "planned_week_copy",
    "prescription_target_apply",
    "race_create",
    "race_delete",
    "race_update",
    "recheck_claim",
    "run_create",
    "run_delete",
    "run_update",
    "strength_session_create",
    "strength_session_delete",
    "strength_session_update",
    "strength_set_create",
    "strength_set_delete",
    "strength_set_update",
    "webhook_subscription_create",
    "webhook_subscription_delete",
    "webhook_subscriptions_for_user",
]
