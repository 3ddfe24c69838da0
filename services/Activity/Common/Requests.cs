using Alliance.Contracts;
using Alliance.ServiceDefaults.Security;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;

namespace Alliance.Activity.Common;

/// <summary>What every feature's handlers share: paging, who may write, versions, and turning rules into statuses.</summary>
internal static class Requests
{
    const int DefaultPageSize = 20;
    const int MaxPageSize = 200;

    public static (int Page, int PageSize) Paging(int page, int pageSize) =>
        (Math.Max(page, 1), pageSize <= 0 ? DefaultPageSize : Math.Min(pageSize, MaxPageSize));

    /// <summary>Group and subsidiary administrators and secretaries plan joint work; members only read it.</summary>
    public static bool MayPlan(this CallerScope caller) => caller.Role is Roles.GroupAdmin or Roles.SubsidiaryAdmin or Roles.Secretary;

    public static void EnsureMayPlan(this CallerScope caller, string action)
    {
        if (!caller.MayPlan())
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"Only an administrator or a secretary may {action}."));
    }

    public static void EnsureExpectedVersion(long expected, long actual, string what)
    {
        if (expected != 0 && expected != actual) throw Stale(what);
    }

    public static RpcException Stale(string what) =>
        new(new Status(StatusCode.Aborted, $"The {what} was changed by someone else; reload it and try again."));

    public static RpcException ToRpc(this ActivityRuleException ex) => FieldErrors.Single(ex.Field, ex.Message, ex.Code);

    public static FieldErrors Optional(this FieldErrors errors, string field, string? value, int maxLength)
    {
        if (value is not null && value.Trim().Length > maxLength) errors.Add(field, $"must be at most {maxLength} characters.");
        return errors;
    }

    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
