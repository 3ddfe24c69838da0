using Alliance.Activity.Activities;
using Alliance.Activity.ActivityTypes;
using Alliance.Activity.Attendance;
using Alliance.Activity.Common; // Actor, on main since the audit log moved there
using Alliance.Contracts;

namespace Alliance.Bench.Activity;

/// <summary>A party organization of the generated group, as the organization service listed it (kind: committee, general-branch, branch or null for a group).</summary>
sealed record PartyOrganization(Guid Id, Guid SubsidiaryId, int Subsidiary, string Name, string? Kind);

/// <summary>One batch of the history: activities (their hosts ride along), their audit entries, invitations and check-ins.</summary>
sealed record HistoryBatch(List<Alliance.Activity.Activities.Activity> Activities, List<ActivityChange> Changes, List<Participant> Participants, List<CheckIn> CheckIns)
{
    public int Rows => Activities.Sum(a => 1 + a.Hosts.Count) + Changes.Count + Participants.Count + CheckIns.Count;
}

/// <summary>
/// The reference group's activity history (DOMAIN.md: 1,000,000 activities, 10,000,000 attendance records at scale 1), a
/// batch at a time, built with the activity service's own domain factories (Schedule, RecordHeld, Cancel, invitations,
/// CheckIn.Record) so every row is one the service could have written. Activities start from January 2022 to January 2027
/// (today is in December 2026): organization-life meetings (支委会, 党员大会, 党小组会, 党课, 委员会会议) hosted by one
/// organization, and joint activities of the six measures hosted by two or three organizations of different subsidiaries.
/// Past ones are 85% held, 10% cancelled, 5% still planned; future ones planned. Each held activity has about ten check-ins
/// of people of its hosts' subsidiaries (a pool of 100,000 people: ids made up here, the organization service does not
/// hold them), each host organization is invited.
/// </summary>
sealed class History(IReadOnlyList<PartyOrganization> units, IReadOnlyList<ActivityType> jointTypes, IReadOnlyList<ActivityType> lifeTypes,
    int activities, long checkIns, int batchSize, DateTimeOffset today)
{
    public const int People = 100_000;
    static readonly DateTimeOffset First = new(2022, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
    static readonly DateTimeOffset Last = new(2027, 1, 31, 0, 0, 0, TimeSpan.FromHours(8));
    static readonly Actor Secretary = new("bench-history", Roles.Secretary);
    static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周"];
    static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋"];
    static readonly string[] Places = ["上海市浦东新区世纪大道100号", "上海市临港新片区环湖西二路888号", "北京市西城区金融大街1号", "武汉市江汉区建设大道568号"];

    readonly PartyOrganization[] _hosting = units.Where(u => u.Kind is not null).ToArray();
    readonly int _subsidiaries = units.Max(u => u.Subsidiary) + 1;

    public int Batches => (activities + batchSize - 1) / batchSize;

    public HistoryBatch Batch(int index)
    {
        var random = new Random(index * 7919 + 17);
        var count = Math.Min(batchSize, activities - index * batchSize);
        // Check-ins spread evenly over the batches, then over the batch's held activities.
        var checkInsHere = checkIns * (index + 1) / Batches - checkIns * index / Batches;
        var result = new HistoryBatch(new(count), new(count * 2), new(count * 2), new((int)checkInsHere + 16));
        var held = new List<(Alliance.Activity.Activities.Activity Activity, PartyOrganization[] Hosts)>(count);
        var span = (Last - First).Ticks;
        for (var i = 0; i < count; i++)
        {
            var startsAt = First.AddTicks((long)(random.NextDouble() * span));
            startsAt = new DateTimeOffset(startsAt.Year, startsAt.Month, startsAt.Day, 9 + random.Next(8), 0, 0, startsAt.Offset);
            var endsAt = startsAt.AddHours(1 + random.Next(3));
            PartyOrganization[] hosts;
            ActivityType type;
            if (random.Next(10) < 6)
            {
                // Organization life: the kind's own meetings, one host.
                var host = _hosting[random.Next(_hosting.Length)];
                hosts = [host];
                type = host.Kind switch
                {
                    "branch" => lifeTypes[random.Next(4)],
                    _ => lifeTypes[4],
                };
            }
            else
            {
                var n = 2 + random.Next(2);
                var first = _hosting[random.Next(_hosting.Length)];
                var chosen = new List<PartyOrganization> { first };
                while (chosen.Count < n) if (Other(random, first) is var other && chosen.All(c => c.Id != other.Id)) chosen.Add(other);
                hosts = [.. chosen];
                type = jointTypes[random.Next(jointTypes.Count)];
            }
            var plan = new ActivityPlan(Truncate($"{type.NameZh}：{hosts[0].Name}"), type,
                hosts.Select(h => ActivityHost.Internal(h.Id, h.SubsidiaryId, h.Name)).ToList(),
                null, null, null, null, [], startsAt, endsAt, null, null, Places[random.Next(Places.Length)], "学习贯彻会议精神；交流工作");
            var scheduledAt = startsAt.AddDays(-3 - random.Next(20));
            var activity = Alliance.Activity.Activities.Activity.Schedule(plan, Secretary, scheduledAt);
            foreach (var h in hosts)
                result.Participants.Add(Participant.Organization(activity.Id, h.Id, h.SubsidiaryId, h.Name, 10 + random.Next(30), Secretary, scheduledAt));
            if (endsAt < today)
            {
                var fate = random.Next(100);
                if (fate < 85)
                {
                    activity.RecordHeld("按计划开展，达到预期效果。", Secretary, endsAt.AddHours(random.Next(48)));
                    held.Add((activity, hosts));
                }
                else if (fate < 95) activity.Cancel("工作冲突，另行安排", Secretary, startsAt.AddDays(-1));
            }
            result.Activities.Add(activity);
            result.Changes.AddRange(activity.Changes);
        }

        // Check-ins: each held activity gets its share; the people of its hosts' subsidiaries, each once.
        for (var h = 0; h < held.Count; h++)
        {
            var (activity, hosts) = held[h];
            var share = (int)(checkInsHere * (h + 1) / held.Count - checkInsHere * h / held.Count);
            var perSubsidiary = People / _subsidiaries;
            var offset = random.Next(perSubsidiary);
            for (var k = 0; k < share; k++)
            {
                var host = hosts[k % hosts.Length];
                var person = host.Subsidiary * perSubsidiary + (offset + k) % perSubsidiary; // distinct for each k: no one checks in twice
                result.CheckIns.Add(CheckIn.Record(activity.Id, $"p{person:000000}", PersonId(person), Name(person), host.Id, host.Name, host.SubsidiaryId,
                    k % 3 == 0 ? CheckInMethod.Self : CheckInMethod.Code, activity.StartsAt.AddMinutes(-10 + random.Next(40))));
            }
        }
        return result;
    }

    /// <summary>A host from another subsidiary than the first (any other, if the group has one subsidiary).</summary>
    PartyOrganization Other(Random random, PartyOrganization first)
    {
        for (var attempt = 0; ; attempt++)
        {
            var u = _hosting[random.Next(_hosting.Length)];
            if (u.Subsidiary != first.Subsidiary || attempt > 20) return u;
        }
    }

    static Guid PersonId(int person) => new($"00000000-0000-7000-8000-{person:000000000000}");
    static string Name(int person) => Surnames[person % 10] + Given[person / 10 % 10] + Given[person / 100 % 10];
    static string Truncate(string s) => s.Length <= 200 ? s : s[..200];
}
