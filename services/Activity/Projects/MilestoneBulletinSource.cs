using Alliance.Activity.Bulletins;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Projects;

/// <summary>
/// The bulletin's milestones section (攻坚战报): the milestones of tackling projects reached in the month, and the
/// projects completed in it with each of their outcome measures (as Measure and Unit; one entry without a measure for a
/// project that recorded none). Cancelled projects give nothing. Scope: one alliance's projects, or every project.
/// </summary>
public sealed class MilestoneBulletinSource(ActivityDbContext db) : IBulletinContentSource
{
    public string Section => BulletinSections.Milestones;

    public async Task<IReadOnlyList<BulletinEntry>> EntriesAsync(BulletinScope scope, MeetingPeriod month, CancellationToken cancellationToken)
    {
        var (first, last) = (month.FirstDay, month.LastDay);
        var projects = db.Set<TacklingProject>().AsNoTracking().Where(p => p.Status != ProjectStatus.Cancelled);
        if (scope.AllianceId is { } alliance) projects = projects.Where(p => p.AllianceId == alliance);
        var reached = await db.Set<ProjectMilestone>().AsNoTracking()
            .Where(m => m.ReachedOn >= first && m.ReachedOn <= last)
            .Join(projects, m => m.ProjectId, p => p.Id, (m, p) => new { Milestone = m, p.Title, p.OrganizationId, p.OrganizationName })
            .ToListAsync(cancellationToken);
        var completed = await projects.Where(p => p.Status == ProjectStatus.Completed && p.CompletedOn >= first && p.CompletedOn <= last)
            .Include(p => p.Outcomes).ToListAsync(cancellationToken);

        var entries = new List<BulletinEntry>();
        foreach (var r in reached)
        {
            var m = r.Milestone;
            var ahead = m.PlannedOn.DayNumber - m.ReachedOn!.Value.DayNumber;
            var (zh, en) = ahead switch
            {
                > 0 => ($"比计划提前{ahead}天", $"{ahead} days ahead of plan"),
                < 0 => ($"比计划推迟{-ahead}天", $"{-ahead} days behind plan"),
                _ => ("按计划完成", "on plan"),
            };
            entries.Add(new BulletinEntry(Section, m.Id, At(m.ReachedOn.Value), $"{r.Title}：{m.Title}", $"{r.Title}: {m.Title}",
                $"{r.OrganizationName}，{zh}", $"{r.OrganizationName}, {en}", r.OrganizationId));
        }
        foreach (var p in completed)
        {
            var at = At(p.CompletedOn!.Value);
            if (p.Outcomes.Count == 0)
                entries.Add(new BulletinEntry(Section, p.Id, at, $"{p.Title}：项目完成", $"{p.Title}: project completed", p.OrganizationName, p.OrganizationName, p.OrganizationId));
            foreach (var o in p.Outcomes.OrderBy(o => o.RecordedAt))
            {
                var unit = MeasureUnits.All.First(u => u.Code == o.Unit);
                var value = MeasureUnits.Format(o.Value);
                entries.Add(new BulletinEntry(Section, o.Id, at, $"{p.Title}：项目完成，{o.Label}{value}{unit.Zh}",
                    $"{p.Title}: project completed, {o.Label} {value} {unit.En}", p.OrganizationName, p.OrganizationName, p.OrganizationId, o.Value, o.Unit));
            }
        }
        // A stable sort: entries of one day keep their order (milestones, then a completed project's measures as recorded).
        return [.. entries.OrderBy(e => e.OccurredAt)];
    }

    /// <summary>A day of the group's calendar as the instant it starts.</summary>
    static DateTimeOffset At(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), GroupCalendar.Offset);
}
