using System.Net;
using System.Text.Json.Nodes;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Notifications;
using Alliance.Activity.Tests.Persistence;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.Contracts.Events;
using Alliance.ServiceDefaults.Grpc;
using Alliance.ServiceDefaults.Validation;
using Alliance.Testing;
using Alliance.Testing.Servers;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Notification = Alliance.Activity.Notifications.Notification;
using NotificationChannel = Alliance.Contracts.Activity.V1.NotificationChannel;
using Delivery = Alliance.Contracts.Activity.V1.Delivery;

namespace Alliance.Activity.Tests.Notifications;

/// <summary>
/// Channels and the delivery queue on real PostgreSQL, sent to a local HTTP receiver standing in for the group robots
/// (the sender driven by hand on a controllable clock): retry with back-off after a failure, failed for good and retried
/// by an administrator, secrets never shown, bad input, who may set channels up; and an escalated decision item published
/// on the real broker turned into the secretary unit's notification.
/// </summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    ServiceHost _host = null!;
    WebApplication _receiver = null!;
    Uri _base = null!;
    readonly List<(string Path, JsonObject Body)> _received = [];
    readonly Queue<HttpStatusCode> _answers = new();
    readonly MovableClock _clock = new(new DateTimeOffset(2027, 1, 10, 2, 0, 0, TimeSpan.Zero));
    readonly Dictionary<string, string?> _configuration = new()
    {
        ["OrganizationLife:Reminders:Enabled"] = "false",
        ["Notifications:Delivery:Enabled"] = "false",
        ["Notifications:Delivery:FirstBackOff"] = "00:01:00",
        ["Notifications:Delivery:MaxAttempts"] = "3",
    };
    static readonly Guid SubsidiaryA = Guid.NewGuid(), SubsidiaryB = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _receiver = builder.Build();
        _receiver.MapPost("/{kind}", async (string kind, HttpContext http) =>
        {
            var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            HttpStatusCode status;
            lock (_received)
            {
                _received.Add((kind, body));
                status = _answers.Count > 0 ? _answers.Dequeue() : HttpStatusCode.OK;
            }
            return status == HttpStatusCode.OK ? Results.Json(new { errcode = 0, errmsg = "ok" }) : Results.StatusCode((int)status);
        });
        await _receiver.StartAsync();
        _base = new Uri($"http://127.0.0.1:{port}/");

        await _configuration.AddOwnServersAsync("deliveries");
        _host = await ServiceHost.StartAsync(_configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<TimeProvider>(_clock);
                b.Services.AddSingleton<IOrganizationDirectory>(new FakeOrganizationDirectory());
            },
            a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    static CallOptions As(string role, Guid? tenant = null, string user = "tester")
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, role }, { AllianceMetadata.UserId, AllianceMetadata.EncodeText(user) } };
        if (tenant is not null) metadata.Add(AllianceMetadata.TenantId, tenant.ToString()!);
        return new CallOptions(metadata);
    }

    static readonly CallOptions AdminA = As(Roles.SubsidiaryAdmin, SubsidiaryA, "甲管理员");

    NotificationDeliveryService.NotificationDeliveryServiceClient Deliveries => _host.Client<NotificationDeliveryService.NotificationDeliveryServiceClient>();

    async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> use)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider);
    }

    Task<int> SendDueAsync() => InScope(s => s.GetRequiredService<DeliverySender>().RunOnceAsync(CancellationToken.None));

    Task<int> PostAsync(Guid subsidiary, string key) => InScope(async s =>
    {
        var db = s.GetRequiredService<ActivityDbContext>();
        var posted = await NotificationInbox.PostAsync(db,
            [Notification.Post(key, NotificationKinds.Reminder, subsidiary, null, "三会一课提醒", "第一支部本月支委会尚未召开。", "/organization-life", _clock.GetUtcNow())],
            _clock.GetUtcNow(), CancellationToken.None);
        await db.SaveChangesAsync();
        return posted.Count;
    });

    Task<NotificationChannel> RobotAsync(string kind, string? secret = null, Guid? subsidiary = null) =>
        Deliveries.CreateNotificationChannelAsync(new CreateNotificationChannelRequest
        {
            SubsidiaryId = (subsidiary ?? SubsidiaryA).ToString(), Kind = kind, Name = $"{kind} 群机器人", Target = new Uri(_base, $"{kind}?key=K-secret-1").ToString(),
            Secret = secret ?? "", Enabled = true,
        }, AdminA).ResponseAsync;

    async Task<Delivery> OnlyDeliveryAsync(CallOptions? caller = null) =>
        (await Deliveries.ListDeliveriesAsync(new ListDeliveriesRequest(), caller ?? AdminA)).Items.Should().ContainSingle().Subject;

    static async Task<RpcException> Refused(Func<Task> call) => (await call.Should().ThrowAsync<RpcException>()).Which;

    [Fact]
    public async Task A_delivery_that_fails_is_retried_after_its_back_off_and_arrives_once_with_its_attempts_shown()
    {
        await RobotAsync("wecom");
        _answers.Enqueue(HttpStatusCode.InternalServerError);
        (await PostAsync(SubsidiaryA, "k1")).Should().Be(1);
        (await PostAsync(SubsidiaryA, "k1")).Should().Be(0, "a key is posted once");

        (await SendDueAsync()).Should().Be(1);
        var retrying = await OnlyDeliveryAsync();
        (retrying.State, retrying.Attempts).Should().Be(("retrying", 1));
        retrying.LastError.Should().Contain("500");
        (await SendDueAsync()).Should().Be(0, "the back-off has not passed");

        _clock.Now = _clock.Now.AddMinutes(2);
        (await SendDueAsync()).Should().Be(1);
        (await SendDueAsync()).Should().Be(0, "a sent delivery is not sent again");

        var sent = await OnlyDeliveryAsync();
        (sent.State, sent.Attempts).Should().Be(("sent", 2));
        sent.SentAt.Should().NotBeNull();
        lock (_received)
        {
            _received.Should().HaveCount(2, "the failed attempt and the one that succeeded");
            _received.Select(r => (string?)r.Body["text"]?["content"]).Should().OnlyContain(t => t!.StartsWith("三会一课提醒\n第一支部本月支委会尚未召开。"));
        }
    }

    [Fact]
    public async Task A_refused_delivery_fails_for_good_and_an_administrator_sends_it_again()
    {
        await RobotAsync("dingtalk", secret: "SEC-1");
        _answers.Enqueue(HttpStatusCode.BadRequest);
        await PostAsync(SubsidiaryA, "k2");

        await SendDueAsync();
        var failed = await OnlyDeliveryAsync();
        (failed.State, failed.Attempts).Should().Be(("failed", 1));
        (await Deliveries.ListDeliveriesAsync(new ListDeliveriesRequest { State = "failed" }, AdminA)).Total.Should().Be(1);

        (await Refused(() => Deliveries.RetryDeliveryAsync(new RetryDeliveryRequest { Id = failed.Id }, As(Roles.Secretary, SubsidiaryA)).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Refused(() => Deliveries.RetryDeliveryAsync(new RetryDeliveryRequest { Id = failed.Id }, As(Roles.SubsidiaryAdmin, SubsidiaryB)).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        (await Deliveries.RetryDeliveryAsync(new RetryDeliveryRequest { Id = failed.Id }, AdminA)).State.Should().Be("pending");
        var twice = await Refused(() => Deliveries.RetryDeliveryAsync(new RetryDeliveryRequest { Id = failed.Id }, AdminA).ResponseAsync);
        twice.StatusCode.Should().Be(StatusCode.FailedPrecondition);
        FieldErrors.From(twice).Should().ContainKey("state");

        await SendDueAsync();
        (await OnlyDeliveryAsync()).State.Should().Be("sent");
        lock (_received) _received.Last().Path.Should().Be("dingtalk");
    }

    [Fact]
    public async Task A_channel_never_shows_its_secret_or_a_robots_key()
    {
        var created = await RobotAsync("feishu", secret: "SEC-飞书");

        created.HasSecret.Should().BeTrue();
        created.Target.Should().EndWith("/feishu?key=***").And.NotContain("K-secret-1");
        var listed = (await Deliveries.ListNotificationChannelsAsync(new ListNotificationChannelsRequest { SubsidiaryId = SubsidiaryA.ToString() }, AdminA)).Items.Single();
        listed.ToString().Should().NotContain("SEC-飞书").And.NotContain("K-secret-1");

        // Revised without target or secret: both kept, and still used.
        var revised = await Deliveries.ReviseNotificationChannelAsync(new ReviseNotificationChannelRequest { Id = created.Id, Name = "飞书通知群", Enabled = true, ExpectedVersion = 1 }, AdminA);
        (revised.Name, revised.HasSecret, revised.Version).Should().Be(("飞书通知群", true, 2L));
        await PostAsync(SubsidiaryA, "k3");
        await SendDueAsync();
        (await OnlyDeliveryAsync()).State.Should().Be("sent");
        lock (_received) _received.Single().Body["sign"].Should().NotBeNull("the kept secret signed it");
    }

    [Fact]
    public async Task Bad_channels_are_refused_on_their_fields_and_only_administrators_of_the_subsidiary_set_them_up()
    {
        async Task<RpcException> Create(string kind, string target, string secret = "", CallOptions? caller = null, Guid? subsidiary = null) =>
            await Refused(() => Deliveries.CreateNotificationChannelAsync(new CreateNotificationChannelRequest
            {
                SubsidiaryId = (subsidiary ?? SubsidiaryA).ToString(), Kind = kind, Name = "通知", Target = target, Secret = secret, Enabled = true,
            }, caller ?? AdminA).ResponseAsync);

        FieldErrors.From(await Create("email", "secretary@a.example, not an address")).Should().ContainKey("target");
        FieldErrors.From(await Create("wecom", "ftp://robot.example/hook")).Should().ContainKey("target");
        FieldErrors.From(await Create("wecom", "https://robot.example/hook?key=1", secret: "x")).Should().ContainKey("secret");
        FieldErrors.From(await Create("sms", "https://robot.example/hook")).Should().ContainKey("kind");
        (await Create("email", "a@a.example", caller: As(Roles.Secretary, SubsidiaryA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Create("email", "a@a.example", caller: As(Roles.Member, SubsidiaryA))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await Create("email", "a@a.example", subsidiary: SubsidiaryB)).StatusCode.Should().Be(StatusCode.NotFound);
        (await Refused(() => Deliveries.ListNotificationChannelsAsync(new ListNotificationChannelsRequest { SubsidiaryId = SubsidiaryB.ToString() }, AdminA).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
        (await InScope(s => s.GetRequiredService<ActivityDbContext>().NotificationChannels.CountAsync())).Should().Be(0);

        var email = await Deliveries.CreateNotificationChannelAsync(new CreateNotificationChannelRequest
        {
            SubsidiaryId = SubsidiaryB.ToString(), Kind = "email", Name = "乙书记们", Target = "a@b.example,c@b.example", Enabled = true,
        }, As(Roles.GroupAdmin));
        email.Target.Should().Be("a@b.example, c@b.example");
        FieldErrors.From(await Refused(() => Deliveries.ListDeliveriesAsync(new ListDeliveriesRequest { State = "lost" }, AdminA).ResponseAsync)).Should().ContainKey("state");
    }

    [Fact]
    public async Task Deliveries_are_seen_by_their_subsidiarys_admins_and_secretaries_and_group_admins_only()
    {
        await RobotAsync("wecom");
        await PostAsync(SubsidiaryA, "k4");

        (await Deliveries.ListDeliveriesAsync(new ListDeliveriesRequest(), As(Roles.GroupAdmin))).Total.Should().Be(1);
        (await Deliveries.ListDeliveriesAsync(new ListDeliveriesRequest(), As(Roles.Secretary, SubsidiaryA))).Total.Should().Be(1);
        (await Deliveries.ListDeliveriesAsync(new ListDeliveriesRequest(), As(Roles.Member, SubsidiaryA))).Total.Should().Be(0);
        (await Deliveries.ListDeliveriesAsync(new ListDeliveriesRequest(), As(Roles.SubsidiaryAdmin, SubsidiaryB))).Total.Should().Be(0);
        (await Refused(() => Deliveries.ListDeliveriesAsync(new ListDeliveriesRequest { SubsidiaryId = SubsidiaryA.ToString() }, As(Roles.Secretary, SubsidiaryB)).ResponseAsync))
            .StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task An_escalated_decision_item_published_on_the_broker_becomes_one_notification_for_the_secretarys_unit_with_its_deliveries()
    {
        await RobotAsync("wecom");
        await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(60));
        var escalated = new DecisionItemEscalated(Guid.NewGuid(), SubsidiaryB, _clock.GetUtcNow(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(),
            "党员服务站共建", new DateOnly(2027, 1, 5), Guid.NewGuid(), "乙第一党支部", Guid.NewGuid(), Guid.NewGuid(), SubsidiaryA, "甲党委");
        var bus = _host.Services.GetRequiredService<IBus>();

        await bus.Publish(escalated, c => c.MessageId = escalated.EventId);
        await bus.Publish(escalated, c => c.MessageId = Guid.NewGuid()); // the same event published again under another message id

        var inbox = _host.Client<NotificationService.NotificationServiceClient>();
        var secretary = As(Roles.Secretary, SubsidiaryA);
        ListNotificationsResponse list = null!;
        for (var i = 0; i < 600; i++)
        {
            list = await inbox.ListNotificationsAsync(new ListNotificationsRequest(), secretary);
            if (list.Total > 0) break;
            await Task.Delay(100);
        }
        list.Items.Should().ContainSingle().Which.Should().Match<Contracts.Activity.V1.Notification>(n =>
            n.Kind == "escalation" && n.Title.Contains("党员服务站共建") && n.Text.Contains("甲党委") && n.Link == $"/meetings/{escalated.MeetingId}");
        // The second copy is consumed too before we count (its inbox row or its skipped notification), then still one.
        for (var i = 0; i < 600 && await InScope(s => s.GetRequiredService<ActivityDbContext>().Database
                 .SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM inbox_messages").SingleAsync()) < 2; i++)
            await Task.Delay(100);
        (await inbox.ListNotificationsAsync(new ListNotificationsRequest(), secretary)).Total.Should().Be(1);
        (await OnlyDeliveryAsync()).State.Should().Be("pending");
    }
}
