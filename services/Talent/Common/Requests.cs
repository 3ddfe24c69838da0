using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;

namespace Alliance.Talent.Common;

/// <summary>Who acted, in which role.</summary>
public sealed record Actor(string UserName, string Role)
{
    public static Actor Of(CallerScope caller) => new(caller.UserId ?? "unknown", caller.Role);
}

/// <summary>A rule of the domain a request broke, on a field: bad input (INVALID_ARGUMENT) or a state that does not allow it (FAILED_PRECONDITION).</summary>
public sealed class TalentRuleException(string field, string message, StatusCode code = StatusCode.FailedPrecondition) : Exception(message)
{
    public string Field { get; } = field;
    public StatusCode Code { get; } = code;

    public RpcException ToRpc() => FieldErrors.Single(Field, Message, Code);
}

/// <summary>What every feature's handlers share: paging, versions, text fields.</summary>
internal static class Requests
{
    const int DefaultPageSize = 20;
    const int MaxPageSize = 200;

    public static (int Page, int PageSize) Paging(int page, int pageSize) =>
        (Math.Max(page, 1), pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize));

    /// <summary>Administrators of the group or a subsidiary, and secretaries: they keep profiles and nominate.</summary>
    public static bool IsAdminOrSecretary(this CallerScope caller) => caller.Role is Roles.GroupAdmin or Roles.SubsidiaryAdmin or Roles.Secretary;

    public static bool IsAdmin(this CallerScope caller) => caller.Role is Roles.GroupAdmin or Roles.SubsidiaryAdmin;

    public static void EnsureExpectedVersion(long expected, long actual, string what)
    {
        if (expected != 0 && expected != actual) throw Stale(what);
    }

    public static RpcException Stale(string what) =>
        new(new Status(StatusCode.Aborted, $"The {what} was changed by someone else; reload it and try again."));

    public static RpcException Denied(string message) => new(new Status(StatusCode.PermissionDenied, message));

    public static FieldErrors Optional(this FieldErrors errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength) errors.Add(field, $"must be at most {maxLength} characters.");
        return errors;
    }

    /// <summary>A list of short texts (skills, certificates): each required and at most <paramref name="maxLength"/> long, at most <paramref name="maxCount"/>.</summary>
    public static FieldErrors Texts(this FieldErrors errors, string field, IReadOnlyList<string> values, int maxCount, int maxLength)
    {
        if (values.Count > maxCount) errors.Add(field, $"must hold at most {maxCount} entries.");
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i])) errors.Add($"{field}[{i}]", "must not be empty.");
            else if (values[i].Trim().Length > maxLength) errors.Add($"{field}[{i}]", $"must be at most {maxLength} characters.");
        }
        return errors;
    }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
