using System.Diagnostics;
using System.Net.Sockets;
using Alliance.Activity.Common;
using Alliance.Activity.Data;
using Alliance.Activity.Notifications;
using Alliance.Contracts;
using Alliance.Contracts.Activity.V1;
using Alliance.ServiceDefaults.Grpc;
using Alliance.Testing;
using Alliance.Testing.Servers;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Notification = Alliance.Activity.Notifications.Notification;
using Delivery = Alliance.Contracts.Activity.V1.Delivery;

namespace Alliance.Activity.Tests.Notifications;

/// <summary>
/// The delivery worker as the service runs it, to a real SMTP server on loopback (Debian's aiosmtpd into a maildir): a
/// notification posted for a subsidiary with an e-mail channel arrives once at each of its addresses, and shows as sent.
/// </summary>
public sealed class EmailDeliveryTests : IAsyncLifetime
{
    readonly string _maildir = Path.Combine(Path.GetTempPath(), "alliance-orglife-smtp-" + Guid.NewGuid().ToString("N")[..8]);
    readonly int _port = FreePort.Next();
    Process _smtp = null!;
    ServiceHost _host = null!;
    static readonly Guid Subsidiary = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{_port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir })
            start.ArgumentList.Add(a);
        _smtp = Process.Start(start)!;
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", _port);
                break;
            }
            catch (SocketException) when (i < 100 && !_smtp.HasExited) { await Task.Delay(100); }
        }
        var configuration = new Dictionary<string, string?>
        {
            ["OrganizationLife:Reminders:Enabled"] = "false",
            ["Notifications:Delivery:PollInterval"] = "00:00:00.200",
            ["Notifications:Delivery:ConsoleBaseUrl"] = "https://alliance.example/",
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = _port.ToString(),
            ["Notifications:Smtp:Security"] = "None",
            ["Notifications:Smtp:FromAddress"] = "alliance@group.example",
        };
        await configuration.AddOwnServersAsync("email-deliveries");
        _host = await ServiceHost.StartAsync(configuration,
            b =>
            {
                b.AddApplicationServices();
                b.Services.AddSingleton<IOrganizationDirectory>(new FakeOrganizationDirectory());
            },
            a => a.MapApplicationEndpoints());
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        if (!_smtp.HasExited) _smtp.Kill();
        _smtp.Dispose();
        try { Directory.Delete(_maildir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [Fact]
    public async Task A_reminder_is_mailed_once_to_every_address_of_the_subsidiarys_e_mail_channel()
    {
        var metadata = new Metadata { { AllianceMetadata.UserRole, Roles.SubsidiaryAdmin }, { AllianceMetadata.TenantId, Subsidiary.ToString() } };
        var deliveries = _host.Client<NotificationDeliveryService.NotificationDeliveryServiceClient>();
        await deliveries.CreateNotificationChannelAsync(new CreateNotificationChannelRequest
        {
            SubsidiaryId = Subsidiary.ToString(), Kind = "email", Name = "书记邮箱", Target = "wang@branch.example, li@branch.example", Enabled = true,
        }, new CallOptions(metadata));

        await using (var scope = _host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ActivityDbContext>();
            var now = DateTimeOffset.UtcNow;
            await NotificationInbox.PostAsync(db,
                [Notification.Post("mail-1", NotificationKinds.Overdue, Subsidiary, null, "甲第一党支部：支委会（2026-12）已逾期", "甲第一党支部 在 2026-12 未召开支委会。", "/organization-life", now)],
                now, CancellationToken.None);
            await db.SaveChangesAsync();
        }

        ListDeliveriesResponse list = null!;
        for (var i = 0; i < 600; i++)
        {
            list = await deliveries.ListDeliveriesAsync(new ListDeliveriesRequest(), new CallOptions(metadata));
            if (list.Items.All(d => d.State == "sent")) break;
            await Task.Delay(100);
        }
        list.Items.Should().ContainSingle().Which.Should().Match<Delivery>(d => d.State == "sent" && d.Attempts == 1 && d.ChannelKind == "email");
        var files = Directory.GetFiles(Path.Combine(_maildir, "new"));
        files.Should().HaveCount(2);
        var messages = new List<MimeMessage>();
        foreach (var file in files) messages.Add(await MimeMessage.LoadAsync(file));
        messages.SelectMany(m => m.To.Mailboxes.Select(x => x.Address)).Should().BeEquivalentTo(["wang@branch.example", "li@branch.example"]);
        messages.Should().OnlyContain(m => m.Subject == "甲第一党支部：支委会（2026-12）已逾期"
            && m.TextBody!.Contains("https://alliance.example/organization-life"));
        foreach (var m in messages) m.Dispose();
    }
}
