using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.Contracts.Reporting.V1;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Reporting.Dashboards;

public sealed partial class ReportingGrpcService
{
    /// <summary>
    /// Pairings of a subsidiary that are active today and those expiring soon, by the organization service's rule:
    /// ended once EndedOn or ExpiresOn has passed; expiring soon when it expires within the next ExpiringSoonDays.
    /// </summary>
    public override async Task<PairingCounts> GetPairingCounts(GetPairingCountsRequest request, ServerCallContext context)
    {
        var id = SubsidiaryInScope(request.SubsidiaryId, context);
        var days = pairingOptions.Value.ExpiringSoonDays;
        var today = clock.GroupToday();
        var soon = today.AddDays(days);
        var ct = context.CancellationToken;
        return await cache.GetOrComputeAsync($"pairings:{id}:{today:yyyy-MM-dd}:{days}", PairingCounts.Parser, async () =>
        {
            var inForce = db.Pairings.AsNoTracking()
                .Where(p => (p.SubsidiaryId == id || p.PartnerSubsidiaryId == id) && p.ExpiresOn != null && p.ExpiresOn >= today && (p.EndedOn == null || p.EndedOn > today));
            var active = await inForce.CountAsync(p => p.ExpiresOn > soon, ct);
            var expiring = await inForce.Where(p => p.ExpiresOn <= soon).OrderBy(p => p.ExpiresOn).ThenBy(p => p.PairingId).ToListAsync(ct);
            var response = new PairingCounts { SubsidiaryId = id.ToString(), Active = active, ExpiringSoon = expiring.Count, ExpiringSoonDays = days };
            response.Expiring.AddRange(expiring.Select(p => new ExpiringPairing
            {
                PairingId = p.PairingId.ToString(), Title = p.Title, ExpiresOn = p.ExpiresOn!.Value.ToString("yyyy-MM-dd"),
            }));
            return response;
        });
    }
}
