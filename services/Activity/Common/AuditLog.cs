using System.Linq.Expressions;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Common;

/// <summary>Who acted, in which role.</summary>
public sealed record Actor(string UserName, string Role);

/// <summary>A field's value before and after a change, as text.</summary>
public sealed record FieldChange(string Field, string OldValue, string NewValue);

/// <summary>
/// An entry of an append-only audit log (rows are only ever inserted): who changed a record, when, in which role, and
/// which version of it the change produced. Each audited record has its own log table (<see cref="AuditLogConfiguration"/>).
/// </summary>
public abstract class AuditEntry
{
    public Guid Id { get; private set; }
    public string Kind { get; private set; } = "";
    public long Version { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public string ChangedByRole { get; private set; } = "";

    protected AuditEntry() { }

    protected AuditEntry(string kind, long version, Actor by, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        Kind = kind;
        Version = version;
        ChangedAt = now;
        ChangedBy = by.UserName;
        ChangedByRole = by.Role;
    }

    /// <summary>The shared part of the entry's contract.</summary>
    public T ToContract<T>() where T : C.IAuditEntryContract, new() => new()
    {
        Kind = Kind, Version = Version, ChangedAt = Timestamp.FromDateTimeOffset(ChangedAt), ChangedBy = ChangedBy, ChangedByRole = ChangedByRole,
    };
}

/// <summary>An audit entry with each changed field's old and new value (jsonb: [{ field, oldValue, newValue }]).</summary>
public abstract class FieldAuditEntry : AuditEntry
{
    public string FieldChanges { get; private set; } = "[]";

    protected FieldAuditEntry() { }

    protected FieldAuditEntry(string kind, long version, IReadOnlyList<FieldChange> changes, Actor by, DateTimeOffset now)
        : base(kind, version, by, now) => FieldChanges = JsonSerializer.Serialize(changes, JsonSerializerOptions.Web);

    public IReadOnlyList<FieldChange> ReadChanges() => JsonSerializer.Deserialize<List<FieldChange>>(FieldChanges, JsonSerializerOptions.Web) ?? [];

    /// <summary>The entry with its fields as the history contracts answer it.</summary>
    public T ToFieldContract<T>() where T : C.IFieldAuditEntryContract, new()
    {
        var contract = ToContract<T>();
        contract.Id = Id.ToString();
        contract.Changes.AddRange(ReadChanges().Select(f => new C.FieldChange { Field = f.Field, OldValue = f.OldValue, NewValue = f.NewValue }));
        return contract;
    }
}

public static class AuditLogConfiguration
{
    /// <summary>
    /// An audit log table of <typeparamref name="TSubject"/>: the shared columns, one entry per subject and version
    /// (unique), and the subject's key, which the subject cannot be deleted from under.
    /// </summary>
    public static EntityTypeBuilder<TEntry> IsAuditLogOf<TEntry, TSubject>(this EntityTypeBuilder<TEntry> e, string table,
        Expression<Func<TEntry, object?>> subjectId, string subjectColumn)
        where TEntry : AuditEntry where TSubject : class
    {
        e.ToTable(table);
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        e.Property(subjectId).HasColumnName(subjectColumn);
        e.Property(x => x.Kind).HasColumnName("kind").HasMaxLength(30).IsRequired();
        e.Property(x => x.Version).HasColumnName("version");
        e.Property(x => x.ChangedAt).HasColumnName("changed_at");
        e.Property(x => x.ChangedBy).HasColumnName("changed_by").HasMaxLength(200);
        e.Property(x => x.ChangedByRole).HasColumnName("changed_by_role").HasMaxLength(30);
        var subject = ((MemberExpression)(subjectId.Body is UnaryExpression u ? u.Operand : subjectId.Body)).Member.Name;
        e.HasIndex(subject, nameof(AuditEntry.Version)).IsUnique();
        e.HasOne<TSubject>().WithMany().HasForeignKey(subject).OnDelete(DeleteBehavior.Restrict);
        if (typeof(FieldAuditEntry).IsAssignableFrom(typeof(TEntry)))
            e.Property<string>(nameof(FieldAuditEntry.FieldChanges)).HasColumnName("field_changes").HasColumnType("jsonb");
        return e;
    }
}
