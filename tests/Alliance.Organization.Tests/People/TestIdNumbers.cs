namespace Alliance.Organization.Tests.People;

/// <summary>Resident ID numbers with a correct check character, made up for tests.</summary>
public static class TestIdNumbers
{
    static int _serial;

    /// <summary>A Shanghai (3101..) number born 1990-01-01 with a fresh sequence number.</summary>
    public static string Next() => WithCheck($"31010119900101{Interlocked.Increment(ref _serial) % 1000:000}");

    public static string WithCheck(string first17)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }
}
