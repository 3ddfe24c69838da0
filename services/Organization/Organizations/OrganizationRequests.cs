using System.Globalization;
using Alliance.Organization.People;
using Alliance.ServiceDefaults.Time;
using Alliance.ServiceDefaults.Validation;
using Grpc.Core;

namespace Alliance.Organization.Organizations;

/// <summary>What the tree's use cases read from a request (dates) and how a broken rule of the tree is answered.</summary>
static class OrganizationRequests
{
    public const string StaleMessage = "The organization was changed by someone else; reload it and try again.";

    /// <summary>Applies a rule of the tree, reporting its breach as FAILED_PRECONDITION on the rule's field.</summary>
    public static T Rule<T>(Func<T> rule)
    {
        try
        {
            return rule();
        }
        catch (OrganizationRuleException ex)
        {
            throw FieldErrors.Single(ex.Field, ex.Message, StatusCode.FailedPrecondition);
        }
    }

    public static void Rule(Action rule) => Rule(() => { rule(); return 0; });

    /// <summary>Applies a rule of the people aggregate, reporting its breach as a rule of this change (the date, mostly).</summary>
    public static T PersonRule<T>(Person person, Func<T> rule)
    {
        try
        {
            return rule();
        }
        catch (PeopleRuleException ex)
        {
            throw new OrganizationRuleException("effectiveOn", $"{person.Name}: {ex.Field} {ex.Message}");
        }
    }

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The effective date of a change: as given, or today (the group's calendar) when empty.</summary>
    public static DateOnly? EffectiveOn(FieldErrors errors, string? value, TimeProvider clock)
    {
        if (string.IsNullOrWhiteSpace(value)) return clock.GroupToday();
        var date = ParseDate(value);
        if (date is null) errors.Add("effectiveOn", "must be a date as yyyy-MM-dd.");
        return date;
    }
}
