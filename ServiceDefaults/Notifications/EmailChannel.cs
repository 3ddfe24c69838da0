using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Alliance.ServiceDefaults.Notifications;

/// <summary>How the e-mail channel reaches its SMTP server (configuration section <c>Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 25;
    /// <summary>None (loopback or a trusted relay), StartTls, or SslOnConnect (port 465).</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.StartTls;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "";
    public string FromName { get; set; } = "党建联盟";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Sends a notification as a plain-text UTF-8 e-mail through SMTP (MailKit).</summary>
public sealed class EmailChannel(SmtpOptions options)
{
    public async Task SendAsync(string toAddress, string? toName, Notification notification, CancellationToken ct)
    {
        if (!MailboxAddress.TryParse(toAddress, out var to))
            throw new DeliveryFailedException($"'{toAddress}' is not an e-mail address.", retryable: false);
        if (toName is not null) to.Name = toName;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        message.To.Add(to);
        message.Subject = notification.Title;
        message.Body = new TextPart("plain") { Text = notification.TextWithLink };

        using var client = new SmtpClient { Timeout = (int)options.Timeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(options.Host, options.Port, options.Security, ct);
            if (!string.IsNullOrEmpty(options.UserName)) await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e) when (e.StatusCode is >= (SmtpStatusCode)500 and < (SmtpStatusCode)600)
        {
            throw new DeliveryFailedException($"The mail server refused the message: {(int)e.StatusCode} {e.Message}", retryable: false, e);
        }
        catch (AuthenticationException e)
        {
            throw new DeliveryFailedException($"The mail server refused the sign-in: {e.Message}", retryable: false, e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or IOException or System.Net.Sockets.SocketException or TimeoutException)
        {
            throw new DeliveryFailedException($"The mail server could not be reached or failed: {e.Message}", retryable: true, e);
        }
    }
}
