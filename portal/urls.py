"""The web portal's pages (namespace ``portal``). Every route here needs a row in the
authorization matrix (tests/portal/test_access.py) or the suite fails."""

from django.urls import path

from portal.views import (
    calendar,
    check_ins,
    comments,
    dashboard,
    imports,
    logging,
    people,
    plan,
    progress,
    rules,
    runs,
    settings,
    week,
)

app_name = "portal"

urlpatterns = [
    path("", people.home, name="home"),
    path("week/", people.my_week, name="my_week"),
    path("settings/", settings.settings_page, name="settings"),
    path("settings/calendar/", settings.calendar_rotate, name="calendar_rotate"),
    path("invitations/<str:token>/", people.invitation, name="invitation"),
    path("rules/", rules.rules_page, name="rules"),
    # Coach
    path("roster/", dashboard.dashboard, name="dashboard"),
    path("roster/invite/", people.roster_invite, name="roster_invite"),
    path("athletes/<int:athlete_id>/remove/", people.athlete_remove, name="athlete_remove"),
    # One athlete (themself, or a coached athlete)
    path("athletes/<int:athlete_id>/week/", week.athlete_week, name="athlete_week"),
    path("athletes/<int:athlete_id>/calendar/", calendar.athlete_calendar,
         name="athlete_calendar"),
    path("athletes/<int:athlete_id>/calendar/copy/", calendar.calendar_copy,
         name="calendar_copy"),
    path("athletes/<int:athlete_id>/findings/", week.athlete_findings, name="athlete_findings"),
    path("athletes/<int:athlete_id>/progress/", progress.progress_page, name="progress"),
    path("athletes/<int:athlete_id>/plan/new/", plan.planned_new, name="planned_new"),
    path("athletes/<int:athlete_id>/proposals/", plan.proposals, name="proposals"),
    path("athletes/<int:athlete_id>/proposals/apply/", plan.proposal_apply,
         name="proposal_apply"),
    path("athletes/<int:athlete_id>/log/strength/", logging.strength_new, name="strength_new"),
    path("athletes/<int:athlete_id>/log/run/", runs.run_new, name="run_new"),
    path("athletes/<int:athlete_id>/check-in/", check_ins.check_in, name="check_in"),
    path("athletes/<int:athlete_id>/import/", imports.import_new, name="import_new"),
    path("athletes/<int:athlete_id>/export/", imports.athlete_export_download,
         name="athlete_export"),
    path("imports/<int:import_id>/", imports.import_detail, name="import_detail"),
    path("imports/<int:import_id>/progress/", imports.import_progress,
         name="import_progress"),
    path("imports/<int:import_id>/mapping/", imports.import_mapping, name="import_mapping"),
    path("imports/<int:import_id>/units/", imports.import_units, name="import_units"),
    path("imports/<int:import_id>/confirm/", imports.import_confirm_view,
         name="import_confirm"),
    # Objects, each through its scoped getter
    path("plan/<int:session_id>/edit/", plan.planned_edit, name="planned_edit"),
    path("plan/<int:session_id>/move/", plan.planned_move, name="planned_move"),
    path("plan/<int:session_id>/delete/", plan.planned_delete, name="planned_delete"),
    path("plan/<int:session_id>/lock/", plan.planned_lock, name="planned_lock"),
    path("plan/<int:session_id>/thread/", comments.planned_thread, name="planned_thread"),
    path("findings/<int:finding_id>/apply/", week.finding_apply, name="finding_apply"),
    path("findings/<int:finding_id>/acknowledge/", week.finding_ack, name="finding_ack"),
    path("log/strength/<int:session_id>/", logging.strength_log, name="strength_log"),
    path("log/strength/<int:session_id>/delete/", logging.strength_delete,
         name="strength_delete"),
    path("log/strength/<int:session_id>/sets/", logging.set_add, name="set_add"),
    path("log/strength/<int:session_id>/thread/", comments.strength_thread,
         name="strength_thread"),
    path("log/sets/<int:set_id>/", logging.set_edit, name="set_edit"),
    path("log/sets/<int:set_id>/delete/", logging.set_delete, name="set_delete"),
    path("log/runs/<int:run_id>/", runs.run_edit, name="run_edit"),
    path("log/runs/<int:run_id>/delete/", runs.run_delete, name="run_delete"),
    path("log/runs/<int:run_id>/thread/", comments.run_thread, name="run_thread"),
]
