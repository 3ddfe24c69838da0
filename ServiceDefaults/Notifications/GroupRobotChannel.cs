using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Alliance.ServiceDefaults.Notifications;

/// <summary>The group-chat robots a notification can go to, each with its own message shape and signing rule.</summary>
public enum GroupRobotKind { WeCom, DingTalk, Feishu }

/// <summary>A robot's webhook: its address (WeCom's carries its key) and, for DingTalk and Feishu, the signing secret.</summary>
public sealed record GroupRobot(GroupRobotKind Kind, Uri Webhook, string? Secret = null);

/// <summary>
/// Posts a notification to a group-chat robot webhook as JSON over HTTPS:
/// <list type="bullet">
/// <item>WeCom (企业微信): the key is in the address; <c>{"msgtype":"text","text":{"content":…}}</c>.</item>
/// <item>DingTalk (钉钉), with a secret: <c>timestamp</c> (ms) and <c>sign</c> = Base64(HMAC-SHA256(secret,
/// "{timestamp}\n{secret}")) as query parameters; the same body as WeCom.</item>
/// <item>Feishu (飞书), with a secret: <c>timestamp</c> (s) and <c>sign</c> = Base64(HMAC-SHA256(key "{timestamp}\n{secret}",
/// empty message)) in the body; <c>{"msg_type":"text","content":{"text":…}}</c>.</item>
/// </list>
/// Each answers HTTP 200 with its own error code in the body (<c>errcode</c>, or <c>code</c> for Feishu): non-zero fails.
/// </summary>
public sealed class GroupRobotChannel(HttpClient http, TimeProvider clock)
{
    public async Task SendAsync(GroupRobot robot, Notification notification, CancellationToken ct)
    {
        using var request = Request(robot, notification, clock.GetUtcNow());
        HttpResponseMessage response;
        try { response = await http.SendAsync(request, ct); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new DeliveryFailedException($"The {robot.Kind} robot could not be reached: {e.Message}", retryable: true, e);
        }
        using (response)
        {
            var status = (int)response.StatusCode;
            if (status is 429 or >= 500)
                throw new DeliveryFailedException($"The {robot.Kind} robot answered {status}.", retryable: true);
            if (status >= 400)
                throw new DeliveryFailedException($"The {robot.Kind} robot refused the message: {status}.", retryable: false);
            var body = await response.Content.ReadFromJsonAsync<JsonObject>(ct);
            var code = (body?["errcode"] ?? body?["code"] ?? body?["StatusCode"])?.GetValue<int>();
            if (code is not (null or 0))
            {
                var message = (body?["errmsg"] ?? body?["msg"])?.GetValue<string>();
                // Rate limits (DingTalk 130101, WeCom 45009, Feishu 11232) pass; anything else (a wrong key or signature) will not.
                throw new DeliveryFailedException($"The {robot.Kind} robot refused the message: {code} {message}",
                    retryable: code is 130101 or 45009 or 11232);
            }
        }
    }

    /// <summary>The signed request for <paramref name="robot"/> at <paramref name="now"/>.</summary>
    public static HttpRequestMessage Request(GroupRobot robot, Notification notification, DateTimeOffset now)
    {
        var text = $"{notification.Title}\n{notification.TextWithLink}";
        switch (robot.Kind)
        {
            case GroupRobotKind.WeCom:
                return Post(robot.Webhook, new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = text } });
            case GroupRobotKind.DingTalk:
            {
                var address = robot.Webhook;
                if (!string.IsNullOrEmpty(robot.Secret))
                {
                    var timestamp = now.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    var sign = Uri.EscapeDataString(DingTalkSign(timestamp, robot.Secret));
                    var separator = string.IsNullOrEmpty(address.Query) ? "?" : "&";
                    address = new Uri($"{address}{separator}timestamp={timestamp}&sign={sign}");
                }
                return Post(address, new JsonObject { ["msgtype"] = "text", ["text"] = new JsonObject { ["content"] = text } });
            }
            case GroupRobotKind.Feishu:
            {
                var body = new JsonObject { ["msg_type"] = "text", ["content"] = new JsonObject { ["text"] = text } };
                if (!string.IsNullOrEmpty(robot.Secret))
                {
                    var timestamp = now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                    body["timestamp"] = timestamp;
                    body["sign"] = FeishuSign(timestamp, robot.Secret);
                }
                return Post(robot.Webhook, body);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(robot), robot.Kind, "Unknown robot kind.");
        }
    }

    public static string DingTalkSign(string timestampMs, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestampMs}\n{secret}")));

    public static string FeishuSign(string timestampSeconds, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes($"{timestampSeconds}\n{secret}"), Array.Empty<byte>()));

    static HttpRequestMessage Post(Uri address, JsonObject body) => new(HttpMethod.Post, address)
    {
        Content = new StringContent(body.ToJsonString(Json), Encoding.UTF8, "application/json"),
    };

    static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
