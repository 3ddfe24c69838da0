using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Cooperation;

/// <summary>A page of the cooperation agreements in the caller's sight (by alliance, status, part of the title), and the count per status of an alliance's.</summary>
public sealed class ListAgreements(AgreementReading reading, JointWorkAccess access)
{
    public static readonly string[] Sorts = ["updated", "-updated", "signed", "-signed", "title", "-title"];

    public async Task<C.ListAgreementsResponse> HandleAsync(C.ListAgreementsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        if (request.Sort.Length > 0 && !Sorts.Contains(request.Sort)) errors.Add("sort", $"must be one of: {string.Join(", ", Sorts)}.");
        if (request.Status.Length > 0 && !AgreementStatus.All.Contains(request.Status)) errors.Add("status", $"must be one of: {string.Join(", ", AgreementStatus.All)}.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var query = await reading.VisibleAsync(caller, ct);
        if (Guid.TryParse(request.AllianceId, out var allianceId)) query = query.Where(a => a.AllianceId == allianceId);
        if (request.Status.Length > 0) query = query.Where(a => a.Status == request.Status);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + request.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(a => EF.Functions.ILike(a.Title, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        var ordered = request.Sort switch
        {
            "updated" => query.OrderBy(a => a.UpdatedAt),
            "signed" => query.OrderBy(a => a.SignedOn),
            "-signed" => query.OrderByDescending(a => a.SignedOn),
            "title" => query.OrderBy(a => a.Title),
            "-title" => query.OrderByDescending(a => a.Title),
            _ => query.OrderByDescending(a => a.UpdatedAt),
        };
        var items = await ordered.ThenBy(a => a.Id).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var response = new C.ListAgreementsResponse { Total = total };
        response.Items.AddRange(items.Select(a => a.ToContract(JointWorkAccess.MayChange(caller, a.SubsidiaryId))));
        return response;
    }

    /// <summary>The alliance's agreements counted by status (every status, zeros included); NOT_FOUND for an alliance the caller does not take part in.</summary>
    public async Task<C.AgreementCounts> CountAsync(C.CountAgreementsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("allianceId", request.AllianceId).ThrowIfAny();
        var ct = context.CancellationToken;
        // The organization service answers whether the alliance exists and the caller takes part in it.
        var allianceId = (await access.AllianceAsync(caller, request.AllianceId, "allianceId", ct)).Id;
        var counts = await (await reading.VisibleAsync(caller, ct)).Where(a => a.AllianceId == allianceId).GroupBy(a => a.Status)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var response = new C.AgreementCounts { AllianceId = request.AllianceId, Total = counts.Values.Sum() };
        response.ByStatus.AddRange(AgreementStatus.All.Select(s => new C.AgreementStatusCount { Status = s, Count = counts.GetValueOrDefault(s) }));
        return response;
    }
}
