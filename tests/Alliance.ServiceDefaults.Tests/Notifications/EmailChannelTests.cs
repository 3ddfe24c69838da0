using System.Diagnostics;
using System.Net.Sockets;
using Alliance.ServiceDefaults.Notifications;
using Alliance.Testing.Servers;
using MailKit.Security;
using MimeKit;

namespace Alliance.ServiceDefaults.Tests.Notifications;

/// <summary>The e-mail channel against a real SMTP server on loopback: Debian's aiosmtpd, delivering into a maildir.</summary>
public sealed class EmailChannelTests : IAsyncLifetime
{
    readonly string _maildir = Path.Combine(Path.GetTempPath(), "alliance-smtp-" + Guid.NewGuid().ToString("N")[..8]);
    readonly int _port = FreePort.Next();
    Process _server = null!;

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{_port}", "-c", "aiosmtpd.handlers.Mailbox", _maildir })
            start.ArgumentList.Add(a);
        _server = Process.Start(start)!;
        for (var i = 0; ; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", _port);
                return;
            }
            catch (SocketException) when (i < 100 && !_server.HasExited) { await Task.Delay(100); }
        }
    }

    public Task DisposeAsync()
    {
        if (!_server.HasExited) _server.Kill();
        _server.Dispose();
        try { Directory.Delete(_maildir, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return Task.CompletedTask;
    }

    EmailChannel Channel(int? port = null) => new(new SmtpOptions
    {
        Host = "127.0.0.1", Port = port ?? _port, Security = SecureSocketOptions.None, FromAddress = "alliance@group.example", FromName = "党建联盟",
    });

    [Fact]
    public async Task A_notification_arrives_as_a_plain_text_mail_in_chinese_with_its_link()
    {
        await Channel().SendAsync("secretary@branch.example", "王书记",
            new Notification("督办事项即将到期", "“党员服务站共建”将于 3 天后到期。", new Uri("https://alliance.example/items/7")), CancellationToken.None);

        var file = Directory.GetFiles(Path.Combine(_maildir, "new")).Should().ContainSingle().Subject;
        using var message = await MimeMessage.LoadAsync(file);
        message.Subject.Should().Be("督办事项即将到期");
        message.To.Mailboxes.Should().ContainSingle().Which.Should().Match<MailboxAddress>(m => m.Address == "secretary@branch.example" && m.Name == "王书记");
        message.From.Mailboxes.Single().Address.Should().Be("alliance@group.example");
        message.TextBody!.ReplaceLineEndings("\n").TrimEnd().Should().Be("“党员服务站共建”将于 3 天后到期。\nhttps://alliance.example/items/7");
    }

    [Fact]
    public async Task A_malformed_address_fails_for_good_and_an_unreachable_server_is_tried_again()
    {
        var malformed = () => Channel().SendAsync("not an address", null, new Notification("t", "x"), CancellationToken.None);
        (await malformed.Should().ThrowAsync<DeliveryFailedException>()).Which.Retryable.Should().BeFalse();

        var unreachable = () => Channel(FreePort.Next()).SendAsync("a@b.example", null, new Notification("t", "x"), CancellationToken.None);
        (await unreachable.Should().ThrowAsync<DeliveryFailedException>()).Which.Retryable.Should().BeTrue();
        var delivered = Path.Combine(_maildir, "new");
        (Directory.Exists(delivered) ? Directory.GetFiles(delivered) : []).Should().BeEmpty("nothing was delivered");
    }
}
