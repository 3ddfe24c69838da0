using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Projects;

/// <summary>Loads a tackling project in the caller's sight (<see cref="JointWorkAccess"/>) with its milestones and outcomes, and answers it with its evidence.</summary>
public sealed class ProjectReading(ActivityDbContext db, JointWorkAccess access, JointWorkFlow flow, TimeProvider clock)
{
    public IQueryable<TacklingProject> Projects => db.Set<TacklingProject>();

    /// <summary>NOT_FOUND when the project does not exist or the caller may not see it.</summary>
    public async Task<TacklingProject> FindAsync(CallerScope caller, Guid id, bool track, CancellationToken ct)
    {
        var query = Projects.Include(p => p.Milestones).Include(p => p.Outcomes).AsSplitQuery();
        var project = await (track ? query : query.AsNoTracking()).SingleOrDefaultAsync(p => p.Id == id, ct)
            ?? throw JointWorkAccess.NotFound("project");
        await access.EnsureSeesAsync(caller, project.SubsidiaryId, project.AllianceId, "project", ct);
        return project;
    }

    public async Task<C.Project> AnswerAsync(CallerScope caller, TacklingProject project, CancellationToken ct)
    {
        var evidence = await db.Set<MilestoneEvidence>().AsNoTracking().Where(e => e.ProjectId == project.Id).OrderBy(e => e.UploadedAt)
            .Select(e => new { e.Id, e.MilestoneId, e.FileName, e.ContentType, e.SizeBytes, e.UploadedBy, e.UploadedAt }).ToListAsync(ct);
        var described = evidence.Select(e => new C.MilestoneEvidence
        {
            Id = e.Id.ToString(), MilestoneId = e.MilestoneId.ToString(), FileName = e.FileName, ContentType = e.ContentType, SizeBytes = e.SizeBytes,
            UploadedBy = e.UploadedBy, UploadedAt = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(e.UploadedAt),
        }).ToList();
        return project.ToContract(JointWorkAccess.MayChange(caller, project.SubsidiaryId), clock.GroupToday(), described);
    }

    /// <summary>
    /// A change of a project the caller sees and may change, at the version last read: applied by <paramref name="change"/>
    /// (which adds its events), saved with its audit entries in one transaction, and answered with the project.
    /// </summary>
    public async Task<C.Project> ChangeAsync(CallerScope caller, Guid id, long expectedVersion, Action<TacklingProject, Actor, DateTimeOffset> change, CancellationToken ct)
    {
        var project = await FindAsync(caller, id, track: true, ct);
        JointWorkAccess.EnsureMayChange(caller, project.SubsidiaryId, "project");
        await flow.ChangeAsync(caller, expectedVersion, project.Version, "project", (by, now) =>
        {
            change(project, by, now);
            db.AddRange(project.Changes);
        }, ct);
        return await AnswerAsync(caller, project, ct);
    }

    public DateOnly Today => clock.GroupToday();
}
