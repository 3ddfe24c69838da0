using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Talent.V1;

namespace Alliance.Talent.Profiles;

public static class ProfileMapping
{
    public static C.Profile ToContract(this Profile p, bool canChange)
    {
        var c = new C.Profile
        {
            PersonId = p.PersonId.ToString(), SubsidiaryId = p.SubsidiaryId.ToString(), Name = p.Name, Kind = p.Kind,
            Title = p.Title ?? "", Department = p.Department ?? "", PartyStatus = p.PartyStatus ?? "",
            JoinedOn = p.JoinedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "", LeftInHr = p.LeftInHr,
            EducationLevel = p.EducationLevel ?? "", Education = p.Education ?? "", BirthYear = p.BirthYear ?? 0,
            Version = p.Version, UpdatedAt = Timestamp.FromDateTimeOffset(p.UpdatedAt), CanChange = canChange,
        };
        if (p.OrganizationId is { } o) c.OrganizationId = o.ToString();
        c.Skills.AddRange(p.Skills);
        c.Certificates.AddRange(p.Certificates);
        c.Positions.AddRange(p.Positions);
        return c;
    }

    public static Contracts.Events.ProfileChanged Changed(Profile p, DateTimeOffset now) => new(
        Guid.CreateVersion7(now), p.SubsidiaryId, now, p.PersonId, p.OrganizationId, p.IsPartyMember,
        p.Skills.Count, p.Certificates.Count, p.EducationLevel, p.Positions.Count);
}
