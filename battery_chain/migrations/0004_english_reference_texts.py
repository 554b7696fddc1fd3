import json
from pathlib import Path

import django.db.models.deletion
from django.db import migrations, models

ENGLISH = Path(__file__).resolve().parent.parent / "data" / "materials.en.json"


def fill_english(apps, schema_editor):
    """Rows loaded before English texts existed get them from the shipped file; edited ones are kept."""
    english = json.loads(ENGLISH.read_text(encoding="utf-8"))
    for model, key, fields in (
        ("RiskCategory", "categories", ("name", "annex_x")),
        ("RawMaterial", "materials", ("name", "main_risks")),
    ):
        for row in apps.get_model("battery_chain", model).objects.filter(slug__in=english[key]):
            texts = english[key][row.slug]
            for field in fields:
                if not getattr(row, f"{field}_en"):
                    setattr(row, f"{field}_en", texts.get(field, ""))
            row.save(update_fields=[f"{field}_en" for field in fields])
    for risk in apps.get_model("battery_chain", "MaterialRisk").objects.filter(comment_en="").select_related(
        "material", "category"
    ):
        texts = english["materials"].get(risk.material.slug, {}).get("risks", {})
        if risk.category.slug in texts:
            risk.comment_en = texts[risk.category.slug]
            risk.save(update_fields=["comment_en"])



class Migration(migrations.Migration):

    dependencies = [
        ('battery_chain', '0003_minerals_report_history'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalmaterialrisk',
            name='comment_en',
            field=models.TextField(blank=True, verbose_name='kommentar (engelsk)'),
        ),
        migrations.AddField(
            model_name='historicalrawmaterial',
            name='main_risks_en',
            field=models.TextField(blank=True, verbose_name='hovedrisikoer (engelsk)'),
        ),
        migrations.AddField(
            model_name='historicalrawmaterial',
            name='name_en',
            field=models.CharField(blank=True, max_length=80, verbose_name='navn (engelsk)'),
        ),
        migrations.AddField(
            model_name='materialrisk',
            name='comment_en',
            field=models.TextField(blank=True, verbose_name='kommentar (engelsk)'),
        ),
        migrations.AddField(
            model_name='rawmaterial',
            name='main_risks_en',
            field=models.TextField(blank=True, verbose_name='hovedrisikoer (engelsk)'),
        ),
        migrations.AddField(
            model_name='rawmaterial',
            name='name_en',
            field=models.CharField(blank=True, max_length=80, verbose_name='navn (engelsk)'),
        ),
        migrations.AddField(
            model_name='riskcategory',
            name='annex_x_en',
            field=models.CharField(blank=True, max_length=200, verbose_name='vedlegg X i batteriforordningen (engelsk)'),
        ),
        migrations.AddField(
            model_name='riskcategory',
            name='name_en',
            field=models.CharField(blank=True, max_length=120, verbose_name='navn (engelsk)'),
        ),
        migrations.AlterField(
            model_name='batterypack',
            name='chemistry',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='packs', to='battery_chain.chemistry', verbose_name='batterikjemi'),
        ),
        migrations.AlterField(
            model_name='chemistrycontent',
            name='chemistry',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='contents', to='battery_chain.chemistry', verbose_name='batterikjemi'),
        ),
        migrations.AlterField(
            model_name='chemistrycontent',
            name='material',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='chemistry_contents', to='battery_chain.rawmaterial', verbose_name='råvare'),
        ),
        migrations.AlterField(
            model_name='historicalbatterypack',
            name='chemistry',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='battery_chain.chemistry', verbose_name='batterikjemi'),
        ),
        migrations.AlterField(
            model_name='historicalchemistrycontent',
            name='chemistry',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='battery_chain.chemistry', verbose_name='batterikjemi'),
        ),
        migrations.AlterField(
            model_name='historicalchemistrycontent',
            name='material',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='battery_chain.rawmaterial', verbose_name='råvare'),
        ),
        migrations.AlterField(
            model_name='historicalmaterialrisk',
            name='material',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='battery_chain.rawmaterial', verbose_name='råvare'),
        ),
        migrations.AlterField(
            model_name='historicalproductionshare',
            name='material',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='battery_chain.rawmaterial', verbose_name='råvare'),
        ),
        migrations.AlterField(
            model_name='historicalsourcingline',
            name='material',
            field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='battery_chain.rawmaterial', verbose_name='råvare'),
        ),
        migrations.AlterField(
            model_name='materialrisk',
            name='material',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='risks', to='battery_chain.rawmaterial', verbose_name='råvare'),
        ),
        migrations.AlterField(
            model_name='productionshare',
            name='material',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='production_shares', to='battery_chain.rawmaterial', verbose_name='råvare'),
        ),
        migrations.AlterField(
            model_name='sourcingline',
            name='material',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='sourcing_lines', to='battery_chain.rawmaterial', verbose_name='råvare'),
        ),
        migrations.RunPython(fill_english, migrations.RunPython.noop),
    ]
