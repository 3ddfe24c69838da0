using Alliance.Organization.Alliances;
using Alliance.Organization.Demo;
using Alliance.Organization.Organizations;
using Alliance.Organization.People;

namespace Alliance.Tools.DemoData;

/// <summary>
/// Generates the demo group from a seed, shaped like the articles (shared/domain): subsidiary A (浦发集团) with 43
/// enterprises, 105 party organizations, 1,750 members and 3 alliances with external partners, a temporary branch each
/// and a rotation; subsidiary B (临港集团) with 44 internal branch pairings and 12 party-masses service centers.
/// The same seed always gives the same data.
/// </summary>
public sealed class DemoDataGenerator(int seed = DemoDataGenerator.DefaultSeed)
{
    public const int DefaultSeed = 20230301;
    public static readonly DateOnly ReferenceDate = new(2025, 6, 30);

    public const int PudongEnterprises = 43;
    public const int PudongOrganizations = 105;
    public const int PudongMembers = 1_750;
    public const int Alliances = 3;
    public const int LingangPairings = 44;
    public const int ServiceCenters = 12;
    const int LingangMembers = 480;

    readonly Random _random = new(seed);
    readonly HashSet<string> _idNumbers = [];
    readonly HashSet<string> _phones = [];

    public DemoDataFile Generate()
    {
        var pudong = Pudong();
        var lingang = Lingang();
        var alliances = PudongAlliances(pudong, lingang);
        var pairings = LingangPairingsOf(lingang);
        var centers = LingangServiceCenters(lingang, alliances);
        return new DemoDataFile(ReferenceDate, seed, [pudong, lingang], alliances, pairings, centers);
    }

    // ---- subsidiary A: 浦发集团

    DemoSubsidiary Pudong()
    {
        var tree = new Tree("PDG");
        var root = tree.Add("浦发集团党委", OrganizationKind.Committee, null);
        // 8 enterprises at committee level (4 branches each), 9 with a general branch (2 branches each), 26 that are one branch.
        var committeeLevel = new HashSet<int> { 0, 1, 2, 3, 15, 16, 29, 30 };
        var generalLevel = new HashSet<int> { 4, 5, 6, 17, 18, 19, 31, 32, 33 };
        for (var i = 0; i < Names.PudongEnterprises.Length; i++)
        {
            var (name, _) = Names.PudongEnterprises[i];
            if (committeeLevel.Contains(i))
            {
                var top = tree.Add(name + "党委", OrganizationKind.Committee, root, enterprise: i);
                foreach (var department in Pick(Names.Departments, 4)) tree.Add($"{name}{department}党支部", OrganizationKind.Branch, top, enterprise: i);
            }
            else if (generalLevel.Contains(i))
            {
                var top = tree.Add(name + "党总支", OrganizationKind.GeneralBranch, root, enterprise: i);
                foreach (var department in Pick(Names.Departments, 2)) tree.Add($"{name}{department}党支部", OrganizationKind.Branch, top, enterprise: i);
            }
            else tree.Add(name + "党支部", OrganizationKind.Branch, root, enterprise: i);
        }
        // 8 party groups (党小组) in the largest project departments.
        foreach (var branch in tree.Organizations.Where(o => o.Kind == OrganizationKind.Branch && o.Parent != root.Code).Take(8).ToList())
            tree.Add(branch.Name.Replace("党支部", "") + "青年党小组", OrganizationKind.Group, branch, enterprise: tree.EnterpriseOf(branch));
        foreach (var sector in new[] { "工程建设", "区域开发", "城市服务" })
            tree.Add($"{sector}党建品牌联盟临时党支部", OrganizationKind.Branch, root, temporary: true);

        var people = People(tree, "PD", PudongMembers);
        return new DemoSubsidiary("PDG", "上海浦东发展（集团）有限公司", tree.Organizations, people);
    }

    // ---- subsidiary B: 临港集团

    DemoSubsidiary Lingang()
    {
        var tree = new Tree("LGG");
        var root = tree.Add("临港集团党委", OrganizationKind.Committee, null);
        for (var i = 0; i < Names.LingangCompanies.Length; i++)
        {
            var company = Names.LingangCompanies[i];
            var top = tree.Add(company + "党委", OrganizationKind.Committee, root, enterprise: i);
            var departments = Names.LingangDepartments.Take(5 + i % 3).ToList();
            if (i % 4 == 0)
            {
                var general = tree.Add(company + "园区运营党总支", OrganizationKind.GeneralBranch, top, enterprise: i);
                foreach (var d in departments)
                    tree.Add($"{company}{d}党支部", OrganizationKind.Branch, d is "园区运营部" or "物业服务部" ? general : top, enterprise: i);
            }
            else foreach (var d in departments) tree.Add($"{company}{d}党支部", OrganizationKind.Branch, top, enterprise: i);
        }
        var people = People(tree, "LG", LingangMembers);
        return new DemoSubsidiary("LGG", "上海临港经济发展（集团）有限公司", tree.Organizations, people);
    }

    // ---- people

    /// <summary>
    /// Spreads <paramref name="count"/> members over the branches and groups (unevenly, as real branches are), then gives
    /// every organization a secretary, committees and general branches a deputy and committee members, and large
    /// branches a deputy; most secretaries also hold a management post (cross-appointment).
    /// </summary>
    List<DemoPerson> People(Tree tree, string prefix, int count)
    {
        var homes = tree.Organizations.Where(o => o.Kind is OrganizationKind.Branch or OrganizationKind.Group && !tree.IsTemporary(o)).ToList();
        var weights = homes.Select(h => h.Kind == OrganizationKind.Group ? 0.4 : 0.5 + _random.NextDouble() * 1.5).ToArray();
        var total = weights.Sum();
        // Every home gets at least 3 members; the rest follows the weights.
        var sizes = weights.Select(w => 3 + (int)Math.Floor(w / total * (count - 3 * homes.Count))).ToArray();
        for (var k = 0; sizes.Sum() < count; k++) sizes[k % sizes.Length]++;

        var drafts = new List<Draft>();
        for (var h = 0; h < homes.Count; h++)
            for (var n = 0; n < sizes[h]; n++)
            {
                // Of working age (24–59); full members joined at 18 or later and at least a year ago.
                var born = ReferenceDate.AddYears(-24 - _random.Next(0, 36)).AddDays(-_random.Next(0, 365));
                var probationary = _random.NextDouble() < 0.07;
                var earliest = born.AddYears(18);
                var joinedOn = probationary
                    ? ReferenceDate.AddDays(-_random.Next(30, 360))
                    : earliest.AddDays(_random.Next(0, ReferenceDate.AddYears(-1).DayNumber - earliest.DayNumber));
                drafts.Add(new Draft(PersonName(), homes[h].Code, probationary ? MembershipStatus.Probationary : MembershipStatus.Full, joinedOn, born));
            }

        // Leaders: secretaries from the organization's own members (or, above branch level, from its subtree).
        var taken = new HashSet<Draft>();
        Draft Leader(DemoOrganization organization, bool senior)
        {
            var pool = drafts.Where(d => tree.IsSelfOrBelow(d.Home, organization) && !taken.Contains(d) && d.Status == MembershipStatus.Full).ToList();
            if (pool.Count == 0) pool = drafts.Where(d => !taken.Contains(d) && d.Status == MembershipStatus.Full).ToList();
            var leader = pool[_random.Next(pool.Count)];
            taken.Add(leader);
            // About 85% of secretaries and deputies hold a management post: 双向进入、交叉任职.
            if (_random.NextDouble() < 0.85) leader.Post = senior ? Names.TopPosts[_random.Next(Names.TopPosts.Length)] : Names.MiddlePosts[_random.Next(Names.MiddlePosts.Length)];
            return leader;
        }
        DateOnly TermStart() => new DateOnly(2021, 1, 1).AddDays(_random.Next(0, 3 * 365));
        foreach (var organization in tree.Organizations)
        {
            var senior = organization.Kind is OrganizationKind.Committee;
            var starts = TermStart();
            void Appoint(Draft leader, OrganizationRoleKind role) =>
                // Nobody leads before they have been a full member for a year.
                leader.Roles.Add(new DemoRole(organization.Code, role, starts > leader.JoinedOn.AddYears(1) ? starts : leader.JoinedOn.AddYears(1)));
            Appoint(Leader(organization, senior), OrganizationRoleKind.Secretary);
            var size = drafts.Count(d => tree.IsSelfOrBelow(d.Home, organization));
            if (organization.Kind is OrganizationKind.Committee or OrganizationKind.GeneralBranch || organization.Kind == OrganizationKind.Branch && size >= 25)
                Appoint(Leader(organization, senior), OrganizationRoleKind.DeputySecretary);
            var members = organization.Kind switch { OrganizationKind.Committee => 3, OrganizationKind.GeneralBranch => 2, OrganizationKind.Branch when size >= 7 => 1, _ => 0 };
            for (var m = 0; m < members; m++) Appoint(Leader(organization, senior: false), OrganizationRoleKind.CommitteeMember);
        }
        // Some members without a role also hold a post.
        foreach (var draft in drafts.Where(d => d.Post is null && _random.NextDouble() < 0.06))
            draft.Post = Names.MiddlePosts[_random.Next(Names.MiddlePosts.Length)];

        // Temporary branches take their secretary's roles but nobody's membership: their members stay in their own units.
        return drafts.Select((d, i) => new DemoPerson(d.Name, PersonKind.Employee, $"{prefix}{100001 + i}", d.Post, IdNumber(d.Born), Phone(),
            new DemoMembership(d.Home, d.Status, d.JoinedOn), d.Roles)).ToList();
    }

    sealed class Draft(string name, string home, MembershipStatus status, DateOnly joinedOn, DateOnly born)
    {
        public DateOnly Born { get; } = born;
        public string Name { get; } = name;
        public string Home { get; } = home;
        public MembershipStatus Status { get; } = status;
        public DateOnly JoinedOn { get; } = joinedOn;
        public string? Post { get; set; }
        public List<DemoRole> Roles { get; } = [];
    }

    string PersonName()
    {
        // Earlier surnames are drawn more often (squared uniform), as in the population.
        var surname = Names.Surnames[(int)(Math.Pow(_random.NextDouble(), 2) * Names.Surnames.Length)];
        var given = Names.GivenCharacters[_random.Next(Names.GivenCharacters.Length)];
        if (_random.NextDouble() < 0.7) given += Names.GivenCharacters[_random.Next(Names.GivenCharacters.Length)];
        return surname + given;
    }

    /// <summary>An 18-character resident ID number with a valid check character (GB 11643), unique in the file.</summary>
    string IdNumber(DateOnly born)
    {
        while (true)
        {
            var body = $"{Names.RegionCodes[_random.Next(Names.RegionCodes.Length)]}{born:yyyyMMdd}{_random.Next(0, 1000):000}";
            int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
            var sum = 0;
            for (var i = 0; i < 17; i++) sum += (body[i] - '0') * weights[i];
            var number = body + "10X98765432"[sum % 11];
            if (_idNumbers.Add(number)) return number;
        }
    }

    string Phone()
    {
        string[] prefixes = ["135", "136", "137", "138", "139", "150", "151", "158", "159", "186", "187", "188", "189", "177", "199"];
        while (true)
        {
            var phone = prefixes[_random.Next(prefixes.Length)] + _random.Next(0, 100_000_000).ToString("00000000");
            if (_phones.Add(phone)) return phone;
        }
    }

    string ContactPhone() => _random.NextDouble() < 0.5 ? Phone() : $"021-{_random.Next(5000_0000, 6999_9999)}";

    // ---- alliances

    List<DemoAlliance> PudongAlliances(DemoSubsidiary pudong, DemoSubsidiary lingang)
    {
        DemoOrganization Top(string enterprise) => pudong.Organizations.First(o => o.Parent == pudong.Organizations[0].Code && o.Name.StartsWith(enterprise, StringComparison.Ordinal));
        List<string> Sector(int sector) => Names.PudongEnterprises.Where(e => e.Sector == sector).Select(e => Top(e.Name).Code).ToList();
        DemoExternalUnit External(ExternalUnitKind kind, string name) => new(kind, name, PersonName(), ContactPhone());

        (string Name, string Theme, string Plan, string Lead, ExternalUnit[] Partners, string[] Extra)[] specs =
        [
            ("工程建设板块党建品牌联盟", "工程建设：设计、代建、施工",
                "围绕重点工程项目攻坚，联合开展“党建联动、产业链动”：设计、代建、施工单位共享技术资源，联合攻关智慧建造课题，抓牢问题清单和资源清单，定期召开现场推进会。",
                "浦东建设",
                [new(ExternalUnitKind.GovernmentOffice, "浦东新区建设和交通委员会", "", ""), new(ExternalUnitKind.Bank, "上海浦东发展银行浦东分行", "", ""),
                 new(ExternalUnitKind.School, "同济大学土木工程学院", "", ""), new(ExternalUnitKind.Community, "塘桥街道社区党群服务中心", "", "")], []),
            ("区域开发党建品牌联盟", "区域开发：金融、征收、房产开发",
                "聚焦金色中环发展带和世博、新杨思板块开发，联动金融、征收、房产开发企业，建立问题发现与解决机制和资源聚合共享机制，推进重点地块征收和项目落地。",
                "浦房集团",
                [new(ExternalUnitKind.GovernmentOffice, "三林镇人民政府", "", ""), new(ExternalUnitKind.GovernmentOffice, "浦东新区房屋征收事务中心", "", ""),
                 new(ExternalUnitKind.Bank, "中国农业银行上海浦东分行", "", ""), new(ExternalUnitKind.Community, "上南社区居民委员会", "", "")], []),
            ("城市服务党建品牌联盟", "城市服务：综合养护、环保、养老、国资运营",
                "城市服务板块企业业务互动、资源互通，联合开展为民办实事项目：社区养老、道路养护、环境保护和国资运营，党员志愿服务进社区、进学校。",
                "浦发养护",
                [new(ExternalUnitKind.GovernmentOffice, "洋泾街道办事处", "", ""), new(ExternalUnitKind.Bank, "上海银行浦东分行", "", ""),
                 new(ExternalUnitKind.Community, "东明路街道凌兆新村社区", "", ""), new(ExternalUnitKind.School, "上海城建职业学院", "", ""),
                 new(ExternalUnitKind.Enterprise, "上海久事公共交通集团", "", "")],
                // A unit of subsidiary B joins too: alliances cross subsidiaries.
                [lingang.Organizations.First(o => o.Name == "临港城市服务党委").Code]),
        ];

        var temporaryBranches = pudong.Organizations.Where(o => o.Name.EndsWith("临时党支部", StringComparison.Ordinal)).ToList();
        var result = new List<DemoAlliance>();
        for (var a = 0; a < specs.Length; a++)
        {
            var spec = specs[a];
            var formedOn = new DateOnly(2023, 2 + a, 10 + 3 * a);
            var lead = Top(spec.Lead).Code;
            var members = new List<DemoMemberUnit> { new(lead, null, formedOn) };
            foreach (var code in Sector(a).Where(c => c != lead).Concat(spec.Extra))
                members.Add(new DemoMemberUnit(code, null, formedOn.AddDays(_random.Next(0, 60))));
            foreach (var partner in spec.Partners)
                members.Add(new DemoMemberUnit(null, External(partner.Kind, partner.Name), formedOn.AddDays(_random.Next(30, 300))));
            var internals = members.Where(m => m.Organization is not null).Select(m => m.Key).ToList();
            result.Add(new DemoAlliance($"ALN-{a + 1}", spec.Name, spec.Theme, spec.Plan, lead, formedOn, members,
                temporaryBranches[a].Code, internals.Take(4).ToList(), internals.Take(5).ToList(), formedOn.AddDays(60), 6));
        }
        return result;
    }

    // ---- pairings: 44 pairs of Lingang's branches

    List<DemoPairing> LingangPairingsOf(DemoSubsidiary lingang)
    {
        var branches = lingang.Organizations.Where(o => o.Kind == OrganizationKind.Branch).ToList();
        var seen = new HashSet<(string, string)>();
        var result = new List<DemoPairing>();
        while (result.Count < LingangPairings)
        {
            var first = branches[_random.Next(branches.Count)];
            var second = branches[_random.Next(branches.Count)];
            // Pairs reach across companies (资源互补), each pair once.
            if (Company(first) == Company(second) || !seen.Add(Key(first.Code, second.Code))) continue;
            var k = result.Count;
            var title = $"支部结对、党建共建协议（{first.Name}—{second.Name}）";
            var obligations = Names.PairingObligations[k % Names.PairingObligations.Length];
            // 0–5: expiring within 30 days; 6–11: renewed once; 12–14: ended early; 15–16: expired; the rest active.
            var signedOn = ReferenceDate.AddDays(-_random.Next(120, 700));
            var expiresOn = k switch
            {
                < 6 => ReferenceDate.AddDays(_random.Next(3, 28)),
                >= 15 and < 17 => ReferenceDate.AddDays(-_random.Next(10, 90)),
                _ => signedOn.AddYears(2).AddDays(_random.Next(0, 30)) is var e && e > ReferenceDate.AddDays(45) ? e : ReferenceDate.AddDays(200),
            };
            var agreements = new List<DemoAgreement> { new(title, obligations, signedOn, expiresOn) };
            if (k is >= 6 and < 12)
            {
                var renewed = ReferenceDate.AddDays(-_random.Next(5, 100));
                agreements[0] = agreements[0] with { ExpiresOn = renewed.AddDays(_random.Next(0, 20)) };
                if (agreements[0].SignedOn >= agreements[0].ExpiresOn) agreements[0] = agreements[0] with { SignedOn = agreements[0].ExpiresOn.AddYears(-2) };
                agreements.Add(new DemoAgreement(title + "（续签）", obligations, renewed, renewed.AddYears(2)));
            }
            var ended = k is >= 12 and < 15;
            result.Add(new DemoPairing(first.Code, second.Code, agreements,
                ended ? ReferenceDate.AddDays(-_random.Next(5, 60)) : null, ended ? "结对支部所在部门调整，经双方协商提前结束。" : null));
        }
        return result;

        string Company(DemoOrganization o) => Names.LingangCompanies.First(c => o.Name.StartsWith(c, StringComparison.Ordinal));
        static (string, string) Key(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
    }

    // ---- service centers: 12 of Lingang's

    List<DemoServiceCenter> LingangServiceCenters(DemoSubsidiary lingang, List<DemoAlliance> alliances)
    {
        (string Name, string Address, string Owner)[] centers =
        [
            ("临港新片区党群服务中心", "上海市浦东新区环湖西二路888号", "临港新片区经发公司党委"),
            ("滴水湖党群服务站", "上海市浦东新区水芸路432号", "临港新片区经发公司党委"),
            ("漕河泾开发区党群服务中心", "上海市徐汇区宜山路1388号", "漕河泾开发区党委"),
            ("漕河泾科技绿洲党群服务站", "上海市闵行区新骏环路188号", "漕河泾开发区党委"),
            ("松江科技城党群服务中心", "上海市松江区新飞路1500号", "临港松江科技城党委"),
            ("松江漕河泾园区党群服务站", "上海市松江区莘砖公路518号", "临港松江科技城党委"),
            ("浦江国际科技城党群服务中心", "上海市闵行区联航路1188号", "临港浦江国际科技城党委"),
            ("临港科技城党群服务站", "上海市浦东新区新元南路555号", "临港科技投资党委"),
            ("临港产业区党群服务中心", "上海市浦东新区鸿音路3000号", "临港产业区党委"),
            ("临港装备产业园党群服务站", "上海市浦东新区江山路2699号", "临港产业区党委"),
            ("临港城市服务党群服务中心", "上海市浦东新区古棕路558号", "临港城市服务党委"),
            ("临港资管楼宇党群服务站", "上海市浦东新区申港大道200号", "临港资产管理党委"),
        ];
        var cityServices = alliances.Single(a => a.Name == "城市服务党建品牌联盟").Code;
        return centers.Select((c, i) => new DemoServiceCenter($"SC-{i + 1:00}", c.Name, c.Address,
            c.Name.EndsWith("中心", StringComparison.Ordinal) ? 80 + 20 * _random.Next(0, 8) : 20 + 10 * _random.Next(0, 4),
            lingang.Organizations.Single(o => o.Name == c.Owner).Code,
            c.Owner == "临港城市服务党委" || i % 5 == 0 ? [cityServices] : [])).ToList();
    }

    List<string> Pick(string[] from, int count) => from.OrderBy(_ => _random.Next()).Take(count).ToList();

    /// <summary>Builds a tree in order (parents first) with codes <c>PREFIX-0001</c>…</summary>
    sealed class Tree(string prefix)
    {
        readonly Dictionary<string, int?> _enterprise = [];
        readonly HashSet<string> _temporary = [];
        readonly Dictionary<string, DemoOrganization> _byCode = [];
        public List<DemoOrganization> Organizations { get; } = [];

        public DemoOrganization Add(string name, OrganizationKind kind, DemoOrganization? parent, int? enterprise = null, bool temporary = false)
        {
            if (!kind.MayStandUnder(parent?.Kind)) throw new InvalidOperationException($"{name}: a {kind} cannot stand under {parent?.Kind}.");
            var organization = new DemoOrganization($"{prefix}-{Organizations.Count + 1:0000}", name, kind, parent?.Code);
            Organizations.Add(organization);
            _byCode[organization.Code] = organization;
            _enterprise[organization.Code] = enterprise;
            if (temporary) _temporary.Add(organization.Code);
            return organization;
        }

        public int? EnterpriseOf(DemoOrganization organization) => _enterprise[organization.Code];
        public bool IsTemporary(DemoOrganization organization) => _temporary.Contains(organization.Code);

        public bool IsSelfOrBelow(string code, DemoOrganization ancestor)
        {
            for (var current = _byCode[code]; ; current = _byCode[current.Parent!])
            {
                if (current.Code == ancestor.Code) return true;
                if (current.Parent is null) return false;
            }
        }
    }
}
