using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Alliance.Activity.Attendance;

public enum CodeMatch { Valid, Stale, Wrong }

/// <summary>
/// The six-digit code shown at the venue: TOTP (RFC 6238) over the activity's own secret, HMAC-SHA1 with the dynamic
/// truncation of HOTP (RFC 4226), one code per step of <see cref="AttendanceOptions.CodeStepSeconds"/>. Codes are
/// computed when asked and checked by recomputing them; none is ever stored. Every candidate is compared in constant
/// time and all of them are compared, so the time taken does not tell how close a guess was.
/// </summary>
public static class CheckInCodes
{
    public const int Digits = 6;
    public const int SecretBytes = 32;
    /// <summary>How far back a code is recognized as having been valid (to say "expired" rather than "wrong").</summary>
    const int StaleSteps = 30;

    public static byte[] NewSecret() => RandomNumberGenerator.GetBytes(SecretBytes);

    public static long StepOf(DateTimeOffset instant, int stepSeconds) => instant.ToUnixTimeSeconds() / stepSeconds;

    public static (DateTimeOffset From, DateTimeOffset Until) StepWindow(long step, int stepSeconds) =>
        (DateTimeOffset.FromUnixTimeSeconds(step * stepSeconds), DateTimeOffset.FromUnixTimeSeconds((step + 1) * stepSeconds));

    public static string At(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6");
    }

    /// <summary>Valid for the current step or one of the grace steps before it; Stale when it was valid earlier; else Wrong.</summary>
    public static CodeMatch Match(byte[] secret, string code, DateTimeOffset now, int stepSeconds, int graceSteps)
    {
        var given = Encoding.ASCII.GetBytes(code.Length == Digits ? code : new string('x', Digits));
        var current = StepOf(now, stepSeconds);
        var valid = false;
        var stale = false;
        for (var back = 0; back <= StaleSteps; back++)
        {
            var equal = CryptographicOperations.FixedTimeEquals(given, Encoding.ASCII.GetBytes(At(secret, current - back)));
            if (back <= graceSteps) valid |= equal;
            else stale |= equal;
        }
        return valid ? CodeMatch.Valid : stale ? CodeMatch.Stale : CodeMatch.Wrong;
    }

    public static bool IsWellFormed(string? code) => code is { Length: Digits } && code.All(char.IsAsciiDigit);
}
