using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Alliance.ServiceDefaults.Notifications;
using Alliance.Testing.Servers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Alliance.ServiceDefaults.Tests.Notifications;

/// <summary>
/// The group-chat robots against a local HTTP receiver that checks each platform's documented signing rule with its own
/// code, and answers as the platform does.
/// </summary>
public sealed class GroupRobotChannelTests : IAsyncLifetime
{
    const string Secret = "SEC-联盟-123";
    static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(1765000000);
    static readonly Notification Reminder = new("三会一课提醒", "第一支部本季度党员大会将于 12 月 15 日到期。", new Uri("https://alliance.example/branches/1"));

    WebApplication _receiver = null!;
    Uri _base = null!;
    readonly List<(string Path, JsonObject Body)> _received = [];
    HttpStatusCode _status = HttpStatusCode.OK;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var port = FreePort.Next();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        _receiver = builder.Build();
        _receiver.MapPost("/{kind}", async (string kind, HttpContext http) =>
        {
            var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            lock (_received) _received.Add((kind, body));
            if (_status != HttpStatusCode.OK) return Results.StatusCode((int)_status);
            return kind switch
            {
                "wecom" => Results.Json(new { errcode = http.Request.Query["key"] == "K1" ? 0 : 93000, errmsg = "ok" }),
                "dingtalk" => Results.Json(new { errcode = DingTalkSigned(http.Request) ? 0 : 310000, errmsg = "sign not match" }),
                "feishu" => Results.Json(new { code = FeishuSigned(body) ? 0 : 19021, msg = "sign match fail or timestamp is not within one hour from current time" }),
                _ => Results.NotFound(),
            };
        });
        await _receiver.StartAsync();
        _base = new Uri($"http://127.0.0.1:{port}/");
    }

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    /// <summary>DingTalk's rule: sign = Base64(HMAC-SHA256(secret, timestamp + "\n" + secret)), URL-encoded in the query.</summary>
    static bool DingTalkSigned(HttpRequest request)
    {
        var timestamp = request.Query["timestamp"].ToString();
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "\n" + Secret)));
        return timestamp == "1765000000000" && request.Query["sign"] == expected;
    }

    /// <summary>Feishu's rule: sign = Base64(HMAC-SHA256 keyed with timestamp + "\n" + secret over nothing), in the body.</summary>
    static bool FeishuSigned(JsonObject body)
    {
        var timestamp = (string?)body["timestamp"];
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(timestamp + "\n" + Secret));
        return timestamp == "1765000000" && (string?)body["sign"] == Convert.ToBase64String(hmac.ComputeHash([]));
    }

    GroupRobotChannel Channel() => new(new HttpClient(), new FixedClock(Now));

    sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    [Fact]
    public void The_signatures_are_those_an_independent_implementation_computes()
    {
        // Python's hmac and base64 on the same inputs.
        GroupRobotChannel.DingTalkSign("1765000000000", "SEC123").Should().Be("54RMakj5GozBdemau061zdqpd+sA1XqVAACR498h8W0=");
        GroupRobotChannel.FeishuSign("1765000000", "SEC123").Should().Be("qf3oajCMa2Rm58SftZygcAkzlRc6wcHehvyNv+XzVSg=");
    }

    [Theory]
    [InlineData(GroupRobotKind.WeCom, "wecom?key=K1", null)]
    [InlineData(GroupRobotKind.DingTalk, "dingtalk?access_token=T1", Secret)]
    [InlineData(GroupRobotKind.Feishu, "feishu", Secret)]
    public async Task Each_robot_gets_the_text_in_its_own_shape_signed_by_its_own_rule(GroupRobotKind kind, string path, string? secret)
    {
        await Channel().SendAsync(new GroupRobot(kind, new Uri(_base, path), secret), Reminder, CancellationToken.None);

        var (_, body) = _received.Should().ContainSingle().Subject;
        var text = kind == GroupRobotKind.Feishu ? (string?)body["content"]!["text"] : (string?)body["text"]!["content"];
        text.Should().Be("三会一课提醒\n第一支部本季度党员大会将于 12 月 15 日到期。\nhttps://alliance.example/branches/1");
        ((string?)(body["msgtype"] ?? body["msg_type"])).Should().Be("text");
    }

    [Theory]
    [InlineData(GroupRobotKind.WeCom, "wecom?key=WRONG", null)]
    [InlineData(GroupRobotKind.DingTalk, "dingtalk?access_token=T1", "another secret")]
    [InlineData(GroupRobotKind.Feishu, "feishu", "another secret")]
    public async Task A_wrong_key_or_signature_fails_for_good(GroupRobotKind kind, string path, string? secret)
    {
        var send = () => Channel().SendAsync(new GroupRobot(kind, new Uri(_base, path), secret), Reminder, CancellationToken.None);

        (await send.Should().ThrowAsync<DeliveryFailedException>()).Which.Retryable.Should().BeFalse("sending it again cannot succeed");
    }

    [Fact]
    public async Task A_robot_that_is_down_or_overloaded_is_tried_again()
    {
        _status = HttpStatusCode.ServiceUnavailable;
        var overloaded = () => Channel().SendAsync(new GroupRobot(GroupRobotKind.WeCom, new Uri(_base, "wecom?key=K1")), Reminder, CancellationToken.None);
        (await overloaded.Should().ThrowAsync<DeliveryFailedException>()).Which.Retryable.Should().BeTrue();

        var unreachable = () => Channel().SendAsync(new GroupRobot(GroupRobotKind.WeCom, new Uri($"http://127.0.0.1:{FreePort.Next()}/wecom?key=K1")), Reminder, CancellationToken.None);
        (await unreachable.Should().ThrowAsync<DeliveryFailedException>()).Which.Retryable.Should().BeTrue();
    }
}
