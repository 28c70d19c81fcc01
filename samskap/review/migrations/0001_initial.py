# The IRM assessments move from opendata to review. Nothing happens in the database here: the
# review app takes over the existing table (state only); 0002 renames it and moves the content type.

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('commitments', '0002_initial'),
        ('opendata', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='IRMAssessment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('report_type', models.CharField(choices=[('action_plan_review', 'Action plan review'), ('progress', 'Progress (mid-term) report'), ('end_of_term', 'End-of-term report')], max_length=30, verbose_name='report')),
                        ('report_year', models.PositiveIntegerField(blank=True, null=True, verbose_name='report year')),
                        ('verifiable', models.BooleanField(blank=True, null=True, verbose_name='verifiable')),
                        ('specificity', models.CharField(blank=True, choices=[('none', 'None'), ('low', 'Low'), ('medium', 'Medium'), ('high', 'High')], max_length=10, verbose_name='specificity')),
                        ('relevant_access_to_information', models.BooleanField(blank=True, null=True, verbose_name='relevant to access to information')),
                        ('relevant_civic_participation', models.BooleanField(blank=True, null=True, verbose_name='relevant to civic participation')),
                        ('relevant_public_accountability', models.BooleanField(blank=True, null=True, verbose_name='relevant to public accountability')),
                        ('relevant_technology_innovation', models.BooleanField(blank=True, null=True, verbose_name='relevant to technology and innovation')),
                        ('potential_impact', models.CharField(blank=True, choices=[('none', 'None'), ('minor', 'Minor'), ('moderate', 'Moderate'), ('transformative', 'Transformative')], max_length=20, verbose_name='potential impact')),
                        ('potential_for_results', models.CharField(blank=True, choices=[('unclear', 'Unclear'), ('modest', 'Modest'), ('substantial', 'Substantial')], max_length=20, verbose_name='potential for results')),
                        ('completion', models.CharField(blank=True, choices=[('no_evidence', 'No evidence available'), ('not_started', 'Not started'), ('limited', 'Limited'), ('substantial', 'Substantial'), ('complete', 'Complete'), ('withdrawn', 'Withdrawn'), ('unclear', 'Unclear')], max_length=20, verbose_name='completion')),
                        ('opened_government', models.CharField(blank=True, choices=[('not_applicable', 'Not applicable'), ('no_results_yet', 'No early results to report yet'), ('worsened', 'Worsened'), ('did_not_change', 'Did not change'), ('marginal', 'Marginal'), ('major', 'Major'), ('outstanding', 'Outstanding')], max_length=20, verbose_name='did it open government?')),
                        ('opened_access_to_information', models.CharField(blank=True, choices=[('not_applicable', 'Not applicable'), ('no_results_yet', 'No early results to report yet'), ('worsened', 'Worsened'), ('did_not_change', 'Did not change'), ('marginal', 'Marginal'), ('major', 'Major'), ('outstanding', 'Outstanding')], max_length=20, verbose_name='did it open government: access to information')),
                        ('opened_civic_participation', models.CharField(blank=True, choices=[('not_applicable', 'Not applicable'), ('no_results_yet', 'No early results to report yet'), ('worsened', 'Worsened'), ('did_not_change', 'Did not change'), ('marginal', 'Marginal'), ('major', 'Major'), ('outstanding', 'Outstanding')], max_length=20, verbose_name='did it open government: civic participation')),
                        ('opened_public_accountability', models.CharField(blank=True, choices=[('not_applicable', 'Not applicable'), ('no_results_yet', 'No early results to report yet'), ('worsened', 'Worsened'), ('did_not_change', 'Did not change'), ('marginal', 'Marginal'), ('major', 'Major'), ('outstanding', 'Outstanding')], max_length=20, verbose_name='did it open government: public accountability')),
                        ('early_results', models.CharField(blank=True, choices=[('none', 'No notable results'), ('moderate', 'Moderate'), ('significant', 'Significant')], max_length=20, verbose_name='early results')),
                        ('starred', models.BooleanField(blank=True, null=True, verbose_name='starred')),
                        ('source', models.CharField(choices=[('irm_import', 'IRM import'), ('reviewer', 'Reviewer')], default='reviewer', max_length=20, verbose_name='source')),
                        ('reviewer_name', models.CharField(blank=True, max_length=200, verbose_name='reviewer')),
                        ('updated_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='updated')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                        ('commitment', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='assessments', to='commitments.commitment', verbose_name='commitment')),
                        ('reviewer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'opendata_irmassessment',
                        'verbose_name': 'IRM assessment',
                        'verbose_name_plural': 'IRM assessments',
                        'ordering': ['commitment', 'report_type', 'pk'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('source', 'irm_import')), fields=('commitment', 'report_type'), name='one_imported_assessment_per_report')],
                    },
                ),
            ],
        ),
    ]
