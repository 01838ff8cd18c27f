from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from bulletin.assembly import AssemblyRefused, CutoffNotPassed, assemble, current_week
from bulletin.weeks import Week


class Command(BaseCommand):
    help = (
        "Assemble (or refresh) a week's CCHC bulletin now, as the weekly schedule does. "
        "A week before its cut-off needs --early with a reason; a week not yet begun is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("--week", help="ISO week such as 2026-W48 (default: this week)")
        parser.add_argument(
            "--catch-up",
            type=int,
            metavar="N",
            help="assemble the N weeks before this one, oldest first (after an outage)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would be done, change nothing"
        )
        parser.add_argument(
            "--early",
            metavar="REASON",
            help="publish before the week's cut-off; the reason is kept in the bulletin's history",
        )

    def handle(self, *args, week=None, catch_up=None, dry_run=False, early=None, **options):
        for target in self.weeks(week, catch_up):
            try:
                result = assemble(target, dry_run=dry_run, early_reason=early)
            except CutoffNotPassed as refusal:
                raise CommandError(
                    _('%(refusal)s Use --early "reason" to publish before the cut-off.')
                    % {"refusal": refusal}
                ) from refusal
            except AssemblyRefused as refusal:
                raise CommandError(str(refusal)) from refusal
            self.report(target, result, dry_run)

    def weeks(self, week, catch_up):
        if catch_up:
            weeks = [current_week()]
            for _n in range(catch_up):
                weeks.insert(0, weeks[0].previous())
            return weeks[:-1]
        try:
            return [Week.parse(week) if week else current_week()]
        except ValueError as error:
            raise CommandError(str(error)) from error

    def report(self, target, result, dry_run):
        cutoff = target.cutoff()
        self.stdout.write(
            _("%(week)s: items first published before %(cutoff)s")
            % {"week": target.label(), "cutoff": cutoff.strftime("%d/%m/%Y %H:%M")}
        )
        for label, items in ((_("added"), result.added), (_("kept"), result.kept)):
            for item in items:
                self.stdout.write(f"  {label}: {item.title} ({item.agency.short_name})")
        for item in result.waiting:
            self.stdout.write(f"  {_('waiting for the next bulletin')}: {item.title}")
        if result.early:
            self.stdout.write(_("  published early, before the cut-off"))
        prefix = _("[dry run] ") if dry_run else ""
        self.stdout.write(self.style.SUCCESS(prefix + result.message))
