using Grpc.Core;

namespace Alliance.Activity.Bulletins;

public enum NomineeKind { Person = 1, Unit = 2 }

public enum NominationState { Proposed, Accepted, Rejected }

/// <summary>
/// A person or a unit nominated as outstanding (先进) for a month in a scope (an alliance, or the group), with the reason;
/// reviewed once: accepted ones enter that month's bulletin (<see cref="NominationContentSource"/>), rejected ones do not.
/// </summary>
public sealed class Nomination
{
    public const int MaxReasonLength = 1_000;
    public const int MaxNoteLength = 500;

    public Guid Id { get; private set; }
    public Guid? AllianceId { get; private set; }
    public Guid? LeadSubsidiaryId { get; private set; }
    public List<Guid> VisibleSubsidiaryIds { get; private set; } = [];
    public DateOnly Month { get; private set; }
    public NomineeKind Kind { get; private set; }
    public Guid NomineeId { get; private set; }
    public string NomineeName { get; private set; } = "";
    public Guid? OrganizationId { get; private set; }
    public Guid SubsidiaryId { get; private set; }
    public string ReasonZh { get; private set; } = "";
    public string ReasonEn { get; private set; } = "";
    public NominationState State { get; private set; }
    public string? ReviewNote { get; private set; }
    public string NominatedBy { get; private set; } = "";
    public DateTimeOffset NominatedAt { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTimeOffset? ReviewedAt { get; private set; }
    public long Version { get; private set; }

    private Nomination() { }

    public static Nomination Propose(Guid? allianceId, Guid? leadSubsidiaryId, IReadOnlyList<Guid> visibleSubsidiaryIds, DateOnly month, NomineeKind kind,
        Guid nomineeId, string nomineeName, Guid? organizationId, Guid subsidiaryId, string reasonZh, string reasonEn, Actor by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), AllianceId = allianceId, LeadSubsidiaryId = leadSubsidiaryId, VisibleSubsidiaryIds = [.. visibleSubsidiaryIds],
        Month = month, Kind = kind, NomineeId = nomineeId, NomineeName = nomineeName, OrganizationId = organizationId, SubsidiaryId = subsidiaryId,
        ReasonZh = reasonZh.Trim(), ReasonEn = reasonEn.Trim(), State = NominationState.Proposed, NominatedBy = by.UserName, NominatedAt = now, Version = 1,
    };

    public void Review(bool accept, string? note, Actor by, DateTimeOffset now)
    {
        if (State != NominationState.Proposed)
            throw new ActivityRuleException("state", $"The nomination was already {StateName(State)}.");
        if (by.UserName == NominatedBy) throw new ActivityRuleException("reviewer", "A nomination is reviewed by someone other than its nominator.");
        State = accept ? NominationState.Accepted : NominationState.Rejected;
        ReviewNote = note;
        ReviewedBy = by.UserName;
        ReviewedAt = now;
        Version++;
    }

    public static string StateName(NominationState state) => state.ToString().ToLowerInvariant();
}
