using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// A page of the problems in the caller's sight: filtered by alliance, unit, state, category, a tag and words of the title
/// or the need, sorted by posting (newest first by default), wanted-by date, urgency or title.
/// </summary>
public sealed class ListProblems(ListAccess access)
{
    public static readonly string[] Sorts = ["-posted", "posted", "wanted-by", "-wanted-by", "urgency", "title"];

    public async Task<C.ListProblemsResponse> HandleAsync(C.ListProblemsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId, required: false).Id("memberUnitId", request.MemberUnitId, required: false);
        var category = Optional(errors, "category", request.Category, ListVocabulary.Category);
        var state = Optional(errors, "state", request.State, ListVocabulary.ProblemStateNamed);
        if (request.Sort.Length > 0 && !Sorts.Contains(request.Sort)) errors.Add("sort", $"must be one of {string.Join(", ", Sorts)}.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var query = (await access.VisibleProblemsAsync(caller, ct)).AsNoTracking();
        if (Guid.TryParse(request.AllianceId, out var allianceId)) query = query.Where(p => p.AllianceId == allianceId);
        if (Guid.TryParse(request.MemberUnitId, out var unitId)) query = query.Where(p => p.MemberUnitId == unitId);
        if (category is { } c) query = query.Where(p => p.Category == c);
        if (state is { } s) query = query.Where(p => p.State == s);
        if (!string.IsNullOrWhiteSpace(request.Tag))
        {
            var tag = request.Tag.Trim().ToLowerInvariant();
            query = query.Where(p => p.Tags.Contains(tag));
        }
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = Like(request.Search);
            query = query.Where(p => EF.Functions.ILike(p.Title, pattern, "\\") || EF.Functions.ILike(p.Need, pattern, "\\"));
        }
        var total = await query.CountAsync(ct);
        query = request.Sort switch
        {
            "posted" => query.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id),
            "wanted-by" => query.OrderBy(p => p.WantedBy == null).ThenBy(p => p.WantedBy).ThenBy(p => p.Id),
            "-wanted-by" => query.OrderBy(p => p.WantedBy == null).ThenByDescending(p => p.WantedBy).ThenBy(p => p.Id),
            "urgency" => query.OrderByDescending(p => p.Urgency == ProblemUrgency.Urgent ? 3 : p.Urgency == ProblemUrgency.High ? 2 : p.Urgency == ProblemUrgency.Normal ? 1 : 0)
                .ThenByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
            "title" => query.OrderBy(p => p.Title).ThenBy(p => p.Id),
            _ => query.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id),
        };
        var items = await query.Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(ct);
        var partner = await access.PartnerAsync(caller, ct);
        var response = new C.ListProblemsResponse { Total = total };
        response.Items.AddRange(items.Select(p => p.ToContract(ListAccess.MayChange(caller, partner, p))));
        return response;
    }

    internal static T? Optional<T>(FieldErrors errors, string field, string value, Func<string?, T?> parse) where T : struct
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var parsed = parse(value);
        if (parsed is null) errors.Add(field, "is not one of the known values.");
        return parsed;
    }

    internal static string Like(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
