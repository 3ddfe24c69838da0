using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.OrganizationLife;

/// <summary>
/// An administrator of the rule's scope revises it whole, or retires it (it binds no one from then on; boards of past
/// periods no longer show it). Checked against the version read; the audit entry holds the rule as it became, and
/// <c>MeetingRuleRevised</c> carries it to reporting through the outbox, in the same transaction.
/// </summary>
public sealed class ReviseMeetingRule(ActivityDbContext db, TimeProvider clock)
{
    public async Task<C.MeetingRule> HandleAsync(C.ReviseMeetingRuleRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id);
        var (kind, period, types) = MeetingRuleRequests.Check(errors, request.OrganizationKind, request.NameZh, request.NameEn,
            request.Period, request.ActivityTypeIds, request.RemindDaysBefore);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var rule = await db.MeetingRules.SingleOrDefaultAsync(r => r.Id == Guid.Parse(request.Id), ct);
        if (rule is null || !OrganizationLifeAccess.MaySeeRule(caller, rule))
            throw new RpcException(new Status(StatusCode.NotFound, "The meeting rule was not found."));
        OrganizationLifeAccess.EnsureMayAdministerRules(caller, rule.SubsidiaryId);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, rule.Version, "meeting rule");
        await MeetingRuleRequests.EnsureTypesExistAsync(db, types, ct);
        try
        {
            var now = clock.GetUtcNow();
            if (rule.Revise(kind, request.NameZh, request.NameEn, period, types, request.RemindDaysBefore, request.Retired,
                    new Actor(caller.UserId ?? "unknown", caller.Role), now))
            {
                db.AddRange(rule.Changes);
                db.AddIntegrationEvent(OrganizationLifeMapping.Revised(rule, now));
                await db.SaveChangesAsync(ct);
            }
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale("meeting rule");
        }
        return rule.ToContract();
    }
}
