using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>
/// The published resource catalogue (资源目录) of an alliance for a period: its offers and the group's that are available
/// and can be used on some day of the period (offers without windows are by arrangement, so always in), by kind and title.
/// </summary>
public sealed class GetResourceCatalogue(ListAccess access, IOrganizationDirectory directory)
{
    public const int MaxDays = 366;
    public const int MaxOffers = 5_000;

    public async Task<C.ResourceCatalogue> HandleAsync(C.GetResourceCatalogueRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("allianceId", request.AllianceId);
        var from = ListInput.Day(errors, "from", request.From);
        var to = ListInput.Day(errors, "to", request.To);
        if (from is { } f && to is { } t && (t < f || t.DayNumber - f.DayNumber >= MaxDays))
            errors.Add("to", $"must be on or after from, within {MaxDays} days.");
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var allianceId = Guid.Parse(request.AllianceId);
        var (first, last) = (from!.Value, to!.Value);
        var query = (await access.VisibleOffersAsync(caller, ct)).AsNoTracking();
        // A partner's alliances are those of their unit; everyone else's, those the organization service shows them.
        var alliance = caller.IsPartner
            ? (await access.PartnerAsync(caller, ct))?.AllianceIds.Contains(allianceId) == true ? await directory.FindAllianceAsync(caller, allianceId, ct) : null
            : await directory.FindAllianceAsync(caller, allianceId, ct);
        if (alliance is null) throw ListAccess.NotFound("alliance");
        var allianceName = alliance.Name;
        var offers = await query.Where(o => (o.AllianceId == allianceId || o.Scope == OfferScope.Group) && o.State == OfferState.Available
                && (o.AvailableFrom == null || o.AvailableFrom <= last && o.AvailableUntil >= first))
            .OrderBy(o => o.Kind).ThenBy(o => o.Title).ThenBy(o => o.Id).Take(MaxOffers).ToListAsync(ct);
        var catalogue = new C.ResourceCatalogue
        {
            AllianceId = allianceId.ToString(), AllianceName = allianceName, From = ListMapping.Day(first), To = ListMapping.Day(last),
        };
        catalogue.Offers.AddRange(offers.Where(o => o.AvailableIn(first, last)).Select(o => o.ToContract(canChange: false)));
        return catalogue;
    }
}
