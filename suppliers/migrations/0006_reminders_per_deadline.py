"""Reminders are kept once per deadline, so a deadline moved later (an åpenhetsloven § 6 extension
notice or received day, a new round) gets its own reminders. Reminders already sent were about the
request's deadline as it stands."""

from django.db import migrations, models


def stamp_deadlines(apps, schema_editor):
    Reminder = apps.get_model("suppliers", "Reminder")
    Request = apps.get_model("suppliers", "DueDiligenceRequest")
    Reminder.objects.filter(deadline__isnull=True).update(
        deadline=models.Subquery(Request.objects.filter(pk=models.OuterRef("request_id")).values("deadline")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [
        ("suppliers", "0005_transparency_act_requests_and_supplier_classification"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="reminder",
            name="uniq_reminder",
        ),
        migrations.AddField(
            model_name="reminder",
            name="deadline",
            field=models.DateField(blank=True, null=True),
        ),
        migrations.RunPython(stamp_deadlines, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(
                fields=("request", "deadline", "offset_days", "recipient"), name="uniq_reminder"
            ),
        ),
    ]
