using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>
/// Generates the draft bulletin of a month for an alliance or the group: every registered <see cref="IBulletinContentSource"/>
/// asked for its entries (sections in print order, entries oldest first), kept as the generated content and the first
/// draft. One bulletin per scope and month (FAILED_PRECONDITION for a second); a retried request answers the first.
/// </summary>
public sealed class GenerateBulletin(ActivityDbContext db, IOrganizationDirectory directory, IEnumerable<IBulletinContentSource> sources, TimeProvider clock)
{
    public const string GroupName = "集团";

    public async Task<C.BulletinDocument> HandleAsync(C.GenerateBulletinRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        if (!BulletinMapping.TryMonth(request.Month, out var first)) errors.Add("month", "must be a month as yyyy-MM.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var month = new MeetingPeriod(PeriodLength.Monthly, first);
        Guid? allianceId = null, lead = null;
        var name = GroupName;
        IReadOnlyList<Guid> visible = [];
        if (request.AllianceId.Length > 0)
        {
            var alliance = await directory.FindAllianceAsync(caller, Guid.Parse(request.AllianceId), ct)
                ?? throw FieldErrors.Single("allianceId", "is no alliance you see.", StatusCode.NotFound);
            (allianceId, lead, name) = (alliance.Id, alliance.LeadSubsidiaryId, alliance.Name);
            visible = alliance.Members.Where(m => m.SubsidiaryId is not null).Select(m => m.SubsidiaryId!.Value).Append(alliance.LeadSubsidiaryId).Distinct().ToList();
        }
        if (!BulletinAccess.MayEdit(caller, allianceId, lead))
            throw new RpcException(new Status(StatusCode.PermissionDenied, "Only the bulletin's editors may generate it."));
        var requestKey = ClientRequests.KeyFor("generate-bulletin", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return (await db.Bulletins.AsNoTracking().SingleAsync(b => b.Id == earlier, ct)).ToContract(caller);
        var scopeKey = allianceId?.ToString() ?? "group";
        if (await db.Bulletins.AnyAsync(b => b.ScopeKey == scopeKey && b.Month == first, ct)) throw Exists();

        var entries = await EntriesAsync(new BulletinScope(allianceId), month, ct);
        var now = clock.GetUtcNow().ToUniversalTime();
        var bulletin = Bulletin.Generate(allianceId, name, lead, visible, month, entries, new Actor(caller.UserId ?? "unknown", caller.Role), now);
        db.Add(bulletin);
        db.AddRange(bulletin.Changes);
        db.RememberClientRequest(requestKey, bulletin.Id, now);
        if (await db.SaveCreateAsync(requestKey, ct, Exists) is { } winner) return (await db.Bulletins.AsNoTracking().SingleAsync(b => b.Id == winner, ct)).ToContract(caller);
        return bulletin.ToContract(caller);
    }

    /// <summary>Every source's entries, sections in print order, each oldest first.</summary>
    public async Task<IReadOnlyList<BulletinEntry>> EntriesAsync(BulletinScope scope, MeetingPeriod month, CancellationToken ct)
    {
        var entries = new List<BulletinEntry>();
        foreach (var source in sources) entries.AddRange(await source.EntriesAsync(scope, month, ct));
        return entries
            .Where(e => BulletinSections.InOrder.Contains(e.Section))
            .OrderBy(e => BulletinSections.InOrder.ToList().IndexOf(e.Section)).ThenBy(e => e.OccurredAt).ThenBy(e => e.SourceId).ToList();
    }

    static RpcException Exists() => FieldErrors.Single("month", "The scope already has a bulletin for this month.", StatusCode.FailedPrecondition);
}
