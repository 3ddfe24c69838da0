using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Messaging;
using Alliance.Talent.Data;
using Alliance.Talent.Lists;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Talent.Profiles;

/// <summary>
/// Profiles kept current from the organization service's people, membership and HR events. Whichever event about a
/// person comes first begins the profile; each part of it keeps the time of the event that set it, so an older event
/// arriving after a newer one changes nothing; the inbox makes a redelivered event change nothing either.
/// </summary>
static class Profiles
{
    /// <summary>The person's profile, tracked: one begun earlier in this transaction (a batch of events shares one), stored, or new.</summary>
    public static async Task<Profile> OfAsync(TalentDbContext db, Guid personId, Guid subsidiaryId, DateTimeOffset at, CancellationToken ct)
    {
        var profile = db.Profiles.Local.FirstOrDefault(p => p.PersonId == personId)
            ?? await db.Profiles.SingleOrDefaultAsync(p => p.PersonId == personId, ct);
        if (profile is not null) return profile;
        profile = Profile.Begin(personId, subsidiaryId, at);
        db.Profiles.Add(profile);
        return profile;
    }
}

public sealed class PersonRegisteredConsumer(TalentDbContext db) : IdempotentConsumer<TalentDbContext, PersonRegistered>(db)
{
    protected override async Task HandleAsync(PersonRegistered m, TalentDbContext db, CancellationToken ct) =>
        (await Profiles.OfAsync(db, m.PersonId, m.TenantId, m.OccurredAt, ct)).ApplyPerson(m.Name, m.Kind, m.TenantId, m.OccurredAt);
}

public sealed class PersonUpdatedConsumer(TalentDbContext db) : IdempotentConsumer<TalentDbContext, PersonUpdated>(db)
{
    protected override async Task HandleAsync(PersonUpdated m, TalentDbContext db, CancellationToken ct) =>
        (await Profiles.OfAsync(db, m.PersonId, m.TenantId, m.OccurredAt, ct)).ApplyPerson(m.Name, kind: null, m.TenantId, m.OccurredAt);
}

public sealed class MemberJoinedConsumer(TalentDbContext db) : IdempotentConsumer<TalentDbContext, MemberJoined>(db)
{
    protected override async Task HandleAsync(MemberJoined m, TalentDbContext db, CancellationToken ct)
    {
        var profile = await Profiles.OfAsync(db, m.PersonId, m.TenantId, m.OccurredAt, ct);
        profile.ApplyOrganization(m.OrganizationId, m.OccurredAt);
        profile.ApplyStatus(m.Status, m.JoinedOn, m.OccurredAt);
    }
}

public sealed class MemberTransferredConsumer(TalentDbContext db) : IdempotentConsumer<TalentDbContext, MemberTransferred>(db)
{
    protected override async Task HandleAsync(MemberTransferred m, TalentDbContext db, CancellationToken ct) =>
        (await Profiles.OfAsync(db, m.PersonId, m.TenantId, m.OccurredAt, ct)).ApplyOrganization(m.ToOrganizationId, m.OccurredAt);
}

public sealed class MemberStatusChangedConsumer(TalentDbContext db) : IdempotentConsumer<TalentDbContext, MemberStatusChanged>(db)
{
    protected override async Task HandleAsync(MemberStatusChanged m, TalentDbContext db, CancellationToken ct)
    {
        var profile = await Profiles.OfAsync(db, m.PersonId, m.TenantId, m.OccurredAt, ct);
        profile.ApplyOrganization(m.OrganizationId, m.OccurredAt);
        profile.ApplyStatus(m.NewStatus, joinedOn: null, m.OccurredAt);
    }
}

public sealed class PersonSyncedFromHrConsumer(TalentDbContext db) : IdempotentConsumer<TalentDbContext, PersonSyncedFromHr>(db)
{
    protected override async Task HandleAsync(PersonSyncedFromHr m, TalentDbContext db, CancellationToken ct)
    {
        var profile = await Profiles.OfAsync(db, m.PersonId, m.TenantId, m.OccurredAt, ct);
        profile.ApplyHr(m.Title, m.Department, m.Active, m.OccurredAt);
        if (profile.Name.Length == 0) profile.ApplyPerson(m.Name, kind: null, m.TenantId, DateTimeOffset.MinValue);
        if (!m.Active) await LeftInHr.FlagEntriesAsync(db, profile, m.OccurredAt, ct);
    }
}

/// <summary>HR says the person left: the profile and every open entry of theirs on a list are flagged, never removed.</summary>
public sealed class PersonLeftInHrConsumer(TalentDbContext db) : IdempotentConsumer<TalentDbContext, PersonLeftInHr>(db)
{
    protected override async Task HandleAsync(PersonLeftInHr m, TalentDbContext db, CancellationToken ct)
    {
        var profile = await Profiles.OfAsync(db, m.PersonId, m.TenantId, m.OccurredAt, ct);
        profile.ApplyLeftInHr(m.OccurredAt);
        await LeftInHr.FlagEntriesAsync(db, profile, m.OccurredAt, ct);
    }
}

public static class ProfileConsumers
{
    public static readonly Type[] All =
    [
        typeof(PersonRegisteredConsumer), typeof(PersonUpdatedConsumer), typeof(MemberJoinedConsumer), typeof(MemberTransferredConsumer),
        typeof(MemberStatusChangedConsumer), typeof(PersonSyncedFromHrConsumer), typeof(PersonLeftInHrConsumer),
    ];
}
