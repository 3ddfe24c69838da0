using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf;
using Grpc.Core;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>
/// The supervision board: a page of the decision items in the caller's sight, red first, then yellow and green, by owner
/// and due date; filtered by alliance, meeting, owner unit, supervising unit, state, colour and part of the title; with
/// the counts per colour and per owner of the whole filtered set. Colours are today's, computed by the database from the
/// same rules as the sweep (<see cref="SupervisionColours.Rank"/>), so a missed sweep never shows stale colours. Answers are
/// cached per sight, request and day (<see cref="BoardCache"/>).
/// </summary>
public sealed class ListDecisionItems(MeetingAccess access, BoardCache boards, TimeProvider clock, SupervisionSettings settings)
{
    public async Task<C.ListDecisionItemsResponse> HandleAsync(C.ListDecisionItemsRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("allianceId", request.AllianceId, required: false).Id("meetingId", request.MeetingId, required: false)
            .Id("ownerMemberUnitId", request.OwnerMemberUnitId, required: false)
            .Id("supervisorMemberUnitId", request.SupervisorMemberUnitId, required: false).ThrowIfAny();
        var ct = context.CancellationToken;
        var today = clock.GroupToday();
        var sight = await access.ItemSightAsync(caller, ct);
        if (sight.Name is null) return await BoardAsync(request, caller, sight.Items, today, ct);
        // The same request in the same sight on the same day: one answer, cached until a change (ADR 44).
        var name = $"supervision:{today:yyyy-MM-dd}:{Convert.ToHexString(SHA256.HashData([.. Encoding.UTF8.GetBytes(sight.Name), .. request.ToByteArray()]))}";
        return await boards.GetOrComputeAsync(name, C.ListDecisionItemsResponse.Parser, () => BoardAsync(request, caller, sight.Items, today, ct));
    }

    async Task<C.ListDecisionItemsResponse> BoardAsync(C.ListDecisionItemsRequest request, CallerScope caller, IQueryable<DecisionItem> visible, DateOnly today, CancellationToken ct)
    {
        var (page, pageSize) = Requests.Paging(request.Page, request.PageSize);
        var dueSoonDays = settings.GroupDefault;
        var allianceSettings = await settings.AllianceSettingsAsync(ct);
        var rank = SupervisionColours.Rank(today, dueSoonDays, allianceSettings);

        var query = visible.AsNoTracking();
        if (Guid.TryParse(request.AllianceId, out var allianceId)) query = query.Where(i => i.AllianceId == allianceId);
        if (Guid.TryParse(request.MeetingId, out var meetingId)) query = query.Where(i => i.MeetingId == meetingId);
        if (Guid.TryParse(request.OwnerMemberUnitId, out var ownerId)) query = query.Where(i => i.OwnerMemberUnitId == ownerId);
        if (Guid.TryParse(request.SupervisorMemberUnitId, out var supervisorId)) query = query.Where(i => i.SupervisorMemberUnitId == supervisorId);
        if (DecisionItemMapping.FromContract(request.State) is { } state) query = query.Where(i => i.State == state);
        else if (!request.IncludeClosed && request.MeetingId.Length == 0)
            query = query.Where(i => i.State != DecisionItemState.Verified && i.State != DecisionItemState.Cancelled);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = "%" + request.Search.Trim().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
            query = query.Where(i => EF.Functions.ILike(i.Title, pattern, "\\"));
        }
        var ranked = query.Select(Ranking(rank));
        if (DecisionItemMapping.FromContract(request.Colour) is { } colour)
        {
            var wanted = SupervisionColours.RankOf(colour);
            ranked = ranked.Where(r => r.Rank == wanted);
        }

        var groups = await ranked.GroupBy(r => new { r.Rank, r.Item.OwnerMemberUnitId, r.Item.OwnerName })
            .Select(g => new { g.Key.Rank, g.Key.OwnerMemberUnitId, g.Key.OwnerName, Count = g.Count() }).ToListAsync(ct);
        var items = await ranked.OrderBy(r => r.Rank).ThenBy(r => r.Item.OwnerName).ThenBy(r => r.Item.DueOn).ThenBy(r => r.Item.Id)
            .Skip((page - 1) * pageSize).Take(pageSize).Select(r => r.Item).ToListAsync(ct);

        var response = new C.ListDecisionItemsResponse { Total = groups.Sum(g => g.Count) };
        response.Items.AddRange(items.Select(i => MeetingAccess.Shown(caller, i.ToContract(caller, today, allianceSettings.GetValueOrDefault(i.AllianceId, dueSoonDays)))));
        response.Colours.AddRange(groups.GroupBy(g => g.Rank).OrderBy(g => g.Key).Select(g => new C.ColourCount
        {
            Colour = DecisionItemMapping.ToContract(SupervisionColours.FromRank(g.Key)), Count = g.Sum(x => x.Count),
        }));
        response.Owners.AddRange(groups.GroupBy(g => g.OwnerMemberUnitId).Select(g => new C.OwnerCount
        {
            OwnerMemberUnitId = g.Key.ToString(), OwnerName = g.First().OwnerName,
            Red = g.Where(x => x.Rank == 0).Sum(x => x.Count), Yellow = g.Where(x => x.Rank == 1).Sum(x => x.Count),
            Green = g.Where(x => x.Rank == 2).Sum(x => x.Count),
        }).OrderByDescending(o => o.Red).ThenByDescending(o => o.Yellow).ThenBy(o => o.OwnerName, StringComparer.Ordinal));
        return response;
    }

    public sealed record Ranked(DecisionItem Item, int Rank);

    /// <summary>i => new Ranked(i, rank(i)), built from the rank's expression so EF Core translates it to one CASE.</summary>
    static System.Linq.Expressions.Expression<Func<DecisionItem, Ranked>> Ranking(System.Linq.Expressions.Expression<Func<DecisionItem, int>> rank)
    {
        var item = rank.Parameters[0];
        var constructor = typeof(Ranked).GetConstructors()[0];
        return System.Linq.Expressions.Expression.Lambda<Func<DecisionItem, Ranked>>(
            System.Linq.Expressions.Expression.New(constructor, [item, rank.Body], typeof(Ranked).GetProperty(nameof(Ranked.Item))!, typeof(Ranked).GetProperty(nameof(Ranked.Rank))!),
            item);
    }
}
