from celery import shared_task


@shared_task(name="battery_chain.tasks.sweep_pending_minerals_uploads")
def sweep_pending_minerals_uploads() -> int:
    """Periodic: delete workbooks waiting for an import confirmation that never came (older than the limit)."""
    from battery_chain.minerals.pending import sweep

    return sweep()
