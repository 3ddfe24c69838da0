using Alliance.Activity.Meetings;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Supervision;

/// <summary>A decision item in the caller's sight, with today's colour and what the caller may do with it.</summary>
public sealed class GetDecisionItem(MeetingAccess access, TimeProvider clock, SupervisionSettings settings)
{
    public async Task<C.DecisionItem> HandleAsync(C.GetDecisionItemRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var item = await access.FindItemAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken);
        return MeetingAccess.Shown(caller, item.ToContract(caller, clock.GroupToday(), await settings.ForAsync(item.AllianceId, context.CancellationToken)));
    }
}
