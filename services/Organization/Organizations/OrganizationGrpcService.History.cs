using System.Globalization;
using Alliance.Contracts.Events;
using Alliance.Contracts.Organization.V1;
using Alliance.Organization.Organizations;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Messaging;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using ContractOrganization = Alliance.Contracts.Organization.V1.Organization;
using ContractChange = Alliance.Contracts.Organization.V1.OrganizationChange;
using ContractChangeKind = Alliance.Contracts.Organization.V1.OrganizationChangeKind;
using ContractStatus = Alliance.Contracts.Organization.V1.OrganizationStatus;
using OrganizationChange = Alliance.Organization.Organizations.OrganizationChange;
using OrganizationChangeKind = Alliance.Organization.Organizations.OrganizationChangeKind;
using OrganizationKind = Alliance.Organization.Organizations.OrganizationKind;
using OrganizationStatus = Alliance.Organization.Organizations.OrganizationStatus;
using MembershipStatus = Alliance.Organization.People.MembershipStatus;
using MembershipPeriod = Alliance.Organization.People.MembershipPeriod;
using Person = Alliance.Organization.People.Person;

namespace Alliance.Organization;

/// <summary>
/// The effective-dated changes of the party tree (move, rename, merge, dissolve) and the queries over its history.
/// Each change updates the current row, records an <see cref="OrganizationChange"/> and writes its events, in one transaction.
/// </summary>
public sealed partial class OrganizationGrpcService
{
    const string StaleMessage = "The organization was changed by someone else; reload it and try again.";

    DateOnly Today => clock.GroupToday();

    public override async Task<ContractOrganization> MoveOrganization(MoveOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id).Id("newParentId", request.NewParentId);
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var organization = await LoadForChangeAsync(Guid.Parse(request.Id), request.ExpectedVersion, caller, ct);
        var newParent = await FindOrganizationAsync(Guid.Parse(request.NewParentId), "newParentId", "The new parent organization", caller, ct, share: true);

        var oldParentId = organization.ParentId;
        var now = clock.GetUtcNow();
        var oldPath = Rule(() => organization.MoveUnder(newParent, effectiveOn!.Value, now, caller.UserId));
        db.AddIntegrationEvent(new OrganizationMoved(Guid.CreateVersion7(), organization.SubsidiaryId, now,
            organization.Id, oldParentId, newParent.Id, effectiveOn!.Value));
        await SaveChangeAsync(ct);
        await RewriteDescendantsAsync(organization, oldPath, ct);
        await transaction.CommitAsync(ct);
        return ToContract(organization);
    }

    public override async Task<ContractOrganization> RenameOrganization(RenameOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id).Required("name", request.Name, PartyOrganization.MaxNameLength);
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;

        var organization = await LoadForChangeAsync(Guid.Parse(request.Id), request.ExpectedVersion, caller, ct);
        var oldName = organization.Name;
        var now = clock.GetUtcNow();
        Rule(() => organization.Rename(request.Name, effectiveOn!.Value, now, caller.UserId));
        db.AddIntegrationEvent(new OrganizationRenamed(Guid.CreateVersion7(), organization.SubsidiaryId, now,
            organization.Id, oldName, organization.Name, effectiveOn!.Value));
        await SaveChangeAsync(ct);
        return ToContract(organization);
    }

    public override async Task<ContractOrganization> MergeOrganization(MergeOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id).Id("targetId", request.TargetId);
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var day = effectiveOn!.Value;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var sourceId = Guid.Parse(request.Id);
        var targetId = Guid.Parse(request.TargetId);
        // Both ends are locked, in id order (no deadlock between two merges), so no child or member arrives meanwhile.
        await db.Organizations.FromSqlInterpolated(
            $"SELECT * FROM party_organizations WHERE id IN ({sourceId}, {targetId}) ORDER BY id FOR UPDATE").ToListAsync(ct);
        var source = await LoadForChangeAsync(sourceId, request.ExpectedVersion, caller, ct);
        var target = await db.Organizations.SingleOrDefaultAsync(o => o.Id == targetId, ct);
        if (target is null || !caller.CanAccess(target.SubsidiaryId))
            throw FieldErrors.Single("targetId", "The target organization was not found.", StatusCode.NotFound);
        var children = await db.Organizations.Where(o => o.ParentId == source.Id && o.Status == OrganizationStatus.Active).ToListAsync(ct);
        await EnsureAfterChildMovesAsync(source, day, ct);

        var now = clock.GetUtcNow();
        var moved = Rule(() => source.MergeInto(target, children, day, now, caller.UserId));
        foreach (var (child, _) in moved)
            db.AddIntegrationEvent(new OrganizationMoved(Guid.CreateVersion7(), source.SubsidiaryId, now, child.Id, source.Id, target.Id, day));

        // Members move with their organization, each by the person's own transfer, so their membership history is kept.
        var members = await PeopleWithCurrentMembershipInAsync(source.Id, ct);
        foreach (var person in members)
        {
            var from = Rule(() => People(person, () => person.Transfer(target.Id, day, Today)));
            db.AddIntegrationEvent(new MemberTransferred(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, from, target.Id, day));
        }
        await EndRolesInAsync(source.Id, day, now, members, ct);
        db.AddIntegrationEvent(new OrganizationsMerged(Guid.CreateVersion7(), source.SubsidiaryId, now, source.Id, target.Id, source.Kind.ToEventName(), day));
        await SaveChangeAsync(ct);
        foreach (var (child, oldPath) in moved) await RewriteDescendantsAsync(child, oldPath, ct);
        await transaction.CommitAsync(ct);
        return ToContract(source);
    }

    public override async Task<ContractOrganization> DissolveOrganization(DissolveOrganizationRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("id", request.Id);
        var effectiveOn = EffectiveOn(errors, request.EffectiveOn);
        errors.ThrowIfAny();
        var ct = context.CancellationToken;
        var day = effectiveOn!.Value;

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Locked until commit: a child created or moved here concurrently either waits and then finds it dissolved, or is counted.
        var organization = await LoadForChangeAsync(Guid.Parse(request.Id), request.ExpectedVersion, caller, ct, exclusive: true);
        var activeChildren = await db.Organizations.CountAsync(o => o.ParentId == organization.Id && o.Status == OrganizationStatus.Active, ct);
        var currentMembers = await CurrentMembers(organization.Id).CountAsync(ct);
        var now = clock.GetUtcNow();
        Rule(() => organization.Dissolve(activeChildren, currentMembers, day, now, caller.UserId));
        await EnsureAfterChildMovesAsync(organization, day, ct);
        await EndRolesInAsync(organization.Id, day, now, [], ct);
        db.AddIntegrationEvent(new OrganizationDissolved(Guid.CreateVersion7(), organization.SubsidiaryId, now, organization.Id, organization.Kind.ToEventName(), day));
        await SaveChangeAsync(ct);
        await transaction.CommitAsync(ct);
        return ToContract(organization);
    }

    public override async Task<OrganizationHistory> GetOrganizationHistory(GetOrganizationHistoryRequest request, ServerCallContext context)
    {
        var organization = await FindReadableAsync(request.Id, context);
        var changes = await db.Set<OrganizationChange>().AsNoTracking().Where(c => c.OrganizationId == organization.Id)
            .OrderByDescending(c => c.EffectiveOn).ThenByDescending(c => c.RecordedAt).ThenByDescending(c => c.Id)
            .ToListAsync(context.CancellationToken);
        var result = new OrganizationHistory();
        result.Changes.AddRange(changes.Select(ToContract));
        return result;
    }

    public override async Task<OrganizationPath> GetOrganizationPath(GetOrganizationPathRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", request.Id).ThrowIfAny();
        var id = Guid.Parse(request.Id);
        // One statement: the node's materialized path names its ancestors, which are then read by primary key.
        var ancestors = await db.Organizations.FromSqlInterpolated($"""
            SELECT a.* FROM party_organizations n
            JOIN party_organizations a ON a.id = ANY (string_to_array(n.path, '/')::uuid[])
            WHERE n.id = {id}
            """).AsNoTracking().OrderBy(o => o.Depth).ToListAsync(context.CancellationToken);
        if (ancestors.Count == 0 || !caller.CanAccess(ancestors[0].SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));
        var result = new OrganizationPath();
        result.Items.AddRange(ancestors.Select(ToContract));
        return result;
    }

    public override async Task<SubtreeCounts> GetSubtreeCounts(GetSubtreeCountsRequest request, ServerCallContext context)
    {
        var root = await FindReadableAsync(request.Id, context);
        var ct = context.CancellationToken;
        var prefix = root.Path + PartyOrganization.PathSeparator + "%";
        var subtree = db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == root.SubsidiaryId &&
            o.Status == OrganizationStatus.Active && (o.Id == root.Id || EF.Functions.Like(o.Path, prefix)));
        var byKind = await subtree.GroupBy(o => o.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var members = await db.Set<MembershipPeriod>().AsNoTracking()
            .CountAsync(m => m.To == null && m.Status != MembershipStatus.TransferredOut && subtree.Any(o => o.Id == m.OrganizationId), ct);
        int Of(OrganizationKind kind) => byKind.Where(k => k.Kind == kind).Sum(k => k.Count);
        return new SubtreeCounts
        {
            Organizations = byKind.Sum(k => k.Count),
            Committees = Of(OrganizationKind.Committee),
            GeneralBranches = Of(OrganizationKind.GeneralBranch),
            Branches = Of(OrganizationKind.Branch),
            Groups = Of(OrganizationKind.Group),
            Members = members,
        };
    }

    public override async Task<ListOrganizationsResponse> GetTreeAsOf(GetTreeAsOfRequest request, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        var errors = new FieldErrors().Id("subsidiaryId", request.SubsidiaryId);
        var asOf = ParseDate(request.AsOf);
        if (string.IsNullOrWhiteSpace(request.AsOf)) errors.Add("asOf", "is required.");
        else if (asOf is null) errors.Add("asOf", "must be a date as yyyy-MM-dd.");
        errors.ThrowIfAny();
        var subsidiaryId = Guid.Parse(request.SubsidiaryId);
        caller.EnsureCanAccess(subsidiaryId, "The subsidiary");
        var ct = context.CancellationToken;

        var changes = await db.Set<OrganizationChange>().AsNoTracking()
            .Where(c => c.SubsidiaryId == subsidiaryId && c.EffectiveOn <= asOf!.Value).ToListAsync(ct);
        var current = await db.Organizations.AsNoTracking().Where(o => o.SubsidiaryId == subsidiaryId).ToDictionaryAsync(o => o.Id, ct);
        var tree = PastTree.TreeAsOf(changes, current.ToDictionary(p => p.Key, p => p.Value.Kind), asOf!.Value);
        var response = new ListOrganizationsResponse { Total = tree.Count };
        response.Items.AddRange(tree.Select(node =>
        {
            var now = ToContract(current[node.Id]);
            // As it stood that day: name, parent and place in the tree then; it existed, so it was active.
            now.Name = node.Name;
            now.Path = node.Path;
            now.Depth = node.Depth;
            now.Status = ContractStatus.Active;
            now.ClearParentId();
            if (node.ParentId is { } parent) now.ParentId = parent.ToString();
            now.ClearEndedOn();
            now.ClearMergedIntoId();
            return now;
        }));
        return response;
    }

    // ---- helpers

    async Task<PartyOrganization> LoadForChangeAsync(Guid id, long expectedVersion, CallerScope caller, CancellationToken ct, bool exclusive = false)
    {
        if (exclusive) await LockAsync(id, exclusive: true, ct);
        var organization = await db.Organizations.SingleOrDefaultAsync(o => o.Id == id, ct);
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));
        if (expectedVersion != 0 && expectedVersion != organization.Version)
            throw new RpcException(new Status(StatusCode.Aborted, StaleMessage));
        return organization;
    }

    /// <summary>
    /// Reads an organization with a row lock held until the transaction ends: FOR SHARE by whoever adds a child under it,
    /// FOR UPDATE by whoever ends it (dissolve, merge). Needs an open transaction.
    /// </summary>
    async Task<PartyOrganization?> LockAsync(Guid id, bool exclusive, CancellationToken ct)
    {
        var rows = exclusive
            ? db.Organizations.FromSqlInterpolated($"SELECT * FROM party_organizations WHERE id = {id} FOR UPDATE")
            : db.Organizations.FromSqlInterpolated($"SELECT * FROM party_organizations WHERE id = {id} FOR SHARE");
        return (await rows.AsNoTracking().ToListAsync(ct)).SingleOrDefault();
    }

    async Task<PartyOrganization> FindOrganizationAsync(Guid id, string field, string what, CallerScope caller, CancellationToken ct, bool share = false)
    {
        var organization = share ? await LockAsync(id, exclusive: false, ct)
            : await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, ct);
        // One in a subsidiary the caller cannot see is reported as missing, not as belonging elsewhere.
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw FieldErrors.Single(field, $"{what} was not found.", StatusCode.NotFound);
        return organization;
    }

    async Task<PartyOrganization> FindReadableAsync(string rawId, ServerCallContext context)
    {
        var caller = CallerScope.From(context);
        new FieldErrors().Id("id", rawId).ThrowIfAny();
        var id = Guid.Parse(rawId);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == id, context.CancellationToken);
        if (organization is null || !caller.CanAccess(organization.SubsidiaryId))
            throw new RpcException(new Status(StatusCode.NotFound, "The organization was not found."));
        return organization;
    }

    /// <summary>
    /// An organization cannot end before a sub-organization moved in or out of it, or the tree of a day between the two
    /// would show a child under an organization that no longer existed.
    /// </summary>
    async Task EnsureAfterChildMovesAsync(PartyOrganization organization, DateOnly effectiveOn, CancellationToken ct)
    {
        var latest = await db.Set<OrganizationChange>().AsNoTracking()
            .Where(c => c.OrganizationId != organization.Id && (c.OldParentId == organization.Id || c.NewParentId == organization.Id))
            .MaxAsync(c => (DateOnly?)c.EffectiveOn, ct);
        Rule(() => { PartyOrganization.EnsureNotBefore(effectiveOn, latest, "the last sub-organization moved in or out"); return 0; });
    }

    IQueryable<MembershipPeriod> CurrentMembers(Guid organizationId) => db.Set<MembershipPeriod>()
        .Where(m => m.OrganizationId == organizationId && m.To == null && m.Status != MembershipStatus.TransferredOut);

    Task<List<Person>> PeopleWithCurrentMembershipInAsync(Guid organizationId, CancellationToken ct) =>
        db.Set<Person>().Include(p => p.Memberships).Include(p => p.Roles).AsSplitQuery()
            .Where(p => p.Memberships.Any(m => m.OrganizationId == organizationId && m.To == null && m.Status != MembershipStatus.TransferredOut))
            .ToListAsync(ct);

    /// <summary>Ends every role in the organization still running on <paramref name="endsOn"/>, through the person, announcing each as RoleEnded; touches every person changed.</summary>
    async Task EndRolesInAsync(Guid organizationId, DateOnly endsOn, DateTimeOffset now, List<Person> alreadyLoaded, CancellationToken ct)
    {
        var loaded = alreadyLoaded.Select(p => p.Id).ToHashSet();
        var holders = await db.Set<Person>().Include(p => p.Memberships).Include(p => p.Roles).AsSplitQuery()
            .Where(p => !loaded.Contains(p.Id) && p.Roles.Any(r => r.OrganizationId == organizationId && (r.EndsOn == null || r.EndsOn > endsOn)))
            .ToListAsync(ct);
        foreach (var person in alreadyLoaded.Concat(holders))
        {
            foreach (var role in person.Roles.Where(r => r.OrganizationId == organizationId && (r.EndsOn is null || r.EndsOn > endsOn)).ToList())
            {
                var end = role.StartsOn > endsOn ? role.StartsOn : endsOn;
                if (role.EndsOn is { } current && current <= end) continue;
                People(person, () => person.EndRole(role.Id, end));
                db.AddIntegrationEvent(new RoleEnded(Guid.CreateVersion7(), person.SubsidiaryId, now, person.Id, role.Id, organizationId, role.Role.ToName(), end));
            }
            person.Touch(now);
        }
    }

    /// <summary>Applies a rule of the people aggregate, reporting its breach as a rule of this change (the date, mostly).</summary>
    static T People<T>(Person person, Func<T> rule)
    {
        try
        {
            return rule();
        }
        catch (PeopleRuleException ex)
        {
            throw new OrganizationRuleException("effectiveOn", $"{person.Name}: {ex.Field} {ex.Message}");
        }
    }

    async Task SaveChangeAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new RpcException(new Status(StatusCode.Aborted, StaleMessage));
        }
    }

    /// <summary>Descendants keep their place under a moved node: rewrite their path prefix and depth in one statement.</summary>
    async Task RewriteDescendantsAsync(PartyOrganization moved, string oldPath, CancellationToken ct)
    {
        var prefix = oldPath + PartyOrganization.PathSeparator;
        var depthShift = moved.Depth - oldPath.Count(c => c == PartyOrganization.PathSeparator);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE party_organizations SET path = {moved.Path + PartyOrganization.PathSeparator} || substr(path, {prefix.Length + 1}), depth = depth + {depthShift} WHERE subsidiary_id = {moved.SubsidiaryId} AND path LIKE {prefix + "%"}", ct);
    }

    static T Rule<T>(Func<T> rule)
    {
        try
        {
            return rule();
        }
        catch (OrganizationRuleException ex)
        {
            throw FieldErrors.Single(ex.Field, ex.Message, StatusCode.FailedPrecondition);
        }
    }

    static void Rule(Action rule) => Rule(() => { rule(); return 0; });

    static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The effective date of a change: as given, or today (the group's calendar) when empty.</summary>
    DateOnly? EffectiveOn(FieldErrors errors, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return Today;
        var date = ParseDate(value);
        if (date is null) errors.Add("effectiveOn", "must be a date as yyyy-MM-dd.");
        return date;
    }

    static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static ContractStatus ToContract(OrganizationStatus status) => status switch
    {
        OrganizationStatus.Active => ContractStatus.Active,
        OrganizationStatus.Dissolved => ContractStatus.Dissolved,
        OrganizationStatus.Merged => ContractStatus.Merged,
        _ => ContractStatus.Unspecified,
    };

    static ContractChangeKind ToContract(OrganizationChangeKind kind) => kind switch
    {
        OrganizationChangeKind.Created => ContractChangeKind.Created,
        OrganizationChangeKind.Renamed => ContractChangeKind.Renamed,
        OrganizationChangeKind.Moved => ContractChangeKind.Moved,
        OrganizationChangeKind.Merged => ContractChangeKind.Merged,
        OrganizationChangeKind.Dissolved => ContractChangeKind.Dissolved,
        OrganizationChangeKind.Absorbed => ContractChangeKind.Absorbed,
        _ => ContractChangeKind.Unspecified,
    };

    static ContractChange ToContract(OrganizationChange c)
    {
        var result = new ContractChange
        {
            Id = c.Id.ToString(),
            OrganizationId = c.OrganizationId.ToString(),
            Kind = ToContract(c.Kind),
            EffectiveOn = Format(c.EffectiveOn),
            RecordedAt = Timestamp.FromDateTimeOffset(c.RecordedAt),
            RecordedBy = c.RecordedBy ?? "",
        };
        if (c.OldName is not null) result.OldName = c.OldName;
        if (c.NewName is not null) result.NewName = c.NewName;
        if (c.OldParentId is { } oldParent) result.OldParentId = oldParent.ToString();
        if (c.NewParentId is { } newParent) result.NewParentId = newParent.ToString();
        if (c.MergedIntoId is { } into) result.MergedIntoId = into.ToString();
        if (c.MergedFromId is { } from) result.MergedFromId = from.ToString();
        return result;
    }
}
