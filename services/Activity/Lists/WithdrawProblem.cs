using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Lists;

/// <summary>Its unit withdraws a problem that is not resolved, with a reason; <c>ProblemStateChanged</c> goes with it.</summary>
public sealed class WithdrawProblem(ListAccess access, ListChangeFlow flow, Data.ActivityDbContext db)
{
    public async Task<C.Problem> HandleAsync(C.WithdrawProblemRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).Required("reason", request.Reason, Problem.MaxReasonLength).ThrowIfAny();
        var ct = context.CancellationToken;
        var problem = await access.FindProblemAsync(caller, Guid.Parse(request.Id), track: true, ct);
        ListAccess.EnsureMayChange(caller, await access.PartnerAsync(caller, ct), problem);
        Requests.EnsureExpectedVersion(request.ExpectedVersion, problem.Version, "problem");
        await flow.ChangeAsync("problem", () =>
        {
            var now = flow.Now();
            var from = problem.State;
            problem.Withdraw(request.Reason, ListChangeFlow.ActorOf(caller), now);
            db.AddRange(problem.Changes);
            db.AddIntegrationEvent(ListMapping.StateChanged(problem, from, now));
        }, ct);
        return problem.ToContract(canChange: true);
    }
}
