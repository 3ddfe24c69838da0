using System.Globalization;
using Alliance.Contracts.Organization.V1;

namespace Alliance.Gateway.Alliances;

/// <summary>An external unit as the API spells it: kind is government-office, bank, community, school or enterprise.</summary>
public sealed record ExternalUnitBody(string? Kind, string? Name, string? ContactName, string? ContactPhone);

/// <summary>A unit: either <c>organizationId</c> (a party organization of the group) or <c>external</c>.</summary>
public sealed record UnitBody(Guid? OrganizationId, ExternalUnitBody? External);

public sealed record ExternalUnitDto(string Kind, string Name, string ContactName, string ContactPhone)
{
    public static ExternalUnitDto From(ExternalUnit e) => new(Units.ToName(e.Kind), e.Name, e.ContactName, e.ContactPhone);
}

/// <summary>Edge validation and mapping shared by alliances and pairings: units and calendar dates.</summary>
public static class Units
{
    public const int MaxNameLength = 100;
    public const int MaxContactLength = 50;
    public const string DateFormat = "yyyy-MM-dd";

    static readonly Dictionary<string, ExternalUnitKind> ByName = new()
    {
        ["government-office"] = ExternalUnitKind.GovernmentOffice,
        ["bank"] = ExternalUnitKind.Bank,
        ["community"] = ExternalUnitKind.Community,
        ["school"] = ExternalUnitKind.School,
        ["enterprise"] = ExternalUnitKind.Enterprise,
    };

    public static string ToName(ExternalUnitKind kind) => ByName.FirstOrDefault(p => p.Value == kind).Key ?? "unspecified";

    public static void Check(Dictionary<string, string[]> errors, string field, UnitBody? unit)
    {
        if (unit is null || unit.OrganizationId is null == unit.External is null)
        {
            errors[field] = ["must name either an organizationId or an external unit."];
            return;
        }
        if (unit.External is { } e)
        {
            if (!ByName.ContainsKey(e.Kind?.Trim().ToLowerInvariant() ?? "")) errors[$"{field}.external.kind"] = [$"must be one of: {string.Join(", ", ByName.Keys)}."];
            Validate.Text(errors, $"{field}.external.name", e.Name, MaxNameLength);
            Validate.Text(errors, $"{field}.external.contactName", e.ContactName, MaxContactLength);
            Validate.Text(errors, $"{field}.external.contactPhone", e.ContactPhone, MaxContactLength);
        }
    }

    /// <summary>Call only after <see cref="Check"/> found no errors.</summary>
    public static Unit ToContract(UnitBody unit) => unit.OrganizationId is { } id
        ? new Unit { OrganizationId = id.ToString() }
        : new Unit
        {
            External = new ExternalUnit
            {
                Kind = ByName[unit.External!.Kind!.Trim().ToLowerInvariant()],
                Name = unit.External.Name!.Trim(),
                ContactName = unit.External.ContactName!.Trim(),
                ContactPhone = unit.External.ContactPhone!.Trim(),
            },
        };

    public static void Date(Dictionary<string, string[]> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) errors[field] = ["is required."];
        else if (!DateOnly.TryParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors[field] = [$"must be a date as {DateFormat}."];
    }

    public static void Optional(Dictionary<string, string[]> errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength) errors[field] = [$"must be at most {maxLength} characters."];
    }

    public static void Sort(Dictionary<string, string[]> errors, string? sort, string[] allowed)
    {
        if (!string.IsNullOrWhiteSpace(sort) && !allowed.Contains(sort.Trim())) errors["sort"] = [$"must be one of: {string.Join(", ", allowed)}."];
    }

    public static void Version(Dictionary<string, string[]> errors, long? expectedVersion)
    {
        if (expectedVersion is < 1) errors["expectedVersion"] = ["must be a version the server returned (1 or more)."];
    }
}
