using Alliance.Activity.Activities;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.ActivityTypes;

internal static class ActivityTypeMapping
{
    public static C.ActivityType ToContract(this ActivityType t) => new()
    {
        Id = t.Id.ToString(), Code = t.Code, NameZh = t.NameZh, NameEn = t.NameEn, Measure = t.Measure.ToContract(),
        Retired = t.Retired, BuiltIn = t.IsBuiltIn, Version = t.Version,
    };
}
