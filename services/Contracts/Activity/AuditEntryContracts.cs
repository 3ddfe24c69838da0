using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;

namespace Alliance.Contracts.Activity.V1;

/// <summary>What every entry of an activity-service audit log answers, whichever record it is of.</summary>
public interface IAuditEntryContract
{
    string Kind { get; set; }
    long Version { get; set; }
    Timestamp ChangedAt { get; set; }
    string ChangedBy { get; set; }
    string ChangedByRole { get; set; }
}

/// <summary>An audit entry that lists each changed field's old and new value.</summary>
public interface IFieldAuditEntryContract : IAuditEntryContract
{
    string Id { get; set; }
    RepeatedField<FieldChange> Changes { get; }
}

public sealed partial class ActivityChange : IFieldAuditEntryContract;
public sealed partial class MeetingChange : IFieldAuditEntryContract;
public sealed partial class MeetingRuleChange : IAuditEntryContract;
public sealed partial class TaskListChange : IFieldAuditEntryContract;
public sealed partial class BulletinChange : IFieldAuditEntryContract;
public sealed partial class ProblemChange : IFieldAuditEntryContract;
