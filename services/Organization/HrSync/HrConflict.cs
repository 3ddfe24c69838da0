namespace Alliance.Organization.HrSync;

/// <summary>
/// HR deactivated an employee who holds party data Alliance owns. The employment change was applied; the party data
/// was kept, and a person decides (ends the roles through the People commands, or keeps them) and resolves this.
/// </summary>
public sealed class HrConflict
{
    public const int MaxDetailsLength = 2000;
    public const int MaxNoteLength = 1000;
    /// <summary>The person holds a current secretary, deputy secretary or committee member role.</summary>
    public const string PartyRoleKind = "party-role";

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public Guid PersonId { get; private set; }
    public string PersonName { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string Details { get; private set; } = "";
    /// <summary>The ids of the roles held when raised (the ones a resolution may end).</summary>
    public Guid[] RoleIds { get; private set; } = [];
    public Guid? SyncRunId { get; private set; }
    public DateTimeOffset RaisedAt { get; private set; }
    public bool Resolved { get; private set; }
    public string? ResolutionNote { get; private set; }
    public string? ResolvedBy { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public long Version { get; private set; }

    private HrConflict() { }

    public static HrConflict Raise(Guid subsidiaryId, Guid personId, string personName, string kind, string details, Guid[] roleIds, Guid? syncRunId, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), SubsidiaryId = subsidiaryId, PersonId = personId, PersonName = personName, Kind = kind,
        Details = details.Length > MaxDetailsLength ? details[..MaxDetailsLength] : details, RoleIds = roleIds, SyncRunId = syncRunId,
        RaisedAt = now, Version = 1,
    };

    public void Resolve(string note, string resolvedBy, DateTimeOffset now)
    {
        if (Resolved) throw new InvalidOperationException("The conflict is already resolved.");
        Resolved = true;
        ResolutionNote = note.Trim();
        ResolvedBy = resolvedBy;
        ResolvedAt = now;
        Version++;
    }
}

/// <summary>
/// One run of an HR synchronisation: a file import, a pull connector's run, or the SCIM writes of one subsidiary on
/// one day (a rolling run). Counters grow as batches apply, so a running one shows progress.
/// </summary>
public sealed class HrSyncRun
{
    public const int MaxSourceLength = 100;
    public const int MaxErrors = 50;
    public const int MaxErrorLength = 500;
    public const string ScimSource = "scim";

    public Guid Id { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string Source { get; private set; } = "";
    /// <summary>The group day of a rolling SCIM run; null for the others.</summary>
    public DateOnly? Day { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset? FinishedAt { get; private set; }
    /// <summary>running, succeeded or failed.</summary>
    public string Status { get; private set; } = "running";
    public int Total { get; private set; }
    public int Processed { get; private set; }
    public int Created { get; private set; }
    public int Updated { get; private set; }
    public int Deactivated { get; private set; }
    public int Unchanged { get; private set; }
    public int Stale { get; private set; }
    public int Conflicts { get; private set; }
    public int Errors { get; private set; }
    public string[] ErrorMessages { get; private set; } = [];
    public string StartedBy { get; private set; } = "";
    public long Version { get; private set; }

    private HrSyncRun() { }

    public static HrSyncRun Start(Guid subsidiaryId, string source, int total, string startedBy, DateTimeOffset now, DateOnly? day = null) => new()
    {
        Id = Guid.CreateVersion7(now), SubsidiaryId = subsidiaryId, Source = source.Trim(), Total = Math.Max(0, total),
        StartedBy = startedBy, StartedAt = now, Day = day, Version = 1,
        // A rolling (daily SCIM) run has no end to wait for: it reads succeeded, its end moving with each write.
        Status = day is null ? "running" : "succeeded", FinishedAt = day is null ? null : now,
    };

    public bool IsRunning => Status == "running";

    public void AddError(string error)
    {
        if (ErrorMessages.Length >= MaxErrors) return;
        ErrorMessages = [.. ErrorMessages, error.Length > MaxErrorLength ? error[..MaxErrorLength] : error];
    }

    public void Finish(bool failed, string? error, DateTimeOffset now)
    {
        if (!IsRunning) return;
        if (error is not null) AddError(error);
        Status = failed ? "failed" : "succeeded";
        FinishedAt = now;
        Version++;
    }
}

/// <summary>One record's result in a run: what the downloadable results list.</summary>
public sealed class HrSyncRunRow
{
    public const int MaxRowsPerRun = 1_000_000;

    public Guid RunId { get; set; }
    public int RowNumber { get; set; }
    public string? EmployeeNumber { get; set; }
    public string? ExternalId { get; set; }
    public string? Name { get; set; }
    public string Outcome { get; set; } = "";
    public string? Message { get; set; }
}
