namespace Alliance.Reporting.Pairings;

/// <summary>
/// A pairing, counted for its first internal party's subsidiary and for the other party's when that is another subsidiary
/// of the group (<see cref="PartnerSubsidiaryId"/>): the terms of its latest agreement (highest sequence; the
/// signing is 1) and when it ended. Whether it is active or expiring soon depends on the day, so it is computed when read.
/// </summary>
public sealed class PairingView
{
    public Guid PairingId { get; set; }
    public Guid SubsidiaryId { get; set; }
    public Guid? PartnerSubsidiaryId { get; set; }
    public int AgreementSequence { get; set; }
    public string Title { get; set; } = "";
    public DateOnly? ExpiresOn { get; set; }
    public DateOnly? EndedOn { get; set; }
}

/// <summary>How close to expiry a pairing counts as expiring soon (configuration section "Pairings", as in the organization service).</summary>
public sealed class PairingOptions
{
    public int ExpiringSoonDays { get; set; } = 30;
}
