using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>The offering unit withdraws an offer: it is no longer a candidate; matches already accepted stand.</summary>
public sealed class WithdrawResourceOffer(ListAccess access, ListChangeFlow flow, Data.ActivityDbContext db)
{
    public async Task<C.ResourceOffer> HandleAsync(C.WithdrawResourceOfferRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var ct = context.CancellationToken;
        var offer = await access.FindOfferAsync(caller, Guid.Parse(request.Id), track: true, ct);
        ListAccess.EnsureMayChange(caller, await access.PartnerAsync(caller, ct), offer);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, offer.Version, "resource offer");
        await flow.ChangeAsync("resource offer", () =>
        {
            offer.Withdraw(ListChangeFlow.ActorOf(caller), flow.Now());
            db.AddRange(offer.Changes);
        }, ct);
        return offer.ToContract(canChange: true);
    }
}
