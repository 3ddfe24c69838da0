using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.Contracts.Reporting.V1;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Dashboards;

public sealed partial class ReportingGrpcService
{
    const string Full = "full", Probationary = "probationary", Secretary = "secretary", DeputySecretary = "deputy-secretary";

    public override async Task<MemberCountsResponse> GetMemberCounts(GetMemberCountsRequest request, ServerCallContext context)
    {
        var id = SubsidiaryInScope(request.SubsidiaryId, context);
        var ct = context.CancellationToken;
        return await cache.GetOrComputeAsync($"members:{id}", MemberCountsResponse.Parser, async () =>
        {
            var rows = await db.Members.AsNoTracking()
                .Where(m => m.SubsidiaryId == id && m.OrganizationId != null && (m.Status == Full || m.Status == Probationary))
                .GroupBy(m => m.OrganizationId)
                .Select(g => new { OrganizationId = g.Key!.Value, Full = g.Count(m => m.Status == Full), Probationary = g.Count(m => m.Status == Probationary) })
                .ToListAsync(ct);
            var ids = rows.Select(r => r.OrganizationId).ToList();
            var names = await db.OrganizationNames.AsNoTracking().Where(n => ids.Contains(n.OrganizationId))
                .ToDictionaryAsync(n => n.OrganizationId, n => n.Name, ct);
            string NameOf(Guid organization) => names.GetValueOrDefault(organization, "");
            rows = [.. rows.OrderBy(r => NameOf(r.OrganizationId), StringComparer.Ordinal).ThenBy(r => r.OrganizationId)];
            var response = new MemberCountsResponse { SubsidiaryId = id.ToString(), Full = rows.Sum(r => r.Full), Probationary = rows.Sum(r => r.Probationary) };
            response.PerOrganization.AddRange(rows.Select(r => new OrganizationMemberCounts
            {
                OrganizationId = r.OrganizationId.ToString(), OrganizationName = NameOf(r.OrganizationId), Full = r.Full, Probationary = r.Probationary,
            }));
            return response;
        });
    }

    /// <summary>People holding a secretary or deputy secretary role today, and how many of them hold a management post.</summary>
    public override async Task<CrossAppointment> GetCrossAppointment(GetCrossAppointmentRequest request, ServerCallContext context)
    {
        var id = SubsidiaryInScope(request.SubsidiaryId, context);
        var today = clock.GroupToday();
        var ct = context.CancellationToken;
        return await cache.GetOrComputeAsync($"cross-appointment:{id}:{today:yyyy-MM-dd}", CrossAppointment.Parser, async () =>
        {
            var holders = db.Roles.AsNoTracking()
                .Where(r => r.SubsidiaryId == id && (r.Role == Secretary || r.Role == DeputySecretary)
                    && r.StartsOn != null && r.StartsOn <= today && (r.EndsOn == null || today <= r.EndsOn))
                .Select(r => r.PersonId).Distinct();
            var secretaries = await holders.CountAsync(ct);
            var crossAppointed = await holders.CountAsync(p => db.People.Any(x => x.PersonId == p && x.HoldsManagementPost), ct);
            return new CrossAppointment
            {
                SubsidiaryId = id.ToString(),
                Secretaries = secretaries,
                CrossAppointed = crossAppointed,
                Ratio = secretaries == 0 ? 0 : (double)crossAppointed / secretaries,
            };
        });
    }

    /// <summary>The subsidiary named by the request, if the caller may see it; another subsidiary is reported as not found.</summary>
    static Guid SubsidiaryInScope(string subsidiaryId, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("subsidiaryId", subsidiaryId).ThrowIfAny();
        var id = Guid.Parse(subsidiaryId);
        caller.EnsureCanAccess(id, "The subsidiary");
        return id;
    }
}
