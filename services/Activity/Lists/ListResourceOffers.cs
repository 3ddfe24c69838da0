using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// A page of the offers in the caller's sight: filtered by alliance (its offers and the group's), scope, kind, state, a
/// tag and words of the title or description; newest first by default.
/// </summary>
public sealed class ListResourceOffers(ListAccess access)
{
    public static readonly string[] Sorts = ["-offered", "offered", "title"];

    public async Task<C.ListResourceOffersResponse> HandleAsync(C.ListResourceOffersRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false);
        var kind = ListProblems.Optional(errors, "kind", request.Kind, ListVocabulary.Kind);
        var state = ListProblems.Optional(errors, "state", request.State, ListVocabulary.OfferStateNamed);
        if (request.Scope is not ("" or "alliance" or "group")) errors.Add("scope", "must be alliance or group.");
        if (request.Sort.Length > 0 && !Sorts.Contains(request.Sort)) errors.Add("sort", $"must be one of {string.Join(", ", Sorts)}.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var query = (await access.VisibleOffersAsync(caller, ct)).AsNoTracking();
        if (Guid.TryParse(request.AllianceId, out var allianceId)) query = query.Where(o => o.AllianceId == allianceId || o.Scope == OfferScope.Group);
        if (request.Scope == "group") query = query.Where(o => o.Scope == OfferScope.Group);
        if (request.Scope == "alliance") query = query.Where(o => o.Scope == OfferScope.Alliance);
        if (kind is { } k) query = query.Where(o => o.Kind == k);
        if (state is { } s) query = query.Where(o => o.State == s);
        if (!string.IsNullOrWhiteSpace(request.Tag))
        {
            var tag = request.Tag.Trim().ToLowerInvariant();
            query = query.Where(o => o.Tags.Contains(tag));
        }
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = ListProblems.Like(request.Search);
            query = query.Where(o => EF.Functions.ILike(o.Title, pattern, "\\") || EF.Functions.ILike(o.Description, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        query = request.Sort switch
        {
            "offered" => query.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id),
            "title" => query.OrderBy(o => o.Title).ThenBy(o => o.Id),
            _ => query.OrderByDescending(o => o.CreatedAt).ThenBy(o => o.Id),
        };
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var partner = await access.PartnerAsync(caller, ct);
        var response = new C.ListResourceOffersResponse { Total = total };
        response.Items.AddRange(items.Select(o => o.ToContract(ListAccess.MayChange(caller, partner, o))));
        return response;
    }
}
