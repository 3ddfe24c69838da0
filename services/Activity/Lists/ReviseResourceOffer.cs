using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>Revises what an offer says (whole), at the version last read; a larger capacity makes a used-up offer available again.</summary>
public sealed class ReviseResourceOffer(ListAccess access, ListChangeFlow flow, Data.ActivityDbContext db)
{
    public async Task<C.ResourceOffer> HandleAsync(C.ReviseResourceOfferRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id);
        var text = ListInput.Offer(errors, request.Details);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var offer = await access.FindOfferAsync(caller, Guid.Parse(request.Id), track: true, ct);
        ListAccess.EnsureMayChange(caller, await access.PartnerAsync(caller, ct), offer);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, offer.Version, "resource offer");
        await flow.ChangeAsync("resource offer", () =>
        {
            if (offer.Revise(text, ListChangeFlow.ActorOf(caller), flow.Now())) db.AddRange(offer.Changes);
        }, ct);
        return offer.ToContract(canChange: true);
    }
}
