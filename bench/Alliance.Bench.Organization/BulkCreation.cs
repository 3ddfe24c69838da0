using System.Diagnostics;
using Alliance.Contracts;
using Alliance.Contracts.Organization.V1;
using Alliance.ServiceDefaults.Grpc;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Alliance.Bench.Organization;

/// <summary>The organization service's clients, calling as a group administrator (the headers the gateway would send).</summary>
sealed class GroupAdminClients(GrpcChannel channel)
{
    readonly global::Grpc.Core.CallInvoker _invoker = channel.Intercept(headers =>
    {
        headers.Add(AllianceMetadata.UserRole, Roles.GroupAdmin);
        headers.Add(AllianceMetadata.UserId, "bench");
        return headers;
    });

    public SubsidiaryService.SubsidiaryServiceClient Subsidiaries => new(_invoker);
    public OrganizationService.OrganizationServiceClient Organizations => new(_invoker);
    public PeopleService.PeopleServiceClient People => new(_invoker);
}

/// <summary>The group made by <see cref="BulkCreation"/>: subsidiaries, their root committees, and nodes worth querying.</summary>
sealed record BenchGroup(IReadOnlyList<string> SubsidiaryIds, IReadOnlyList<string> Roots, int Organizations, int PerSubsidiary,
    IReadOnlyList<IReadOnlyList<string>> Homes, string Committee, int RootSubtree, int CommitteeSubtree, string Deepest, TimeSpan Elapsed);

static class BulkCreation
{
    /// <summary>
    /// Per subsidiary a realistic tree, created level by level (parents first) with <paramref name="callers"/> calls in
    /// flight: a root committee, 7 committees, 7 general branches under each, 5 branches under each general branch, and
    /// a party group under branches until the subsidiary has <paramref name="perSubsidiary"/> organizations.
    /// </summary>
    public static async Task<BenchGroup> CreateOrganizationsAsync(GroupAdminClients grpc, int subsidiaries, int perSubsidiary, int callers)
    {
        var watch = Stopwatch.StartNew();
        var subsidiaryIds = new string[subsidiaries];
        await Parallel.ForEachAsync(Enumerable.Range(0, subsidiaries), new ParallelOptions { MaxDegreeOfParallelism = callers }, async (s, _) =>
            subsidiaryIds[s] = (await grpc.Subsidiaries.RegisterSubsidiaryAsync(new RegisterSubsidiaryRequest { Code = $"B{s:00}", Name = $"基准测试企业{s + 1:00}" })).Id);

        // The shape: (parent index, kind, name) in creation order; parents always before children.
        var shape = new List<(int Parent, OrganizationKind Kind, string Name, int Depth)> { (-1, OrganizationKind.Committee, "党委", 0) };
        var branches = new List<int>();
        for (var c = 0; c < 7 && shape.Count < perSubsidiary; c++)
        {
            var committee = shape.Count;
            shape.Add((0, OrganizationKind.Committee, $"第{c + 1}分公司党委", 1));
            for (var g = 0; g < 7 && shape.Count < perSubsidiary; g++)
            {
                var general = shape.Count;
                shape.Add((committee, OrganizationKind.GeneralBranch, $"第{c + 1}分公司第{g + 1}党总支", 2));
                for (var b = 0; b < 5 && shape.Count < perSubsidiary; b++)
                {
                    branches.Add(shape.Count);
                    shape.Add((general, OrganizationKind.Branch, $"第{c + 1}分公司第{g + 1}党总支第{b + 1}党支部", 3));
                }
            }
        }
        foreach (var branch in branches)
        {
            if (shape.Count >= perSubsidiary) break;
            shape.Add((branch, OrganizationKind.Group, shape[branch].Name + "党小组", 4));
        }

        var ids = new string[subsidiaries, shape.Count];
        foreach (var depth in shape.Select(s => s.Depth).Distinct().Order())
        {
            var level = Enumerable.Range(0, subsidiaries).SelectMany(s => Enumerable.Range(0, shape.Count).Where(i => shape[i].Depth == depth).Select(i => (s, i))).ToList();
            await Parallel.ForEachAsync(level, new ParallelOptions { MaxDegreeOfParallelism = callers }, async (node, _) =>
            {
                var (s, i) = node;
                var request = new CreateOrganizationRequest { SubsidiaryId = subsidiaryIds[s], Name = shape[i].Name, Kind = shape[i].Kind };
                if (shape[i].Parent >= 0) request.ParentId = ids[s, shape[i].Parent];
                ids[s, i] = (await grpc.Organizations.CreateOrganizationAsync(request)).Id;
            });
        }
        watch.Stop();

        var homes = Enumerable.Range(0, subsidiaries).Select(s => (IReadOnlyList<string>)Enumerable.Range(0, shape.Count)
            .Where(i => shape[i].Kind is OrganizationKind.Branch or OrganizationKind.Group).Select(i => ids[s, i]).ToList()).ToList();
        int Below(int index)
        {
            var count = 0;
            for (var i = 0; i < shape.Count; i++)
                for (var p = shape[i].Parent; p >= 0; p = shape[p].Parent)
                    if (p == index) { count++; break; }
            return count;
        }
        var deepest = Enumerable.Range(0, shape.Count).MaxBy(i => shape[i].Depth);
        return new BenchGroup(subsidiaryIds, Enumerable.Range(0, subsidiaries).Select(s => ids[s, 0]).ToList(), subsidiaries * shape.Count, shape.Count,
            homes, ids[0, 1], Below(0), Below(1), ids[0, deepest], watch.Elapsed);
    }

    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗"];
    static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "华", "建", "国"];

    /// <summary>Each member: RegisterPerson (with an ID and a phone number, encrypted by the service) then JoinParty, spread over the branches and groups.</summary>
    public static async Task<TimeSpan> CreateMembersAsync(GroupAdminClients grpc, BenchGroup group, int members, int callers)
    {
        var watch = Stopwatch.StartNew();
        var perSubsidiary = members / group.SubsidiaryIds.Count;
        await Parallel.ForEachAsync(Enumerable.Range(0, members), new ParallelOptions { MaxDegreeOfParallelism = callers }, async (i, _) =>
        {
            var s = i / perSubsidiary % group.SubsidiaryIds.Count;
            var homes = group.Homes[s];
            var person = await grpc.People.RegisterPersonAsync(new RegisterPersonRequest
            {
                SubsidiaryId = group.SubsidiaryIds[s],
                Name = Surnames[i % Surnames.Length] + Given[i / Surnames.Length % Given.Length] + Given[i / 400 % Given.Length],
                Kind = PersonKind.Employee,
                EmployeeNumber = $"E{i:000000}",
                IdNumber = IdNumber(i),
                Phone = $"139{i:00000000}",
            });
            await grpc.People.JoinPartyAsync(new JoinPartyRequest
            {
                PersonId = person.Id,
                OrganizationId = homes[i % homes.Count],
                JoinedOn = new DateOnly(2000, 1, 1).AddDays(i % 7000).ToString("yyyy-MM-dd"),
                Status = MembershipStatus.Full,
                ExpectedVersion = person.Version,
            });
        });
        return watch.Elapsed;
    }

    /// <summary>A valid, unique resident ID number for the i-th person.</summary>
    static string IdNumber(int i)
    {
        var body = $"310115{new DateOnly(1970, 1, 1).AddDays(i / 1000):yyyyMMdd}{i % 1000:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var k = 0; k < 17; k++) sum += (body[k] - '0') * weights[k];
        return body + "10X98765432"[sum % 11];
    }
}
