using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alliance.Organization.Demo;

/// <summary>
/// The demo data file (<c>Demo/demo-data.json.gz</c>), written by <c>tools/DemoData</c> and applied by
/// <see cref="DemoDataLoader"/>. Things refer to each other by code (organizations) or by name (external units), never
/// by id: ids are made when the data is loaded. Dates are written as of <see cref="ReferenceDate"/>; the loader moves
/// every date by the days between it and the day of loading, so "expiring soon" and "probationary" stay true.
/// </summary>
public sealed record DemoDataFile(
    DateOnly ReferenceDate,
    int Seed,
    IReadOnlyList<DemoSubsidiary> Subsidiaries,
    IReadOnlyList<DemoAlliance> Alliances,
    IReadOnlyList<DemoPairing> Pairings,
    IReadOnlyList<DemoServiceCenter> ServiceCenters)
{
    public const string FileName = "demo-data.json.gz";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        // Chinese stays readable in the file (zcat demo-data.json.gz | less).
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The file beside the service's assembly (copied to the output by the project).</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "Demo", FileName);

    public static async Task<DemoDataFile> ReadAsync(string path, CancellationToken ct = default)
    {
        await using var file = File.OpenRead(path);
        await using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return await JsonSerializer.DeserializeAsync<DemoDataFile>(gzip, Json, ct)
            ?? throw new InvalidDataException($"{path} holds no demo data.");
    }

    /// <summary>Indented JSON, gzip-compressed; the same data always gives the same bytes.</summary>
    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
            JsonSerializer.Serialize(gzip, this, new JsonSerializerOptions(Json) { WriteIndented = true });
        return buffer.ToArray();
    }
}

/// <summary>A subsidiary with its party tree (parents before children) and its people.</summary>
public sealed record DemoSubsidiary(string Code, string Name, IReadOnlyList<DemoOrganization> Organizations, IReadOnlyList<DemoPerson> People);

/// <param name="Code">The organization's key inside the file, e.g. <c>PDG-0042</c>.</param>
/// <param name="Parent">The parent's code; null for a root.</param>
public sealed record DemoOrganization(string Code, string Name, Organizations.OrganizationKind Kind, string? Parent);

public sealed record DemoPerson(
    string Name,
    People.PersonKind Kind,
    string? EmployeeNumber,
    string? ManagementPost,
    string? IdNumber,
    string? Phone,
    DemoMembership Membership,
    IReadOnlyList<DemoRole> Roles);

public sealed record DemoMembership(string Organization, People.MembershipStatus Status, DateOnly JoinedOn);

public sealed record DemoRole(string Organization, People.OrganizationRoleKind Role, DateOnly StartsOn);

/// <summary>An alliance; member units, the temporary branch and the rotation name units by organization code or external name.</summary>
public sealed record DemoAlliance(
    string Code,
    string Name,
    string Theme,
    string Plan,
    string Lead,
    DateOnly FormedOn,
    IReadOnlyList<DemoMemberUnit> Members,
    string TemporaryBranch,
    IReadOnlyList<string> TemporaryBranchUnits,
    IReadOnlyList<string> RotationOrder,
    DateOnly RotationStartsOn,
    int RotationPeriodMonths);

/// <summary>Either <see cref="Organization"/> (a code) or <see cref="External"/>.</summary>
public sealed record DemoMemberUnit(string? Organization, DemoExternalUnit? External, DateOnly JoinedOn)
{
    public string Key => Organization ?? External!.Name;
}

public sealed record DemoExternalUnit(Alliances.ExternalUnitKind Kind, string Name, string ContactName, string ContactPhone);

/// <summary>A pairing of two organizations of the group, with later agreements (renewals) and an optional early end.</summary>
public sealed record DemoPairing(string First, string Second, IReadOnlyList<DemoAgreement> Agreements, DateOnly? EndedOn, string? EndReason);

public sealed record DemoAgreement(string Title, string Obligations, DateOnly SignedOn, DateOnly ExpiresOn);

/// <summary>A party-masses service center (党群服务中心); <see cref="Owner"/> is an organization code, <see cref="SharedAlliances"/> alliance codes.</summary>
public sealed record DemoServiceCenter(string Code, string Name, string Address, int Capacity, string Owner, IReadOnlyList<string> SharedAlliances);
