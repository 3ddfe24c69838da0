using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Alliance.Organization.People;

/// <summary>
/// Encrypts ID and phone numbers at rest with AES-GCM under the key <c>PersonalData:Key</c> (base64, 32 bytes), and
/// hashes ID numbers with a key derived from it so duplicates are found without decrypting. A stored value is
/// nonce (12) | tag (16) | ciphertext.
/// </summary>
public sealed class PersonalDataProtector
{
    public const string KeySetting = "PersonalData:Key";
    const int NonceSize = 12;
    const int TagSize = 16;
    // Development only, so a fresh checkout runs without secrets; outside Development the key is required.
    static readonly byte[] DevelopmentKey = SHA256.HashData("alliance-development-personal-data-key-not-for-production"u8);

    readonly byte[] _key;
    readonly byte[] _hashKey;

    public PersonalDataProtector(byte[] key)
    {
        if (key.Length != 32) throw new ArgumentException("The personal data key must be 32 bytes.", nameof(key));
        _key = key;
        _hashKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key, 32, info: "alliance-personal-data-lookup"u8.ToArray());
    }

    public static PersonalDataProtector FromConfiguration(IConfiguration configuration, IHostEnvironment environment)
    {
        var setting = configuration[KeySetting];
        if (string.IsNullOrWhiteSpace(setting))
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException($"{KeySetting} must be set outside Development (base64 of 32 random bytes).");
            return new PersonalDataProtector(DevelopmentKey);
        }
        byte[] key;
        try { key = Convert.FromBase64String(setting); }
        catch (FormatException) { throw new InvalidOperationException($"{KeySetting} is not base64."); }
        if (key.Length != 32) throw new InvalidOperationException($"{KeySetting} must decode to 32 bytes, not {key.Length}.");
        return new PersonalDataProtector(key);
    }

    public byte[] Encrypt(string plain)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var result = new byte[NonceSize + TagSize + plainBytes.Length];
        var nonce = result.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagSize);
        aes.Encrypt(nonce, plainBytes, result.AsSpan(NonceSize + TagSize), result.AsSpan(NonceSize, TagSize));
        return result;
    }

    public string Decrypt(byte[] stored)
    {
        var plain = new byte[stored.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key, TagSize);
        aes.Decrypt(stored.AsSpan(0, NonceSize), stored.AsSpan(NonceSize + TagSize), stored.AsSpan(NonceSize, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>A keyed hash for lookups: the same number always gives the same hash, which says nothing without the key.</summary>
    public string Hash(string plain) => Convert.ToHexStringLower(HMACSHA256.HashData(_hashKey, Encoding.UTF8.GetBytes(plain)));
}

/// <summary>The formats of personal data and how they are shown masked.</summary>
public static partial class PersonalData
{
    /// <summary>An 18-character resident ID number (居民身份证号码) with a valid check character (GB 11643, ISO 7064 MOD 11-2).</summary>
    public static bool IsValidIdNumber(string value)
    {
        if (!IdNumberPattern().IsMatch(value)) return false;
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += (value[i] - '0') * weights[i];
        return "10X98765432"[sum % 11] == char.ToUpperInvariant(value[17]);
    }

    /// <summary>A mainland mobile number: 11 digits starting 13–19.</summary>
    public static bool IsValidPhone(string value) => PhonePattern().IsMatch(value);

    public static string NormalizeIdNumber(string value) => value.Trim().ToUpperInvariant();
    public static string NormalizePhone(string value) => value.Trim().Replace(" ", "").Replace("-", "");

    /// <summary>3101**********1234: the region and the last four stay.</summary>
    public static string MaskIdNumber(string value) => value.Length <= 8 ? new string('*', value.Length)
        : value[..4] + new string('*', value.Length - 8) + value[^4..];

    /// <summary>138****5678.</summary>
    public static string MaskPhone(string value) => value.Length <= 7 ? new string('*', value.Length)
        : value[..3] + new string('*', value.Length - 7) + value[^4..];

    [GeneratedRegex(@"^\d{17}[\dXx]$")]
    private static partial Regex IdNumberPattern();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex PhonePattern();
}
