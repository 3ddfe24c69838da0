using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Bulletins;

/// <summary>The editor submits the draft for review.</summary>
public sealed class SubmitBulletin(BulletinFlow flow)
{
    public Task<C.BulletinDocument> HandleAsync(C.BulletinStepRequest request, ServerCallContext context) =>
        flow.ChangeAsync(context, request.Id, request.ExpectedVersion, new FieldErrors(), BulletinAccess.EnsureMayEdit,
            (b, by, now, _) => { b.Submit(by, now); return Task.CompletedTask; });
}
