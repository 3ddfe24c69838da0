using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>A bulletin with its sections, generated entries and what the caller may do.</summary>
public sealed class GetBulletin(BulletinAccess access)
{
    public async Task<C.BulletinDocument> HandleAsync(C.GetBulletinRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        return (await access.FindVisibleAsync(caller, Guid.Parse(request.Id), track: false, context.CancellationToken)).ToContract(caller);
    }
}
