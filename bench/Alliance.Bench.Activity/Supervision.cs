using Alliance.Activity.Activities;
using Alliance.Activity.Common;
using Alliance.Activity.Meetings;
using Alliance.Activity.Supervision;
using Alliance.Contracts;

namespace Alliance.Bench.Activity;

/// <summary>
/// Joint meetings and their decision items for the supervision board, through the service's domain factories and model:
/// 50 alliances of four member units each from different subsidiaries (alliance ids made up here: the organization
/// service is not asked, so only a group administrator's board is measured), 20 meetings each over 2026, ten items per
/// meeting due 2 to 40 weeks after it: red, yellow and green on the board today.
/// </summary>
static class Supervision
{
    public const int Alliances = 50, MeetingsPerAlliance = 20, ItemsPerMeeting = 10;
    static readonly Actor Planner = new("bench-supervision", Roles.SubsidiaryAdmin);

    public static async Task<int> WriteAsync(Load load, IReadOnlyList<PartyOrganization> units, DateTimeOffset today)
    {
        var random = new Random(42);
        var hosting = units.Where(u => u.Kind is not null).ToArray();
        var items = 0;
        for (var a = 0; a < Alliances; a++)
        {
            await using var db = load.NewContext();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var members = Enumerable.Range(0, 4).Select(k => hosting[random.Next(hosting.Length)]).DistinctBy(u => u.Id)
                .Select(u => new MemberUnitFacts(Guid.NewGuid(), u.Id, u.SubsidiaryId, u.Name, true)).ToList();
            var alliance = new AllianceFacts(Guid.NewGuid(), $"基准联盟{a + 1:00}", members[0].SubsidiaryId!.Value, members);
            for (var m = 0; m < MeetingsPerAlliance; m++)
            {
                var startsAt = new DateTimeOffset(2026, 1, 5, 14, 0, 0, TimeSpan.FromHours(8)).AddDays(random.Next(330));
                var meeting = JointMeeting.Record(new MeetingPlan($"{alliance.Name}第{m + 1}次联席会议", alliance, startsAt, "联盟党建服务中心", null,
                    members.Select(u => new MeetingAttendee(u.Id, u.OrganizationId, u.SubsidiaryId, u.Name, [])).ToList(), null), null, Planner, startsAt);
                db.Add(meeting);
                db.AddRange(meeting.Changes);
                for (var i = 0; i < ItemsPerMeeting; i++)
                {
                    var owner = members[random.Next(members.Count)];
                    var supervisor = members.First(u => u.Id != owner.Id);
                    var due = DateOnly.FromDateTime(startsAt.Date).AddDays(14 + random.Next(266));
                    var item = DecisionItem.Record(meeting, new DecisionItemPlan($"落实{meeting.Title}决议事项{i + 1}", "形成书面成果并报送", Unit(owner),
                        null, due, [], Unit(supervisor)), SupervisionColours.DefaultDueSoonDays, Planner, startsAt);
                    db.Add(item);
                    db.AddRange(item.Entries);
                    items++;
                }
            }
            await db.SaveChangesAsync();
        }
        return items;
    }

    static UnitRef Unit(MemberUnitFacts m) => new(m.Id, m.OrganizationId, m.SubsidiaryId, m.Name);
}
