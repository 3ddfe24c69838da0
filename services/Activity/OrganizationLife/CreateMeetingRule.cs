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
/// An administrator adds a meeting rule: the group's (group administrators) or a subsidiary's (its administrators too); idempotent
/// by client request id. <c>MeetingRuleCreated</c> goes out through the outbox in the same transaction (reporting's compliance).
/// </summary>
public sealed class CreateMeetingRule(ActivityDbContext db, TimeProvider clock)
{
    public async Task<C.MeetingRule> HandleAsync(C.CreateMeetingRuleRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId, required: false);
        var (kind, period, types) = MeetingRuleRequests.Check(errors, request.OrganizationKind, request.NameZh, request.NameEn,
            request.Period, request.ActivityTypeIds, request.RemindDaysBefore);
        errors.ThrowIfAny();
        Guid? subsidiary = string.IsNullOrWhiteSpace(request.SubsidiaryId) ? null : Guid.Parse(request.SubsidiaryId);
        OrganizationLifeAccess.EnsureMayAdministerRules(caller, subsidiary);
        var ct = context.CancellationToken;
        var requestKey = ClientRequests.KeyFor("create-meeting-rule", caller.TenantId, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier) return await LoadAsync(earlier, ct);
        await MeetingRuleRequests.EnsureTypesExistAsync(db, types, ct);
        var now = clock.GetUtcNow();
        MeetingRule rule;
        try
        {
            rule = MeetingRule.Create(subsidiary, kind, request.NameZh, request.NameEn, period, types, request.RemindDaysBefore,
                new Actor(caller.UserId ?? "unknown", caller.Role), now);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.Add(rule);
        db.AddRange(rule.Changes);
        db.AddIntegrationEvent(OrganizationLifeMapping.Created(rule, now));
        db.RememberClientRequest(requestKey, rule.Id, now.ToUniversalTime());
        if (await db.SaveCreateAsync(requestKey, ct) is { } winner) return await LoadAsync(winner, ct);
        return rule.ToContract();
    }

    async Task<C.MeetingRule> LoadAsync(Guid id, CancellationToken ct) =>
        (await db.MeetingRules.AsNoTracking().SingleAsync(r => r.Id == id, ct)).ToContract();
}
