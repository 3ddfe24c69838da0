using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.CalendarFeeds;

/// <summary>
/// Makes a feed link for an organization or alliance the caller sees (asked of the organization service). Not
/// idempotent by request id: the token is shown only once and never stored, so a retry makes a second link, which can be
/// revoked (ADR 32).
/// </summary>
public sealed class CreateCalendarFeed(ActivityDbContext db, IOrganizationDirectory directory, TimeProvider clock)
{
    public async Task<C.CreatedCalendarFeed> HandleAsync(C.CreateCalendarFeedRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors();
        switch (request.ScopeCase)
        {
            case C.CreateCalendarFeedRequest.ScopeOneofCase.OrganizationId: errors.Id("organizationId", request.OrganizationId); break;
            case C.CreateCalendarFeedRequest.ScopeOneofCase.AllianceId: errors.Id("allianceId", request.AllianceId); break;
            default: errors.Add("scope", "must name an organizationId or an allianceId."); break;
        }
        errors.ThrowIfAny();
        ActivityAccess.EnsureMayMakeCalendarFeeds(caller);
        var ct = context.CancellationToken;
        (CalendarFeedScope Scope, Guid Id, string Name) scope;
        if (request.ScopeCase == C.CreateCalendarFeedRequest.ScopeOneofCase.OrganizationId)
        {
            var organization = await directory.FindOrganizationAsync(caller, Guid.Parse(request.OrganizationId), ct)
                ?? throw FieldErrors.Single("organizationId", "No party organization with that id that you may see.", StatusCode.NotFound);
            scope = (CalendarFeedScope.Organization, organization.Id, organization.Name);
        }
        else
        {
            var alliance = await directory.FindAllianceAsync(caller, Guid.Parse(request.AllianceId), ct)
                ?? throw FieldErrors.Single("allianceId", "No alliance with that id that you take part in.", StatusCode.NotFound);
            scope = (CalendarFeedScope.Alliance, alliance.Id, alliance.Name);
        }
        var (feed, token) = CalendarFeed.Create(scope.Scope, scope.Id, scope.Name, caller.TenantId, caller.UserId ?? "unknown", clock.GetUtcNow());
        db.Add(feed);
        await db.SaveChangesAsync(ct);
        return new C.CreatedCalendarFeed { Feed = feed.ToContract(), Token = token };
    }
}
