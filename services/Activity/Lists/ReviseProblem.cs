using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>Revises what an open or matched problem says (whole), at the version last read; what changed goes to its audit log.</summary>
public sealed class ReviseProblem(ListAccess access, ListChangeFlow flow, Data.ActivityDbContext db)
{
    public async Task<C.Problem> HandleAsync(C.ReviseProblemRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id);
        var text = ListInput.Problem(errors, request.Details);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var problem = await access.FindProblemAsync(caller, Guid.Parse(request.Id), track: true, ct);
        ListAccess.EnsureMayChange(caller, await access.PartnerAsync(caller, ct), problem);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, problem.Version, "problem");
        await flow.ChangeAsync("problem", () =>
        {
            if (problem.Revise(text, ListChangeFlow.ActorOf(caller), flow.Now())) db.AddRange(problem.Changes);
        }, ct);
        return problem.ToContract(canChange: true);
    }
}
