using Alliance.Organization.Demo;
using Alliance.Organization.Organizations;
using Alliance.Organization.People;
using Alliance.Tools.DemoData;

namespace Alliance.Organization.Tests.Demo;

/// <summary>The generated demo group has the shape the articles give, and the committed file is what the generator writes.</summary>
public class DemoDataShapeTests
{
    static readonly DemoDataFile Data = new DemoDataGenerator().Generate();
    static DemoSubsidiary Pudong => Data.Subsidiaries.Single(s => s.Code == "PDG");
    static DemoSubsidiary Lingang => Data.Subsidiaries.Single(s => s.Code == "LGG");

    [Fact]
    public void The_committed_file_is_what_the_generator_writes_from_its_seed()
    {
        var committed = File.ReadAllBytes(DemoDataFile.DefaultPath);

        committed.Should().Equal(new DemoDataGenerator().Generate().ToBytes(),
            "services/Organization/Demo/demo-data.json.gz must be regenerated with `dotnet run --project tools/DemoData` after a change to the generator");
    }

    [Fact]
    public async Task The_file_reads_back_as_written()
    {
        var read = await DemoDataFile.ReadAsync(DemoDataFile.DefaultPath);

        read.Subsidiaries.Sum(s => s.People.Count).Should().Be(Data.Subsidiaries.Sum(s => s.People.Count));
        read.Pairings.Should().HaveCount(Data.Pairings.Count);
        read.ServiceCenters.Select(c => c.Name).Should().Equal(Data.ServiceCenters.Select(c => c.Name));
    }

    [Fact]
    public void Subsidiary_A_has_43_enterprises_105_organizations_and_1750_members()
    {
        var root = Pudong.Organizations.Single(o => o.Parent is null);
        var temporary = Data.Alliances.Select(a => a.TemporaryBranch).ToHashSet();
        var enterprises = Pudong.Organizations.Where(o => o.Parent == root.Code && !temporary.Contains(o.Code)).ToList();

        enterprises.Should().HaveCount(43);
        Pudong.Organizations.Should().HaveCount(105);
        Pudong.People.Should().HaveCount(1_750);
        Pudong.People.Should().OnlyContain(p => p.Kind == PersonKind.Employee && p.EmployeeNumber != null);
        Pudong.Organizations.Select(o => o.Kind).Distinct().Should().BeEquivalentTo(Enum.GetValues<OrganizationKind>());
    }

    [Fact]
    public void Every_tree_lists_parents_first_and_every_kind_may_stand_under_its_parent()
    {
        foreach (var subsidiary in Data.Subsidiaries)
        {
            var seen = new Dictionary<string, DemoOrganization>();
            foreach (var organization in subsidiary.Organizations)
            {
                DemoOrganization? parent = null;
                if (organization.Parent is { } code) seen.TryGetValue(code, out parent).Should().BeTrue($"{organization.Name}'s parent comes first");
                organization.Kind.MayStandUnder(parent?.Kind).Should().BeTrue($"{organization.Name} ({organization.Kind}) under {parent?.Kind}");
                seen.Add(organization.Code, organization);
            }
            subsidiary.Organizations.Should().ContainSingle(o => o.Parent == null);
        }
    }

    [Fact]
    public void Codes_names_employee_numbers_and_personal_data_are_unique_and_well_formed()
    {
        var organizations = Data.Subsidiaries.SelectMany(s => s.Organizations).ToList();
        var people = Data.Subsidiaries.SelectMany(s => s.People).ToList();

        organizations.Select(o => o.Code).Should().OnlyHaveUniqueItems();
        foreach (var subsidiary in Data.Subsidiaries) subsidiary.Organizations.Select(o => o.Name).Should().OnlyHaveUniqueItems();
        organizations.Should().OnlyContain(o => o.Name.Length <= PartyOrganization.MaxNameLength);
        people.Select(p => p.EmployeeNumber).Should().OnlyHaveUniqueItems();
        people.Select(p => p.IdNumber).Should().OnlyHaveUniqueItems().And.OnlyContain(n => PersonalData.IsValidIdNumber(n!));
        people.Select(p => p.Phone).Should().OnlyHaveUniqueItems().And.OnlyContain(n => PersonalData.IsValidPhone(n!));
        people.Should().OnlyContain(p => p.Name.Length >= 2 && p.Name.Length <= 4 && p.Name.All(c => c >= '\u4e00' && c <= '\u9fff'));
        Data.Alliances.Select(a => a.Name).Should().OnlyHaveUniqueItems();
        Data.ServiceCenters.Select(c => c.Name).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Members_are_mostly_full_some_probationary_and_live_in_branches_and_groups()
    {
        var people = Pudong.People;
        var kinds = Pudong.Organizations.ToDictionary(o => o.Code, o => o.Kind);

        people.Count(p => p.Membership.Status == MembershipStatus.Probationary).Should().BeInRange(1, people.Count / 5);
        people.Count(p => p.Membership.Status == MembershipStatus.Full).Should().BeGreaterThan(people.Count * 4 / 5);
        people.Should().OnlyContain(p => kinds[p.Membership.Organization] == OrganizationKind.Branch || kinds[p.Membership.Organization] == OrganizationKind.Group);
        people.Should().OnlyContain(p => p.Membership.JoinedOn <= Data.ReferenceDate);
    }

    [Fact]
    public void Every_organization_has_one_secretary_and_most_secretaries_are_cross_appointed()
    {
        foreach (var subsidiary in Data.Subsidiaries)
        {
            var secretaries = subsidiary.People.SelectMany(p => p.Roles.Where(r => r.Role == OrganizationRoleKind.Secretary).Select(r => (Person: p, r.Organization))).ToList();

            secretaries.Select(s => s.Organization).Should().BeEquivalentTo(subsidiary.Organizations.Select(o => o.Code));
            secretaries.Count(s => s.Person.ManagementPost != null).Should().BeGreaterThanOrEqualTo(secretaries.Count * 3 / 4, "the articles cite at least 75% cross-appointment");
            subsidiary.People.SelectMany(p => p.Roles).Should().Contain(r => r.Role == OrganizationRoleKind.DeputySecretary)
                .And.Contain(r => r.Role == OrganizationRoleKind.CommitteeMember);
        }
    }

    [Fact]
    public void Three_alliances_with_external_partners_a_temporary_branch_and_a_rotation()
    {
        Data.Alliances.Should().HaveCount(3);
        var codes = Data.Subsidiaries.SelectMany(s => s.Organizations).ToDictionary(o => o.Code);
        foreach (var alliance in Data.Alliances)
        {
            var keys = alliance.Members.Select(m => m.Key).ToList();
            codes[alliance.Lead].Code.Should().StartWith("PDG-");
            keys.Should().Contain(alliance.Lead).And.OnlyHaveUniqueItems();
            alliance.Members.Where(m => m.External != null).Should().HaveCountGreaterThanOrEqualTo(3)
                .And.OnlyContain(m => m.External!.ContactName.Length > 0 && m.External.ContactPhone.Length > 0);
            alliance.Members.Should().OnlyContain(m => m.JoinedOn >= alliance.FormedOn);
            codes[alliance.TemporaryBranch].Kind.Should().Be(OrganizationKind.Branch);
            alliance.TemporaryBranchUnits.Should().HaveCountGreaterThanOrEqualTo(2).And.OnlyContain(k => keys.Contains(k));
            alliance.RotationOrder.Should().NotBeEmpty().And.OnlyContain(k => keys.Contains(k));
        }
        Data.Alliances.SelectMany(a => a.Members).Should().Contain(m => m.Organization != null && m.Organization.StartsWith("LGG-"), "alliances cross subsidiaries");
    }

    [Fact]
    public void Subsidiary_B_has_44_internal_pairings_some_expiring_some_ended_some_renewed()
    {
        var branches = Lingang.Organizations.Where(o => o.Kind == OrganizationKind.Branch).Select(o => o.Code).ToHashSet();
        var today = Data.ReferenceDate;

        Data.Pairings.Should().HaveCount(44).And.OnlyContain(p => branches.Contains(p.First) && branches.Contains(p.Second) && p.First != p.Second);
        Data.Pairings.Select(p => string.CompareOrdinal(p.First, p.Second) < 0 ? p.First + p.Second : p.Second + p.First).Should().OnlyHaveUniqueItems();
        Data.Pairings.Should().OnlyContain(p => p.Agreements.All(a => a.SignedOn < a.ExpiresOn));
        Data.Pairings.Count(p => p.EndedOn == null && p.Agreements[^1].ExpiresOn >= today && p.Agreements[^1].ExpiresOn <= today.AddDays(30)).Should().BeGreaterThan(0);
        Data.Pairings.Count(p => p.EndedOn != null).Should().BeGreaterThan(0);
        Data.Pairings.Count(p => p.EndedOn == null && p.Agreements[^1].ExpiresOn < today).Should().BeGreaterThan(0);
        Data.Pairings.Count(p => p.Agreements.Count > 1).Should().BeGreaterThan(0);
        Data.Pairings.Count(p => p.EndedOn == null && p.Agreements[^1].ExpiresOn > today.AddDays(30)).Should().BeGreaterThan(22, "most pairings are active");
    }

    [Fact]
    public void Subsidiary_B_has_12_service_centers_owned_by_its_organizations()
    {
        var lingang = Lingang.Organizations.Select(o => o.Code).ToHashSet();
        var alliances = Data.Alliances.Select(a => a.Code).ToHashSet();

        Data.ServiceCenters.Should().HaveCount(12);
        Data.ServiceCenters.Should().OnlyContain(c => lingang.Contains(c.Owner) && c.Capacity > 0 && c.Address.StartsWith("上海市"));
        Data.ServiceCenters.SelectMany(c => c.SharedAlliances).Should().NotBeEmpty().And.OnlyContain(a => alliances.Contains(a));
    }
}
