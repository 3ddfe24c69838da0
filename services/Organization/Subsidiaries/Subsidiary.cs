namespace Alliance.Organization.Subsidiaries;

/// <summary>A company of the group (所属企业): the unit of tenancy and data isolation.</summary>
public sealed class Subsidiary
{
    public const int MaxCodeLength = 32;
    public const int MaxNameLength = 100;

    public Guid Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    private Subsidiary() { }

    public static Subsidiary Register(string code, string name, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        Code = code.Trim(),
        Name = name.Trim(),
        CreatedAt = now,
    };
}
