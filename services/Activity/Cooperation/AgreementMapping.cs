using Alliance.Activity.Projects;
using Alliance.Contracts.Events;
using Google.Protobuf.WellKnownTypes;
using C = Alliance.Contracts.Activity.V1;

namespace Alliance.Activity.Cooperation;

/// <summary>A cooperation agreement as the contract and its events state it.</summary>
internal static class AgreementMapping
{
    public static C.CooperationAgreement ToContract(this CooperationAgreement a, bool canChange)
    {
        var result = new C.CooperationAgreement
        {
            Id = a.Id.ToString(), AllianceId = a.AllianceId.ToString(), AllianceName = a.AllianceName, Title = a.Title, Content = a.Content ?? "",
            SignedOn = a.SignedOn is { } s ? ProjectMapping.Day(s) : "", ValueAmount = a.ValueAmount is { } v ? MeasureUnits.Format(v) : "",
            ValueUnit = a.ValueUnit ?? "", Status = a.Status, SubsidiaryId = a.SubsidiaryId.ToString(),
            CreatedAt = Timestamp.FromDateTimeOffset(a.CreatedAt), CreatedBy = a.CreatedBy, UpdatedAt = Timestamp.FromDateTimeOffset(a.UpdatedAt),
            UpdatedBy = a.UpdatedBy, Version = a.Version, CanChange = canChange,
        };
        result.Parties.AddRange(a.Parties.Select(p => new C.AgreementParty { MemberUnitId = p.MemberUnitId.ToString(), Name = p.Name, External = p.External }));
        return result;
    }

    public static CooperationAgreementSigned Signed(CooperationAgreement a, DateTimeOffset now) => new(Guid.CreateVersion7(now), a.SubsidiaryId, now,
        a.Id, a.AllianceId, a.Title, a.MemberUnitIds, a.SignedOn!.Value, a.ValueAmount, a.ValueUnit);

    public static CooperationAgreementStatusChanged StatusChanged(CooperationAgreement a, string from, DateTimeOffset now) => new(Guid.CreateVersion7(now),
        a.SubsidiaryId, now, a.Id, a.AllianceId, from, a.Status, a.SignedOn);
}
