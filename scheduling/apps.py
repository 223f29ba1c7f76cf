from django.apps import AppConfig


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = "Plans and findings"

    def ready(self) -> None:
        # Register the Celery tasks in every process (web, worker, commands), so services
        # can send them by name (scheduling.services.queue) without importing them.
        from scheduling import tasks  # noqa: F401, PLC0415
