using Alliance.ServiceDefaults.Search;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Profiles;

/// <summary>
/// Searches profiles in the caller's scope: a query on name, title, skills and certificates by characters or by pinyin
/// (full or initials, as people search in the organization service), and filters on skill, title and certificate by
/// characters; paged and sorted. Every text is matched with LIKE on a lower-case column with a trigram GIN index.
/// </summary>
public sealed class SearchProfiles(ProfileAccess access)
{
    static readonly string[] Sorts = ["", "name", "title", "updated"];

    public async Task<C.SearchProfilesResponse> HandleAsync(C.SearchProfilesRequest request, ServerCallContext context)
    {
        var errors = new FieldErrors()
            .Optional("query", request.Query, 100).Optional("skill", request.Skill, 100)
            .Optional("title", request.Title, 100).Optional("certificate", request.Certificate, 100)
            .Id("subsidiaryId", request.SubsidiaryId, required: false);
        if (!Sorts.Contains(request.Sort)) errors.Add("sort", "must be name, title or updated.");
        errors.ThrowIfAny();
        var caller = CallerScope.From(context);
        var ct = context.CancellationToken;
        var scope = await access.ScopeAsync(caller, ct);
        var query = access.Within(scope).AsNoTracking();
        if (Guid.TryParse(request.SubsidiaryId, out var subsidiary)) query = query.Where(p => p.SubsidiaryId == subsidiary);
        if (request.PartyMembersOnly) query = query.Where(p => p.PartyStatus == "probationary" || p.PartyStatus == "full");
        if (Requests.Blank(request.Query) is { } text)
        {
            var chars = Like.Containing(text.ToLowerInvariant());
            var pinyin = NameSearchKey.Normalize(text) is { } key ? Like.Containing(key) : null;
            query = pinyin is null
                ? query.Where(p => EF.Functions.Like(p.SearchText, chars, Like.Escape))
                : query.Where(p => EF.Functions.Like(p.SearchText, chars, Like.Escape) || EF.Functions.Like(p.SearchKey, pinyin, Like.Escape));
        }
        if (Requests.Blank(request.Skill) is { } skill)
        {
            var pattern = Like.Containing(skill.ToLowerInvariant());
            query = query.Where(p => EF.Functions.Like(p.SkillsText, pattern, Like.Escape));
        }
        if (Requests.Blank(request.Title) is { } title)
        {
            var pattern = Like.Containing(title.ToLowerInvariant());
            query = query.Where(p => EF.Functions.Like(p.TitleText, pattern, Like.Escape));
        }
        if (Requests.Blank(request.Certificate) is { } certificate)
        {
            var pattern = Like.Containing(certificate.ToLowerInvariant());
            query = query.Where(p => EF.Functions.Like(p.CertificatesText, pattern, Like.Escape));
        }
        var (page, size) = Requests.Paging(request.Page, request.PageSize);
        var total = await query.CountAsync(ct);
        var sorted = request.Sort switch
        {
            "title" => query.OrderBy(p => p.Title).ThenBy(p => p.Name).ThenBy(p => p.PersonId),
            "updated" => query.OrderByDescending(p => p.UpdatedAt).ThenBy(p => p.PersonId),
            _ => query.OrderBy(p => p.Name).ThenBy(p => p.PersonId),
        };
        var items = await sorted.Skip((page - 1) * size).Take(size).ToListAsync(ct);
        var response = new C.SearchProfilesResponse { Total = total, Page = page, PageSize = size };
        response.Items.AddRange(items.Select(p => p.ToContract(ProfileAccess.MayChange(scope, p))));
        return response;
    }
}
