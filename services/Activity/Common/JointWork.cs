using Alliance.Activity.Data;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Activity.Common;

/// <summary>
/// What the caller sees of an alliance's joint work (tackling projects, cooperation agreements, practical projects,
/// shared results): everything (a group admin), nothing (a partner), or what their subsidiary owns and what belongs to
/// the alliances their subsidiary leads or has a current member unit in.
/// </summary>
public sealed record JointWorkSight(bool All, Guid Tenant, Guid[] Alliances)
{
    public static readonly JointWorkSight Nothing = new(false, Guid.Empty, []);

    public bool Sees(Guid subsidiaryId, Guid? allianceId) =>
        All || subsidiaryId == Tenant && Tenant != Guid.Empty || allianceId is { } a && Alliances.Contains(a);
}

/// <summary>
/// Who sees and who changes the joint work of alliances in one place, the same rule for all four features (ADR 41):
/// members of an alliance (every role of a subsidiary that leads it or has a current member unit in it) see its work, and
/// the owning subsidiary sees what it owns; administrators and secretaries of the owning subsidiary change it, a group
/// admin everything. Registering for an alliance takes its lead's or a current member unit's administrators and
/// secretaries; a unit's own record (an agreement's creator, a practical project, a shared result, a reuse) is registered
/// by its subsidiary, an external unit's by the lead's. Partners see none of it (closed by default: the gateway does not
/// open these endpoints and no method carries [PartnerAccess]).
/// </summary>
public sealed class JointWorkAccess(IOrganizationDirectory directory)
{
    public async Task<JointWorkSight> SightAsync(CallerScope caller, CancellationToken ct)
    {
        if (caller.IsGroupAdmin) return new JointWorkSight(true, Guid.Empty, []);
        if (caller.IsPartner || caller.TenantId is null) return JointWorkSight.Nothing;
        return new JointWorkSight(false, caller.TenantId.Value, [.. await directory.AlliancesOfAsync(caller, ct)]);
    }

    /// <summary>NOT_FOUND unless the caller sees it (partners never do).</summary>
    public async Task EnsureSeesAsync(CallerScope caller, Guid subsidiaryId, Guid? allianceId, string what, CancellationToken ct)
    {
        if (!(await SightAsync(caller, ct)).Sees(subsidiaryId, allianceId)) throw NotFound(what);
    }

    public static bool MayChange(CallerScope caller, Guid owningSubsidiaryId) =>
        caller.MayPlan() && (caller.IsGroupAdmin || caller.TenantId == owningSubsidiaryId);

    public static void EnsureMayChange(CallerScope caller, Guid owningSubsidiaryId, string what)
    {
        caller.EnsureMayPlan($"change a {what}");
        if (!MayChange(caller, owningSubsidiaryId))
            throw Denied($"Only administrators and secretaries of the subsidiary that owns the {what} may change it.");
    }

    /// <summary>The alliance as the caller may name it; NOT_FOUND on <paramref name="field"/> otherwise.</summary>
    public async Task<AllianceFacts> AllianceAsync(CallerScope caller, string allianceId, string field, CancellationToken ct) =>
        await directory.FindAllianceAsync(caller, Guid.Parse(allianceId), ct)
        ?? throw FieldErrors.Single(field, "No alliance with that id that you take part in.", StatusCode.NotFound);

    /// <summary>Registering for an alliance: its lead's or a current member unit's administrators and secretaries (a group admin always).</summary>
    public static void EnsureMayRegisterFor(CallerScope caller, AllianceFacts alliance, string action)
    {
        caller.EnsureMayPlan(action);
        if (caller.IsGroupAdmin) return;
        var tenant = caller.TenantId!.Value;
        if (alliance.LeadSubsidiaryId != tenant && !alliance.Members.Any(m => m.Current && m.SubsidiaryId == tenant))
            throw Denied($"Only administrators and secretaries of the alliance's lead or member units may {action}.");
    }

    /// <summary>
    /// The current member unit <paramref name="memberUnitId"/> of the alliance, which the caller may act for: their
    /// subsidiary's unit, or an external unit when they administer the alliance's lead (a group admin any unit).
    /// </summary>
    public static MemberUnitFacts UnitActedFor(CallerScope caller, AllianceFacts alliance, string memberUnitId, string field)
    {
        var unit = alliance.Members.FirstOrDefault(m => m.Current && m.Id == Guid.Parse(memberUnitId))
            ?? throw FieldErrors.Single(field, "is not a current member unit of the alliance.", StatusCode.NotFound);
        if (caller.IsGroupAdmin) return unit;
        var tenant = caller.TenantId!.Value;
        if (unit.SubsidiaryId == tenant || unit.SubsidiaryId is null && alliance.LeadSubsidiaryId == tenant) return unit;
        throw Denied("You may register only for your subsidiary's units (the alliance's lead also for its units outside the group).");
    }

    /// <summary>Whose subsidiary owns what a unit registered: the unit's, or the lead's for a unit outside the group.</summary>
    public static Guid OwnerOf(MemberUnitFacts unit, AllianceFacts alliance) => unit.SubsidiaryId ?? alliance.LeadSubsidiaryId;

    static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    public static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, $"The {what} was not found."));
}

/// <summary>
/// The steps every create and change of an alliance's joint work shares (generalized from the activity's change flow):
/// a create remembers its client request id and saves what it made with its events in one transaction, answering a retry
/// with the first result; a change checks the version, applies the rule-checked change and saves it with its audit
/// entries and events, a concurrent change answered as such. A broken rule is answered on its field and writes nothing.
/// </summary>
public sealed class JointWorkFlow(ActivityDbContext db, TimeProvider clock)
{
    public static Actor ActorOf(CallerScope caller) => new(caller.UserId ?? "unknown", caller.Role);

    public DateTimeOffset Now => clock.GetUtcNow().ToUniversalTime();

    /// <param name="create">Checks the request, adds what it creates (and its events) to the context, and answers its id.</param>
    /// <returns>The id created, or the one an earlier request with the same client request id created.</returns>
    public async Task<Guid> CreateAsync(CallerScope caller, string operation, string? clientRequestId,
        Func<Actor, DateTimeOffset, Task<Guid>> create, CancellationToken ct)
    {
        var key = ClientRequests.KeyFor(operation, caller.TenantId, clientRequestId);
        if (await db.FindClientRequestAsync(key, ct) is { } earlier) return earlier;
        var now = Now;
        Guid id;
        try
        {
            id = await create(ActorOf(caller), now);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        db.RememberClientRequest(key, id, now);
        return await db.SaveCreateAsync(key, ct) ?? id;
    }

    /// <param name="change">Applies the change (adding its audit entries and events to the context).</param>
    public async Task ChangeAsync(CallerScope caller, long expectedVersion, long version, string what,
        Action<Actor, DateTimeOffset> change, CancellationToken ct)
    {
        Requests.EnsureExpectedVersion(expectedVersion, version, what);
        try
        {
            change(ActorOf(caller), Now);
        }
        catch (ActivityRuleException ex)
        {
            throw ex.ToRpc();
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw Requests.Stale(what);
        }
    }
}
