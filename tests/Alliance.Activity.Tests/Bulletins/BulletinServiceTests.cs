using System.Diagnostics;
using Alliance.Activity.Bulletins;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Time;
using Alliance.Testing;
using Google.Protobuf.WellKnownTypes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nomination = Alliance.Contracts.Activity.V1.Nomination;

namespace Alliance.Activity.Tests.Bulletins;

/// <summary>
/// The monthly bulletin as the activity service runs it, over gRPC against real PostgreSQL, with the organization service
/// faked and a fake milestones source beside the real activities and nominations sources: the content of a month with
/// known data, the editor's revision, review by another person, publishing with PDFs printed by chromium (holding the
/// Chinese text, fonts embedded), immutability, the archive, the audit log, and who may do what.
/// </summary>
public class BulletinServiceTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    readonly MovableClock _clock = new(new DateTimeOffset(2026, 2, 1, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new() { ["Supervision:SweepEnabled"] = "false" };
    readonly FakeOrganizationDirectory _directory = new();
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid(), SubsidiaryC = Guid.NewGuid();
    OrganizationFacts _a = null!, _b = null!, _c = null!;
    AllianceFacts _alliance = null!;
    static readonly Guid MilestoneId = Guid.NewGuid();
    const string JointStudy = "0199a000-0000-7000-8000-000000000001";

    /// <summary>Stands in for the tackling projects' source: one milestone in March 2026 for every scope.</summary>
    sealed class FakeMilestones : IBulletinContentSource
    {
        public string Section => BulletinSections.Milestones;

        public Task<IReadOnlyList<BulletinEntry>> EntriesAsync(BulletinScope scope, MeetingPeriod month, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<BulletinEntry>>(month.FirstDay == new DateOnly(2026, 3, 1)
                ? [new BulletinEntry(Section, MilestoneId, new DateTimeOffset(2026, 3, 20, 9, 0, 0, TimeSpan.FromHours(8)), "洋山港项目提前完工", "Yangshan project finished early",
                    "工期提前9个月", "Nine months ahead of schedule", null, 270, "天")]
                : []);
    }

    public async Task InitializeAsync()
    {
        await _configuration.AddOwnServersAsync("bulletins");
        _host = await ServiceHost.StartAsync(_configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(_directory);
                b.Services.AddScoped<IBulletinContentSource, FakeMilestones>();
            },
            a => a.MapApplicationEndpoints());
        _a = _directory.AddOrganization(SubsidiaryA, "甲公司党委");
        _b = _directory.AddOrganization(SubsidiaryB, "乙公司党委");
        _c = _directory.AddOrganization(SubsidiaryC, "丙公司党委");
        _alliance = _directory.AddAlliance("临港产业联盟", _a, _b);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    static CallOptions As(string role, Guid? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions GroupAdmin = As(Roles.GroupAdmin, user: "集团管理员");
    static readonly CallOptions OtherGroupAdmin = As(Roles.GroupAdmin, user: "集团审核员");
    static readonly CallOptions SecretaryA = As(Roles.Secretary, SubsidiaryA, "李书记");
    static readonly CallOptions AdminA = As(Roles.SubsidiaryAdmin, SubsidiaryA, "甲管理员");
    static readonly CallOptions MemberA = As(Roles.Member, SubsidiaryA, "甲党员");
    static readonly CallOptions SecretaryB = As(Roles.Secretary, SubsidiaryB, "王书记");
    static readonly CallOptions AdminB = As(Roles.SubsidiaryAdmin, SubsidiaryB, "乙管理员");
    static readonly CallOptions SecretaryC = As(Roles.Secretary, SubsidiaryC, "赵书记");
    static readonly CallOptions Partner = As(Roles.Partner, null, "partner-1");

    BulletinService.BulletinServiceClient Bulletins => _host.Client<BulletinService.BulletinServiceClient>();
    NominationService.NominationServiceClient Nominations => _host.Client<NominationService.NominationServiceClient>();
    ActivityService.ActivityServiceClient Activities => _host.Client<ActivityService.ActivityServiceClient>();

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    async Task<string> HeldAsync(string title, DateTimeOffset start, Guid? alliance = null)
    {
        var details = new ActivityDetails
        {
            Title = title, TypeId = JointStudy, AllianceId = alliance?.ToString() ?? "",
            StartsAt = Timestamp.FromDateTimeOffset(start), EndsAt = Timestamp.FromDateTimeOffset(start.AddHours(2)),
            Venue = new VenueRef { Address = "临港党群服务中心" }, Agenda = "联学联建",
        };
        details.Hosts.Add(new HostRef { OrganizationId = _a.Id.ToString() });
        var activity = await Activities.ScheduleActivityAsync(new ScheduleActivityRequest { Details = details }, GroupAdmin);
        return activity.Id;
    }

    async Task RecordHeldAsync(string id) =>
        await Activities.RecordActivityHeldAsync(new RecordActivityHeldRequest { Id = id, OutcomeNotes = "签约合作项目2个" }, GroupAdmin);

    Task<Nomination> NominateAsync(string month, Guid? alliance, OrganizationFacts unit, CallOptions caller, string reason = "攻坚表现突出") =>
        Nominations.NominateAsync(new NominateRequest
        {
            AllianceId = alliance?.ToString() ?? "", Month = month, OrganizationId = unit.Id.ToString(), ReasonZh = reason, ReasonEn = "Outstanding work",
        }, caller).ResponseAsync;

    /// <summary>March 2026: two activities held in March (one in the alliance), one in April, one scheduled but not held;
    /// nominations: one accepted and one rejected for the alliance, one accepted for the group, one accepted for April.</summary>
    async Task KnownMonthAsync()
    {
        var inAlliance = await HeldAsync("联盟三月联学", new DateTimeOffset(2026, 3, 5, 14, 0, 0, TimeSpan.FromHours(8)), _alliance.Id);
        var groupOnly = await HeldAsync("集团三月党课", new DateTimeOffset(2026, 3, 31, 23, 0, 0, TimeSpan.FromHours(8)));
        var april = await HeldAsync("四月活动", new DateTimeOffset(2026, 4, 1, 0, 30, 0, TimeSpan.FromHours(8)), _alliance.Id);
        await HeldAsync("未举办的活动", new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.FromHours(8)), _alliance.Id);
        _clock.Now = new DateTimeOffset(2026, 4, 2, 2, 0, 0, TimeSpan.Zero);
        foreach (var id in new[] { inAlliance, groupOnly, april }) await RecordHeldAsync(id);

        var accepted = await NominateAsync("2026-03", _alliance.Id, _b, SecretaryA, "牵头完成充电桩共建");
        var rejected = await NominateAsync("2026-03", _alliance.Id, _a, SecretaryB);
        var forGroup = await NominateAsync("2026-03", null, _c, SecretaryC, "服务群众成效显著");
        var forApril = await NominateAsync("2026-04", _alliance.Id, _b, SecretaryA);
        await Nominations.ReviewNominationAsync(new ReviewNominationRequest { Id = accepted.Id, Accept = true }, AdminA);
        await Nominations.ReviewNominationAsync(new ReviewNominationRequest { Id = rejected.Id, Accept = false, Note = "材料不足" }, AdminA);
        await Nominations.ReviewNominationAsync(new ReviewNominationRequest { Id = forGroup.Id, Accept = true }, GroupAdmin);
        await Nominations.ReviewNominationAsync(new ReviewNominationRequest { Id = forApril.Id, Accept = true }, GroupAdmin);
    }

    static IEnumerable<(string Section, string Title)> Content(BulletinDocument b) =>
        b.Sections.SelectMany(s => s.Entries.Select(e => (s.Section, e.TitleZh)));

    [Fact]
    public async Task A_months_draft_holds_the_milestones_activities_and_accepted_nominations_of_its_scope()
    {
        await KnownMonthAsync();
        var ofAlliance = await Bulletins.GenerateBulletinAsync(new GenerateBulletinRequest { AllianceId = _alliance.Id.ToString(), Month = "2026-03" }, SecretaryA);
        Content(ofAlliance).Should().Equal(
            (BulletinSections.Milestones, "洋山港项目提前完工"),
            (BulletinSections.Activities, "联盟三月联学"),
            (BulletinSections.Nominations, "乙公司党委"));
        ofAlliance.Sections.Select(s => s.Section).Should().Equal(BulletinSections.InOrder);
        ofAlliance.Sections[0].Entries[0].Measure.Should().Be(270);
        ofAlliance.Sections[3].Entries[0].DetailZh.Should().Be("牵头完成充电桩共建");
        ofAlliance.State.Should().Be("draft");
        ofAlliance.TitleZh.Should().Contain("临港产业联盟").And.Contain("2026年3月");

        var ofGroup = await Bulletins.GenerateBulletinAsync(new GenerateBulletinRequest { Month = "2026-03" }, GroupAdmin);
        Content(ofGroup).Should().Equal(
            (BulletinSections.Milestones, "洋山港项目提前完工"),
            (BulletinSections.Activities, "联盟三月联学"),
            (BulletinSections.Activities, "集团三月党课"),
            (BulletinSections.Nominations, "丙公司党委"));

        (await Refused(() => Bulletins.GenerateBulletinAsync(new GenerateBulletinRequest { Month = "2026-03" }, GroupAdmin).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.FailedPrecondition, "one bulletin per scope and month");
        (await Bulletins.GenerateBulletinAsync(new GenerateBulletinRequest { Month = "2026-05" }, GroupAdmin)).Sections.Should().OnlyContain(s => s.Entries.Count == 0);
    }

    [Fact]
    public async Task The_editor_revises_a_reviewer_approves_and_the_published_bulletin_is_printed_and_immutable()
    {
        await KnownMonthAsync();
        var draft = await Bulletins.GenerateBulletinAsync(new GenerateBulletinRequest { Month = "2026-03" }, GroupAdmin);
        var activities = draft.Sections.Single(s => s.Section == BulletinSections.Activities).Entries;
        var revise = new ReviseBulletinRequest
        {
            Id = draft.Id, TitleZh = "临港攻坚战报（2026年3月）", TitleEn = "Lingang bulletin, March 2026", LeadZh = "三月，攻坚克难，成效显著。", LeadEn = "March: hard work, clear results.",
            ExpectedVersion = draft.Version,
            Sections =
            {
                new SectionRevision { Section = BulletinSections.Activities, TextZh = "本月共建活动", TextEn = "Joint activities", EntryIds = { activities[1].SourceId, activities[0].SourceId } },
                new SectionRevision { Section = BulletinSections.Nominations, TextZh = "", TextEn = "" },
            },
        };
        var revised = await Bulletins.ReviseBulletinAsync(revise, GroupAdmin);
        Content(revised).Should().Equal(
            (BulletinSections.Milestones, "洋山港项目提前完工"), (BulletinSections.Activities, "集团三月党课"), (BulletinSections.Activities, "联盟三月联学"));
        revised.Generated.Should().HaveCount(4, "dropped entries stay among the generated ones");

        var submitted = await Bulletins.SubmitBulletinAsync(new BulletinStepRequest { Id = draft.Id }, GroupAdmin);
        (await Refused(() => Bulletins.ApproveBulletinAsync(new BulletinStepRequest { Id = draft.Id }, GroupAdmin).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.FailedPrecondition, "the submitter does not review");
        revise.ExpectedVersion = 0;
        (await Refused(() => Bulletins.ReviseBulletinAsync(revise, GroupAdmin).ResponseAsync)).StatusCode.Should().Be(StatusCode.FailedPrecondition, "a bulletin in review is not revised");
        var returned = await Bulletins.ReturnBulletinAsync(new BulletinStepRequest { Id = draft.Id, Reason = "补充数据" }, OtherGroupAdmin);
        returned.State.Should().Be("draft");
        returned.ReturnReason.Should().Be("补充数据");
        await Bulletins.SubmitBulletinAsync(new BulletinStepRequest { Id = draft.Id }, GroupAdmin);
        await Bulletins.ApproveBulletinAsync(new BulletinStepRequest { Id = draft.Id }, OtherGroupAdmin);
        var published = await Bulletins.PublishBulletinAsync(new BulletinStepRequest { Id = draft.Id }, GroupAdmin);
        published.State.Should().Be("published");
        published.MayEdit.Should().BeFalse();

        foreach (var step in new Func<Task>[]
        {
            () => { revise.ExpectedVersion = 0; return Bulletins.ReviseBulletinAsync(revise, GroupAdmin).ResponseAsync; },
            () => Bulletins.SubmitBulletinAsync(new BulletinStepRequest { Id = draft.Id }, GroupAdmin).ResponseAsync,
            () => Bulletins.ReturnBulletinAsync(new BulletinStepRequest { Id = draft.Id, Reason = "再改" }, OtherGroupAdmin).ResponseAsync,
            () => Bulletins.PublishBulletinAsync(new BulletinStepRequest { Id = draft.Id }, GroupAdmin).ResponseAsync,
        })
            (await Refused(step)).StatusCode.Should().Be(StatusCode.FailedPrecondition);

        var history = await Bulletins.GetBulletinHistoryAsync(new GetBulletinRequest { Id = draft.Id }, GroupAdmin);
        history.Changes.Select(c => c.Kind).Should().Equal("generated", "revised", "submitted", "returned", "submitted", "approved", "published");
        history.Changes[3].ChangedBy.Should().Be("集团审核员");

        var html = await Bulletins.RenderBulletinAsync(new RenderBulletinRequest { Id = draft.Id, Language = "zh-CN" }, MemberA);
        html.Content.ToStringUtf8().Should().Contain("临港攻坚战报（2026年3月）").And.Contain("集团三月党课").And.Contain("@page");
        (await Bulletins.RenderBulletinAsync(new RenderBulletinRequest { Id = draft.Id, Language = "en-US" }, MemberA)).Content.ToStringUtf8()
            .Should().Contain("Lingang bulletin, March 2026").And.NotContain("三月，攻坚克难");

        var pdf = await Bulletins.RenderBulletinAsync(new RenderBulletinRequest { Id = draft.Id, Language = "zh-CN", Pdf = true }, MemberA);
        pdf.ContentType.Should().Be("application/pdf");
        var again = await Bulletins.RenderBulletinAsync(new RenderBulletinRequest { Id = draft.Id, Language = "zh-CN", Pdf = true }, GroupAdmin);
        again.Content.Should().Equal(pdf.Content, "the published PDF is stored, not printed again");
        var file = Path.Combine(Path.GetTempPath(), $"bulletin-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf.Content.ToByteArray());
        try
        {
            var text = await RunAsync("pdftotext", file, "-");
            text.Should().Contain("临港攻坚战报").And.Contain("集团三月党课").And.Contain("洋山港项目提前完工");
            var fonts = await RunAsync("pdffonts", file);
            // Chromium embeds the glyphs the page uses (the Noto CJK ones as Type 3 fonts): every font of the file is embedded.
            var rows = fonts.Split('\n').SkipWhile(l => !l.StartsWith("---")).Skip(1).Where(l => l.Trim().Length > 0).ToList();
            rows.Should().NotBeEmpty();
            rows.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(t => t[t.Length - 5]).Should().OnlyContain(e => e == "yes", "every font is embedded");
        }
        finally
        {
            File.Delete(file);
        }

        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ActivityDbContext>();
        (await db.Database.SqlQueryRaw<string>("SELECT message_type AS \"Value\" FROM outbox_messages WHERE body LIKE {0}", $"%{draft.Id}%").ToListAsync())
            .Should().ContainSingle(t => t.Contains("BulletinPublished"));
        var archive = await Bulletins.ListBulletinsAsync(new ListBulletinsRequest { State = "published", GroupOnly = true }, SecretaryC);
        archive.Items.Should().ContainSingle().Which.Id.Should().Be(draft.Id);
    }

    static async Task<string> RunAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    [Fact]
    public async Task An_alliances_bulletin_is_edited_by_its_lead_reviewed_by_its_leads_admin_and_read_by_its_members_once_published()
    {
        var month = new GenerateBulletinRequest { AllianceId = _alliance.Id.ToString(), Month = "2026-02" };
        foreach (var caller in new[] { MemberA, SecretaryB, SecretaryC, Partner })
            (await Refused(() => Bulletins.GenerateBulletinAsync(month, caller).ResponseAsync)).StatusCode.Should().BeOneOf(StatusCode.PermissionDenied, StatusCode.NotFound);
        var draft = await Bulletins.GenerateBulletinAsync(month, SecretaryA);
        draft.MayEdit.Should().BeTrue();
        draft.MayReview.Should().BeFalse("a secretary edits, an administrator reviews");
        (await Refused(() => Bulletins.GetBulletinAsync(new GetBulletinRequest { Id = draft.Id }, SecretaryB).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Bulletins.SubmitBulletinAsync(new BulletinStepRequest { Id = draft.Id }, MemberA).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        await Bulletins.SubmitBulletinAsync(new BulletinStepRequest { Id = draft.Id }, SecretaryA);
        (await Refused(() => Bulletins.ApproveBulletinAsync(new BulletinStepRequest { Id = draft.Id }, AdminB).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Bulletins.ApproveBulletinAsync(new BulletinStepRequest { Id = draft.Id }, SecretaryA).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);
        await Bulletins.ApproveBulletinAsync(new BulletinStepRequest { Id = draft.Id }, AdminA);
        await Bulletins.PublishBulletinAsync(new BulletinStepRequest { Id = draft.Id }, SecretaryA);
        (await Bulletins.GetBulletinAsync(new GetBulletinRequest { Id = draft.Id }, SecretaryB)).State.Should().Be("published");
        (await Refused(() => Bulletins.GetBulletinAsync(new GetBulletinRequest { Id = draft.Id }, SecretaryC).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Bulletins.ListBulletinsAsync(new ListBulletinsRequest(), Partner).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Nominations.ListNominationsAsync(new ListNominationsRequest(), Partner).ResponseAsync)).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => NominateAsync("2026-03", _alliance.Id, _a, MemberA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => NominateAsync("2026-03", _alliance.Id, _c, SecretaryC))).StatusCode.Should().Be(StatusCode.NotFound);
        var own = await NominateAsync("2026-03", _alliance.Id, _a, AdminA);
        (await Refused(() => Nominations.ReviewNominationAsync(new ReviewNominationRequest { Id = own.Id, Accept = true }, AdminA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.FailedPrecondition, "no one reviews their own nomination");
        (await Refused(() => Nominations.ReviewNominationAsync(new ReviewNominationRequest { Id = own.Id, Accept = true }, SecretaryB).ResponseAsync))
            .StatusCode.Should().BeOneOf(StatusCode.PermissionDenied, StatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field()
    {
        var generate = await Refused(() => Bulletins.GenerateBulletinAsync(new GenerateBulletinRequest { AllianceId = "x", Month = "2026-13" }, GroupAdmin).ResponseAsync);
        generate.StatusCode.Should().Be(StatusCode.InvalidArgument);
        generate.Status.Detail.Should().ContainAll("allianceId", "month");
        var draft = await Bulletins.GenerateBulletinAsync(new GenerateBulletinRequest { Month = "2026-01" }, GroupAdmin);
        var revise = await Refused(() => Bulletins.ReviseBulletinAsync(new ReviseBulletinRequest
        {
            Id = draft.Id, TitleZh = "", TitleEn = new string('x', 201), LeadZh = "导语", LeadEn = "",
            Sections = { new SectionRevision { Section = "gossip" }, new SectionRevision { Section = BulletinSections.Activities, EntryIds = { "nope" } } },
        }, GroupAdmin).ResponseAsync);
        revise.Status.Detail.Should().ContainAll("titleZh", "titleEn", "leadEn", "sections[0].section", "sections[1].entryIds[0]");
        (await Refused(() => Bulletins.ReviseBulletinAsync(new ReviseBulletinRequest
        {
            Id = draft.Id, TitleZh = "标题", TitleEn = "Title", LeadZh = "导语", LeadEn = "Lead",
            Sections = { new SectionRevision { Section = BulletinSections.Activities, EntryIds = { Guid.NewGuid().ToString() } } },
        }, GroupAdmin).ResponseAsync)).StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await Refused(() => Bulletins.ReturnBulletinAsync(new BulletinStepRequest { Id = draft.Id }, OtherGroupAdmin).ResponseAsync)).Status.Detail.Should().Contain("reason");
        (await Refused(() => Bulletins.ApproveBulletinAsync(new BulletinStepRequest { Id = draft.Id }, OtherGroupAdmin).ResponseAsync)).StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await Refused(() => Bulletins.RenderBulletinAsync(new RenderBulletinRequest { Id = draft.Id, Language = "fr-FR" }, GroupAdmin).ResponseAsync)).Status.Detail.Should().Contain("language");
        (await Refused(() => Bulletins.RenderBulletinAsync(new RenderBulletinRequest { Id = draft.Id, Pdf = true }, GroupAdmin).ResponseAsync)).StatusCode.Should().Be(StatusCode.FailedPrecondition);
        (await Refused(() => Bulletins.ListBulletinsAsync(new ListBulletinsRequest { Month = "March", State = "lost" }, GroupAdmin).ResponseAsync)).Status.Detail.Should().ContainAll("month", "state");
        var nominate = await Refused(() => Nominations.NominateAsync(new NominateRequest { Month = "x", ReasonZh = "" }, SecretaryA).ResponseAsync);
        nominate.Status.Detail.Should().ContainAll("month", "nominee", "reasonZh");
        (await Refused(() => Nominations.NominateAsync(new NominateRequest { Month = "2026-03", ReasonZh = "好", PersonId = Guid.NewGuid().ToString(), OrganizationId = _a.Id.ToString() }, SecretaryA).ResponseAsync))
            .Status.Detail.Should().Contain("nominee");
        (await Refused(() => Nominations.ReviewNominationAsync(new ReviewNominationRequest { Id = Guid.NewGuid().ToString() }, GroupAdmin).ResponseAsync)).StatusCode.Should().Be(StatusCode.NotFound);
    }
}
