using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.Organization.People;
using Microsoft.EntityFrameworkCore;

namespace Alliance.Organization.HrSync;

/// <summary>What matched a new HR user to an existing person (in this order of preference).</summary>
public enum HrMatchedBy { EmployeeNumber, ExternalId, None }

/// <summary>A current or coming party role of a person, with its organization's name (for a conflict's details).</summary>
public sealed record HeldRole(Guid Id, OrganizationRoleKind Role, string Organization);

/// <summary>
/// What the HR apply path (<see cref="HrEmployeeSync"/>) looks up to match and to detect conflicts. One record at a time
/// (SCIM) asks the database each time (<see cref="HrDatabaseLookups"/>); a file's batch of thousands loads everything its
/// records can reach in a few set queries first (<see cref="HrBatchLookups"/>), so both take the same decisions.
/// Entities returned may be untracked (a batch's): the apply path calls <see cref="Changing"/> before it changes one,
/// and its changes are then saved with the rest.
/// </summary>
public interface IHrApplyLookups
{
    /// <summary>The subsidiary's (not deleted) HR user with this employee number, the earliest created if several.</summary>
    Task<HrUser?> UserByEmployeeNumberAsync(Guid tenant, string number, CancellationToken ct);
    /// <summary>The subsidiary's (not deleted) HR user with this externalId, the earliest created if several.</summary>
    Task<HrUser?> UserByExternalIdAsync(Guid tenant, string externalId, CancellationToken ct);
    /// <summary>A (not deleted) HR user of the subsidiary has this lower-cased userName.</summary>
    Task<bool> UserNameTakenAsync(Guid tenant, string userNameKey, CancellationToken ct);
    /// <summary>
    /// The person a new HR user is matched to: the subsidiary's person with this employee number (the earliest created if
    /// several), else the person of the latest HR user (deleted ones included) with this externalId; and which of the two
    /// matched. Either value may be null (not asked).
    /// </summary>
    Task<(Person? Person, HrMatchedBy By)> MatchPersonAsync(Guid tenant, string? number, string? externalId, CancellationToken ct);
    Task<Person> PersonAsync(Guid id, CancellationToken ct);
    /// <summary>A (not deleted) HR user is matched to the person.</summary>
    Task<bool> PersonHasUserAsync(Guid personId, CancellationToken ct);
    /// <summary>The person's roles that have not ended before <paramref name="today"/>, by start.</summary>
    Task<IReadOnlyList<HeldRole>> CurrentRolesAsync(Guid personId, DateOnly today, CancellationToken ct);
    Task<bool> HasOpenRoleConflictAsync(Guid personId, CancellationToken ct);
    /// <summary>
    /// Told just before the apply path changes a user or person it was handed, so the change is saved: a batch hands out
    /// rows it loaded untracked (most records of a daily file change nothing) and tracks only those that change.
    /// </summary>
    void Changing(object entity);
    /// <summary>
    /// A new row of the apply path: saved with the rest (single records add it to the context; a batch keeps it for one
    /// COPY per table, untracked) and seen by the batch's later records.
    /// </summary>
    void Add(HrUser user);
    void Add(Person person);
    void Add(HrConflict conflict);
    /// <summary>Told of a user or person the apply path changed (a new number or externalId), so later records of a batch see it.</summary>
    void Added(HrUser user);
    void Added(Person person);
}

/// <summary>Each question a query: for single records (SCIM, a connector's record).</summary>
public sealed class HrDatabaseLookups(OrganizationDbContext db) : IHrApplyLookups
{
    public Task<HrUser?> UserByEmployeeNumberAsync(Guid tenant, string number, CancellationToken ct) =>
        db.Set<HrUser>().Where(u => u.SubsidiaryId == tenant && u.EmployeeNumber == number).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(ct);

    public Task<HrUser?> UserByExternalIdAsync(Guid tenant, string externalId, CancellationToken ct) =>
        db.Set<HrUser>().Where(u => u.SubsidiaryId == tenant && u.ExternalId == externalId).OrderBy(u => u.CreatedAt).FirstOrDefaultAsync(ct);

    public Task<bool> UserNameTakenAsync(Guid tenant, string userNameKey, CancellationToken ct) =>
        db.Set<HrUser>().AnyAsync(u => u.SubsidiaryId == tenant && u.UserNameKey == userNameKey, ct);

    /// <summary>Both questions in one query (a new employee, the usual SCIM create, matches neither), then the person found.</summary>
    public async Task<(Person? Person, HrMatchedBy By)> MatchPersonAsync(Guid tenant, string? number, string? externalId, CancellationToken ct)
    {
        var byNumber = db.Set<Person>().Where(p => number != null && p.SubsidiaryId == tenant && p.EmployeeNumber == number)
            .OrderBy(p => p.CreatedAt).Select(p => new { PersonId = p.Id, By = HrMatchedBy.EmployeeNumber }).Take(1);
        var byExternalId = db.Set<HrUser>().IgnoreQueryFilters().Where(u => externalId != null && u.SubsidiaryId == tenant && u.ExternalId == externalId)
            .OrderByDescending(u => u.LastModified).Select(u => new { u.PersonId, By = HrMatchedBy.ExternalId }).Take(1);
        var match = await byNumber.Concat(byExternalId).OrderBy(m => m.By).FirstOrDefaultAsync(ct);
        if (match is null) return (null, HrMatchedBy.None);
        var person = await db.Set<Person>().SingleOrDefaultAsync(p => p.Id == match.PersonId, ct);
        return person is null ? (null, HrMatchedBy.None) : (person, match.By);
    }

    public Task<Person> PersonAsync(Guid id, CancellationToken ct) => db.Set<Person>().SingleAsync(p => p.Id == id, ct);

    public Task<bool> PersonHasUserAsync(Guid personId, CancellationToken ct) => db.Set<HrUser>().AnyAsync(u => u.PersonId == personId, ct);

    public async Task<IReadOnlyList<HeldRole>> CurrentRolesAsync(Guid personId, DateOnly today, CancellationToken ct) =>
        await (from r in db.Set<OrganizationRole>().AsNoTracking()
               join o in db.Set<PartyOrganization>() on r.OrganizationId equals o.Id
               where r.PersonId == personId && (r.EndsOn == null || r.EndsOn >= today)
               orderby r.StartsOn, r.Id
               select new HeldRole(r.Id, r.Role, o.Name)).ToListAsync(ct);

    public Task<bool> HasOpenRoleConflictAsync(Guid personId, CancellationToken ct) =>
        db.Set<HrConflict>().AnyAsync(c => c.PersonId == personId && c.Kind == HrConflict.PartyRoleKind && !c.Resolved, ct);

    public void Changing(object entity) { } // everything handed out is tracked already
    public void Add(HrUser user) => db.Add(user);
    public void Add(Person person) => db.Add(person);
    public void Add(HrConflict conflict) => db.Add(conflict);
    public void Added(HrUser user) { }
    public void Added(Person person) { }
}

/// <summary>
/// Everything a batch of file records can reach, loaded up front in a few set queries (by the batch's employee numbers
/// and externalIds, then the people those lead to, their HR users, roles and open conflicts), and kept in step with what
/// the batch adds. Answers as <see cref="HrDatabaseLookups"/> would for the same database state, except that a userName
/// is taken only by a user loaded or added here (the unique index finds the others when the batch is written).
/// </summary>
public sealed class HrBatchLookups : IHrApplyLookups
{
    readonly Dictionary<string, HrUser> _usersByNumber = new(StringComparer.Ordinal);
    readonly Dictionary<string, HrUser> _usersByExternalId = new(StringComparer.Ordinal);
    readonly HashSet<string> _userNameKeys = new(StringComparer.Ordinal);
    readonly Dictionary<string, Person> _peopleByNumber = new(StringComparer.Ordinal);
    readonly Dictionary<string, (Guid PersonId, DateTimeOffset LastModified)> _anyUserByExternalId = new(StringComparer.Ordinal);
    readonly Dictionary<Guid, Person> _people = [];
    readonly HashSet<Guid> _peopleWithUsers = [];
    readonly Dictionary<Guid, List<(HeldRole Role, DateOnly StartsOn, DateOnly? EndsOn)>> _roles = [];
    readonly HashSet<Guid> _openConflicts = [];

    readonly OrganizationDbContext _db;

    HrBatchLookups(OrganizationDbContext db) => _db = db;

    /// <param name="numbers">The batch's employee numbers, trimmed.</param>
    /// <param name="externalIds">The batch's externalIds, trimmed.</param>
    public static async Task<HrBatchLookups> LoadAsync(OrganizationDbContext db, Guid tenant, IReadOnlyCollection<string> numbers,
        IReadOnlyCollection<string> externalIds, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is not null) return await LoadInAsync(db, tenant, numbers, externalIds, ct);
        // Each query looks up at most a batch of keys (2,000) on an index. While a first load grows the tables, the planner
        // judged a scan of the whole table with the keys hashed cheaper than 2,000 index probes, and chose it until the
        // tables held about 150,000 rows: 10-25 ms a query instead of 2 ms, growing with the table, four times a batch.
        // Scans are ruled out for these queries only, in a transaction of their own (SET LOCAL ends with it).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off", ct);
        var lookups = await LoadInAsync(db, tenant, numbers, externalIds, ct);
        await tx.CommitAsync(ct);
        return lookups;
    }

    static async Task<HrBatchLookups> LoadInAsync(OrganizationDbContext db, Guid tenant, IReadOnlyCollection<string> numbers,
        IReadOnlyCollection<string> externalIds, CancellationToken ct)
    {
        var lookups = new HrBatchLookups(db);
        string[] n = [.. numbers.Distinct()], x = [.. externalIds.Distinct()];

        // One query per key, each on its index (an OR of the three is planned as a scan of the subsidiary's HR users).
        // Users and people are read untracked: a record that changes one attaches it first (Changing), so the batch's
        // change detection and SaveChanges see only the rows that change, not every row of a daily file.
        var users = new List<HrUser>();
        if (n.Length > 0) users.AddRange(await db.Set<HrUser>().AsNoTracking().Where(u => u.SubsidiaryId == tenant && n.Contains(u.EmployeeNumber!)).ToListAsync(ct));
        if (x.Length > 0) users.AddRange(await db.Set<HrUser>().AsNoTracking().Where(u => u.SubsidiaryId == tenant && x.Contains(u.ExternalId!)).ToListAsync(ct));
        users = [.. users.DistinctBy(u => u.Id)]; // one instance per row, as tracking would have made it
        foreach (var user in users.OrderBy(u => u.CreatedAt)) lookups.Index(user);
        // Whether a new user's userName is taken is not asked of the database: the unique index refuses a taken one when
        // the batch is written, and the batch is then applied again record by record (HrDatabaseLookups asks), so only
        // the clashing rows fail. A name is taken here only by the users the batch loaded or adds.

        var anyUsers = x.Length == 0 ? [] : await db.Set<HrUser>().IgnoreQueryFilters().AsNoTracking().Where(u => u.SubsidiaryId == tenant && x.Contains(u.ExternalId!))
            .Select(u => new { u.ExternalId, u.PersonId, u.LastModified }).ToListAsync(ct);
        foreach (var u in anyUsers.OrderByDescending(u => u.LastModified)) lookups._anyUserByExternalId.TryAdd(u.ExternalId!, (u.PersonId, u.LastModified));

        var byNumber = n.Length == 0 ? [] : await db.Set<Person>().AsNoTracking().Where(p => p.SubsidiaryId == tenant && n.Contains(p.EmployeeNumber!)).ToListAsync(ct);
        foreach (var person in byNumber.OrderBy(p => p.CreatedAt))
        {
            lookups._people.TryAdd(person.Id, person);
            lookups._peopleByNumber.TryAdd(person.EmployeeNumber!, person);
        }
        var missing = users.Select(u => u.PersonId).Concat(anyUsers.Select(u => u.PersonId)).Where(id => !lookups._people.ContainsKey(id)).Distinct().ToArray();
        if (missing.Length > 0)
            foreach (var person in await db.Set<Person>().AsNoTracking().Where(p => missing.Contains(p.Id)).ToListAsync(ct)) lookups._people.TryAdd(person.Id, person);

        var personIds = lookups._people.Keys.ToArray();
        if (personIds.Length == 0) return lookups; // a first load: nobody found, so no users, roles or conflicts to look up
        lookups._peopleWithUsers.UnionWith(await db.Set<HrUser>().Where(u => personIds.Contains(u.PersonId)).Select(u => u.PersonId).Distinct().ToListAsync(ct));
        var roles = await (from r in db.Set<OrganizationRole>().AsNoTracking()
                           join o in db.Set<PartyOrganization>() on r.OrganizationId equals o.Id
                           where personIds.Contains(r.PersonId)
                           select new { r.PersonId, r.Id, r.Role, r.StartsOn, r.EndsOn, o.Name }).ToListAsync(ct);
        foreach (var r in roles.OrderBy(r => r.StartsOn).ThenBy(r => r.Id))
            lookups.RolesOf(r.PersonId).Add((new HeldRole(r.Id, r.Role, r.Name), r.StartsOn, r.EndsOn));
        lookups._openConflicts.UnionWith(await db.Set<HrConflict>()
            .Where(c => personIds.Contains(c.PersonId) && c.Kind == HrConflict.PartyRoleKind && !c.Resolved).Select(c => c.PersonId).ToListAsync(ct));
        return lookups;
    }

    List<(HeldRole Role, DateOnly StartsOn, DateOnly? EndsOn)> RolesOf(Guid personId) =>
        _roles.TryGetValue(personId, out var list) ? list : _roles[personId] = [];

    /// <summary>Indexed under its current number, externalId and userName; the first indexed (earliest created) wins.</summary>
    void Index(HrUser user)
    {
        if (user.EmployeeNumber is { } number) _usersByNumber.TryAdd(number, user);
        if (user.ExternalId is { } externalId) _usersByExternalId.TryAdd(externalId, user);
        _userNameKeys.Add(user.UserNameKey);
    }

    public Task<HrUser?> UserByEmployeeNumberAsync(Guid tenant, string number, CancellationToken ct) =>
        Task.FromResult(_usersByNumber.TryGetValue(number, out var u) && u.EmployeeNumber == number ? u : null);

    public Task<HrUser?> UserByExternalIdAsync(Guid tenant, string externalId, CancellationToken ct) =>
        Task.FromResult(_usersByExternalId.TryGetValue(externalId, out var u) && u.ExternalId == externalId ? u : null);

    public Task<bool> UserNameTakenAsync(Guid tenant, string userNameKey, CancellationToken ct) => Task.FromResult(_userNameKeys.Contains(userNameKey));

    public Task<(Person? Person, HrMatchedBy By)> MatchPersonAsync(Guid tenant, string? number, string? externalId, CancellationToken ct)
    {
        if (number is not null && _peopleByNumber.TryGetValue(number, out var p) && p.EmployeeNumber == number)
            return Task.FromResult<(Person?, HrMatchedBy)>((p, HrMatchedBy.EmployeeNumber));
        if (externalId is not null && _anyUserByExternalId.TryGetValue(externalId, out var u) && _people.GetValueOrDefault(u.PersonId) is { } q)
            return Task.FromResult<(Person?, HrMatchedBy)>((q, HrMatchedBy.ExternalId));
        return Task.FromResult<(Person?, HrMatchedBy)>((null, HrMatchedBy.None));
    }

    public Task<Person> PersonAsync(Guid id, CancellationToken ct) =>
        _people.TryGetValue(id, out var p) ? Task.FromResult(p) : throw new InvalidOperationException($"Person {id} was not loaded for the batch.");

    public Task<bool> PersonHasUserAsync(Guid personId, CancellationToken ct) => Task.FromResult(_peopleWithUsers.Contains(personId));

    public Task<IReadOnlyList<HeldRole>> CurrentRolesAsync(Guid personId, DateOnly today, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<HeldRole>>(_roles.TryGetValue(personId, out var roles)
            ? roles.Where(r => r.EndsOn == null || r.EndsOn >= today).Select(r => r.Role).ToList()
            : []);

    public Task<bool> HasOpenRoleConflictAsync(Guid personId, CancellationToken ct) => Task.FromResult(_openConflicts.Contains(personId));

    /// <summary>The people, HR users and conflicts the batch adds, in order, untracked: written by one COPY per table.</summary>
    public List<Person> NewPeople { get; } = [];
    public List<HrUser> NewUsers { get; } = [];
    public List<HrConflict> NewConflicts { get; } = [];
    readonly HashSet<object> _new = new(ReferenceEqualityComparer.Instance);

    public void Changing(object entity)
    {
        // A row the batch adds is written as it stands at the end (COPY); a stored one is attached to be updated.
        if (!_new.Contains(entity) && _db.Entry(entity).State == EntityState.Detached) _db.Attach(entity);
    }

    public void Add(HrUser user)
    {
        NewUsers.Add(user);
        _new.Add(user);
        Added(user);
    }

    public void Add(Person person)
    {
        NewPeople.Add(person);
        _new.Add(person);
        Added(person);
    }

    public void Add(HrConflict conflict)
    {
        NewConflicts.Add(conflict);
        _new.Add(conflict);
        _openConflicts.Add(conflict.PersonId);
    }

    public void Added(HrUser user)
    {
        Index(user);
        _peopleWithUsers.Add(user.PersonId);
        if (user.ExternalId is { } externalId) _anyUserByExternalId[externalId] = (user.PersonId, user.LastModified);
    }

    public void Added(Person person)
    {
        _people.TryAdd(person.Id, person);
        if (person.EmployeeNumber is { } number) _peopleByNumber.TryAdd(number, person);
    }
}
