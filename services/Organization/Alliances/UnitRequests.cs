using System.Globalization;
using Alliance.Contracts;
using Alliance.Organization.Common;
using Alliance.Organization.Data;
using Alliance.Organization.Organizations;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using C = Alliance.Contracts.Organization.V1;

namespace Alliance.Organization.Alliances;

/// <summary>Validation and look-ups that alliances and pairings share: dates, units, client request ids.</summary>
internal static class UnitRequests
{
    public const string DateFormat = "yyyy-MM-dd";
    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static FieldErrors Date(this FieldErrors errors, string field, string? value, bool required = true)
    {
        if (string.IsNullOrWhiteSpace(value)) { if (required) errors.Add(field, "is required."); }
        else if (!TryParseDate(value, out _)) errors.Add(field, $"must be a date as {DateFormat}.");
        return errors;
    }

    public static DateOnly ParseDate(string value) => DateOnly.ParseExact(value.Trim(), DateFormat, CultureInfo.InvariantCulture);

    public static string Format(DateOnly date) => date.ToString(DateFormat, CultureInfo.InvariantCulture);

    public static DateOnly Today(TimeProvider clock) => clock.GroupToday();

    public static ExternalUnitKind? FromContract(C.ExternalUnitKind kind) => kind switch
    {
        C.ExternalUnitKind.GovernmentOffice => ExternalUnitKind.GovernmentOffice,
        C.ExternalUnitKind.Bank => ExternalUnitKind.Bank,
        C.ExternalUnitKind.Community => ExternalUnitKind.Community,
        C.ExternalUnitKind.School => ExternalUnitKind.School,
        C.ExternalUnitKind.Enterprise => ExternalUnitKind.Enterprise,
        _ => null,
    };

    public static C.ExternalUnitKind ToContract(ExternalUnitKind kind) => kind switch
    {
        ExternalUnitKind.GovernmentOffice => C.ExternalUnitKind.GovernmentOffice,
        ExternalUnitKind.Bank => C.ExternalUnitKind.Bank,
        ExternalUnitKind.Community => C.ExternalUnitKind.Community,
        ExternalUnitKind.School => C.ExternalUnitKind.School,
        ExternalUnitKind.Enterprise => C.ExternalUnitKind.Enterprise,
        _ => C.ExternalUnitKind.Unspecified,
    };

    public static C.ExternalUnit ToContract(ExternalUnit unit) => new()
    {
        Kind = ToContract(unit.Kind), Name = unit.Name, ContactName = unit.ContactName, ContactPhone = unit.ContactPhone,
    };

    /// <summary>Checks a unit: an organization id, or an external unit with kind, name and a contact person.</summary>
    public static FieldErrors Unit(this FieldErrors errors, string field, C.Unit? unit)
    {
        switch (unit?.KindCase)
        {
            case C.Unit.KindOneofCase.OrganizationId:
                errors.Id($"{field}.organizationId", unit.OrganizationId);
                break;
            case C.Unit.KindOneofCase.External:
                if (FromContract(unit.External.Kind) is null)
                    errors.Add($"{field}.external.kind", "must be government-office, bank, community, school or enterprise.");
                errors.Required($"{field}.external.name", unit.External.Name, ExternalUnit.MaxNameLength);
                errors.Required($"{field}.external.contactName", unit.External.ContactName, ExternalUnit.MaxContactLength);
                errors.Required($"{field}.external.contactPhone", unit.External.ContactPhone, ExternalUnit.MaxContactLength);
                break;
            default:
                errors.Add(field, "is required: an organization id or an external unit.");
                break;
        }
        return errors;
    }

    public static ExternalUnit ToExternal(C.ExternalUnit unit) =>
        new(FromContract(unit.Kind)!.Value, unit.Name.Trim(), unit.ContactName.Trim(), unit.ContactPhone.Trim());

    /// <summary>
    /// An active organization of the group, to take a new part (lead or join an alliance, form its temporary branch, sign
    /// a pairing, own a service center); one in a subsidiary the caller cannot see is missing when
    /// <paramref name="inCallerScope"/>, and a dissolved or merged one is refused.
    /// </summary>
    public static async Task<PartyOrganization> FindOrganizationAsync(this OrganizationDbContext db, CallerScope caller, string field, string id,
        bool inCallerScope, CancellationToken ct)
    {
        var organizationId = Guid.Parse(id);
        var organization = await db.Organizations.AsNoTracking().SingleOrDefaultAsync(o => o.Id == organizationId, ct);
        if (organization is null || inCallerScope && !caller.CanAccess(organization.SubsidiaryId))
            throw FieldErrors.Single(field, "The organization was not found.", StatusCode.NotFound);
        if (!organization.IsActive)
            throw FieldErrors.Single(field, $"The organization was {organization.Status.ToName()} on {organization.EndedOn:yyyy-MM-dd} and takes no new part.",
                StatusCode.FailedPrecondition);
        return organization;
    }

    public static void EnsureAdmin(this CallerScope caller, string action)
    {
        if (caller.Role is not (Roles.GroupAdmin or Roles.SubsidiaryAdmin))
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Only an administrator may {action}."));
    }

    public static void EnsureExpectedVersion(long expected, long actual, string what)
    {
        if (expected != 0 && expected != actual) throw Stale(what);
    }

    public static RpcException Stale(string what) =>
        new(new Status(StatusCode.Aborted, $"The {what} was changed by someone else; reload it and try again."));

    public static RpcException Rule(AllianceRuleException ex) => FieldErrors.Single(ex.Field, ex.Message, StatusCode.FailedPrecondition);

}

internal static class OptionalText
{
    public static FieldErrors Optional(this FieldErrors errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength) errors.Add(field, $"must be at most {maxLength} characters.");
        return errors;
    }
}
