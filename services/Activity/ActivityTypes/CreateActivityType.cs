using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.ActivityTypes;

/// <summary>A group administrator adds an activity type under a joint measure; its code is unique (ALREADY_EXISTS otherwise).</summary>
public sealed class CreateActivityType(ActivityDbContext db, TimeProvider clock)
{
    public async Task<C.ActivityType> HandleAsync(C.CreateActivityTypeRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Required("code", request.Code, ActivityType.MaxCodeLength)
            .Required("nameZh", request.NameZh, ActivityType.MaxNameLength).Required("nameEn", request.NameEn, ActivityType.MaxNameLength);
        if (request.Measure.FromContract() is null) errors.Add("measure", "is required: one of the six joint measures.");
        errors.ThrowIfAny();
        caller.EnsureGroupAdmin("add an activity type");
        var ct = context.CancellationToken;
        var requestKey = ClientRequests.KeyFor("create-activity-type", null, request.ClientRequestId);
        if (await db.FindClientRequestAsync(requestKey, ct) is { } earlier)
            return (await db.ActivityTypes.AsNoTracking().SingleAsync(t => t.Id == earlier, ct)).ToContract();
        var now = clock.GetUtcNow().ToUniversalTime();
        ActivityType type;
        try
        {
            type = ActivityType.Create(request.Code, request.NameZh, request.NameEn, request.Measure.FromContract()!.Value, caller.UserId ?? "unknown", now);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        if (await db.ActivityTypes.AnyAsync(t => t.Code == type.Code, ct)) throw Taken();
        db.Add(type);
        db.RememberClientRequest(requestKey, type.Id, now);
        if (await db.SaveCreateAsync(requestKey, ct, Taken) is { } winner)
            return (await db.ActivityTypes.AsNoTracking().SingleAsync(t => t.Id == winner, ct)).ToContract();
        return type.ToContract();
    }

    static RpcException Taken() => FieldErrors.Single("code", "An activity type with this code exists already.", StatusCode.AlreadyExists);
}
